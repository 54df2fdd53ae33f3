// hsts1: HTTPS from the first request on
//
// A user types `bank.example`; the browser tries plain HTTP first, and the server redirects
// it to https://. That first plaintext request is where an attacker on the network can
// answer instead, and keep the user on HTTP. HSTS (RFC 6797) closes the gap from the second
// visit on: over HTTPS, the server sends `Strict-Transport-Security: max-age=<seconds>`, and
// the browser then goes straight to https:// for that host for that long (with
// `includeSubDomains`, for every subdomain too). Only over TLS (RFC 6797 section 7.2): over
// plain HTTP an attacker could inject or strip it, so browsers ignore it there, and plain
// HTTP only redirects. A year (31536000 s) is the usual lifetime, and what browsers' preload
// lists require. `respond` serves both ports. Send HSTS right.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use http::{Request, Response};

// TODO: a policy that outlives the time between two visits, and covers the subdomains.
const HSTS: &str = "max-age=300";

/// The answer to `request`; `secure` says whether it came over TLS.
fn respond(request: &Request, secure: bool) -> Response {
    // TODO: HSTS only over TLS.
    if !secure {
        let location = format!("https://{}{}", request.host, request.path);
        return Response::new(301, "")
            .header("Location", &location)
            .header("Strict-Transport-Security", HSTS);
    }
    Response::new(200, "your account\n").header("Strict-Transport-Security", HSTS)
}

fn main() {
    let server = tls::serve_plain_with(|request| respond(request, false));
    match tls::plain_get(server.addr, "localhost", "/account") {
        Ok(response) => tls::show_response(&response),
        Err(e) => println!("{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_answers_carry_a_year_long_hsts_policy() {
        let response = tls::https_get_with(|request| respond(request, true), "/account");
        let policy = response.get("Strict-Transport-Security");
        let max_age = policy.and_then(|p| http::directive(p, "max-age")?.parse::<u64>().ok());
        assert!(
            max_age.is_some_and(|age| age >= 31_536_000),
            "over HTTPS, send `Strict-Transport-Security` with a max-age of a year (31536000) or more, or the policy lapses between visits; it was {policy:?}"
        );
        assert!(
            policy.is_some_and(|p| p.contains("includeSubDomains")),
            "the policy covers the subdomains too (`includeSubDomains`); it was {policy:?}"
        );
    }

    #[test]
    fn plain_http_redirects_and_never_sends_hsts() {
        let server = tls::serve_plain_with(|request| respond(request, false));
        let response = tls::plain_get(server.addr, "localhost", "/account")
            .unwrap_or_else(|e| panic!("GET /account over plain HTTP: {e}"));
        assert_eq!(
            (response.status, response.get("Location")),
            (301, Some("https://localhost/account")),
            "plain HTTP only sends the client to the same URL over HTTPS"
        );
        assert_eq!(
            response.get("Strict-Transport-Security"),
            None,
            "RFC 6797 section 7.2: no HSTS over plain HTTP, where anyone on the path could have written it"
        );
    }
}

// security_headers1: security headers, set once as a layer
//
// A few response headers switch on protections browsers already have:
// - `Content-Security-Policy` (CSP below): scripts and other resources only from this site,
//   so an injected `<script>` does not run; no plugins, no `<base>`, and no framing by other
//   sites (clickjacking). A handler with other needs (the embeddable widget) sets its own,
//   and the layer must keep that one, not add a second.
// - `X-Content-Type-Options: nosniff`: the browser trusts Content-Type instead of guessing
//   that an uploaded "text/plain" file is HTML.
// - `Strict-Transport-Security: max-age=63072000; includeSubDomains`: two years of HTTPS only.
// - `Referrer-Policy: no-referrer`: links do not leak the page's URL to other sites.
// Set them in one place, around the whole router, so no response can miss them: not even the
// 404 and 405 that axum answers itself.
//
// Finish `security_headers` and attach it so it wraps every response.

#[path = "support/http.rs"]
mod http;
#[path = "support/site.rs"]
mod site;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::Response;

const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Adds the security headers to a response.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    response
}

fn app() -> Router {
    site::routes().layer(middleware::map_response(security_headers))
}

fn main() {
    let _app = app();
    println!("every response carries: {CSP}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{Method, StatusCode};

    #[tokio::test]
    async fn pages_get_the_headers() {
        for uri in ["/", "/files/notes.txt"] {
            let reply = http::send(app(), Method::GET, uri, &[], "").await;
            assert_eq!(reply.status, StatusCode::OK, "GET {uri} is a page");
            site::assert_security_headers(uri, &reply.headers, CSP);
        }
    }

    #[tokio::test]
    async fn the_widget_keeps_its_own_policy() {
        let reply = http::send(app(), Method::GET, "/widget", &[], "").await;
        site::assert_security_headers("/widget", &reply.headers, site::WIDGET_CSP);
    }

    #[tokio::test]
    async fn error_responses_get_the_headers_too() {
        let reply = http::send(app(), Method::GET, "/admin", &[], "").await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "no route matches /admin"
        );
        site::assert_security_headers("GET /admin (404)", &reply.headers, CSP);
        let reply = http::send(app(), Method::DELETE, "/", &[], "").await;
        assert_eq!(
            reply.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "/ only answers GET"
        );
        site::assert_security_headers("DELETE / (405)", &reply.headers, CSP);
    }
}

// security_headers1: security headers, set once as a layer
//
// A few response headers switch on protections browsers already have: a
// Content-Security-Policy (`CSP` below: resources only from this site, so an injected
// `<script>` does not run, and no framing by other sites), `X-Content-Type-Options: nosniff`
// (no guessing that an uploaded text file is HTML), `Strict-Transport-Security:
// max-age=63072000; includeSubDomains` (two years of HTTPS only) and `Referrer-Policy:
// no-referrer`. Set them in one place, around the whole router, so no response misses them,
// not even the 404 and 405 that axum answers itself. A handler with other needs (the
// embeddable widget) sets its own CSP, and the layer keeps it instead of adding a second.
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

const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

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
    use axum::http::Method;

    #[tokio::test]
    async fn pages_get_the_headers() {
        for (uri, csp) in [
            ("/", CSP),
            ("/files/notes.txt", CSP),
            ("/widget", site::WIDGET_CSP),
        ] {
            let reply = http::send(app(), Method::GET, uri, &[], "").await;
            site::assert_security_headers(uri, &reply.headers, csp);
        }
    }

    #[tokio::test]
    async fn error_responses_get_the_headers_too() {
        for (method, uri) in [(Method::GET, "/admin"), (Method::DELETE, "/")] {
            let reply = http::send(app(), method.clone(), uri, &[], "").await;
            let what = format!("{method} {uri} ({})", reply.status);
            site::assert_security_headers(&what, &reply.headers, CSP);
        }
    }
}

// security_headers1: security headers as a layer
//
// A few response headers switch on protections that browsers already have. They cost
// nothing, and they turn whole families of bugs into non-events:
//
//     Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'
//         Scripts, styles, images... may only come from this site, so a `<script>` that an
//         XSS bug lets through does not run (no 'unsafe-inline'); no plugins; no `<base>` tag
//         to redirect relative URLs; and no other site may show this page in a frame, which
//         stops clickjacking (a page that frames yours invisibly and tricks clicks onto it).
//     X-Content-Type-Options: nosniff
//         The browser trusts Content-Type instead of guessing. Without it, an uploaded
//         "text/plain" file full of HTML can be sniffed and rendered as a page.
//     Strict-Transport-Security: max-age=63072000; includeSubDomains
//         For two years, this browser only talks to the site (and its subdomains) over
//         HTTPS, so nobody on the network can downgrade a visit to plain HTTP.
//     Referrer-Policy: no-referrer
//         Links to other sites do not leak the page's URL (which may hold ids or tokens).
//
// Set them in one place, as a layer around the whole router, so no route can forget them,
// including the 404 and 405 responses axum makes itself. One exception: a handler that needs
// a different policy (the embeddable widget below) sets its own Content-Security-Policy, and
// the layer must keep it rather than overwrite it or add a second one.
//
// Finish `security_headers` and apply it so that every response gets the headers.

use axum::Router;
use axum::extract::Path;
use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Adds the security headers to every response.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    );
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    response
}

async fn home() -> Html<&'static str> {
    Html("<!doctype html>\n<h1>Welcome</h1>\n")
}

/// A file a user uploaded, served as plain text.
async fn user_file(Path(name): Path<String>) -> impl IntoResponse {
    let content = match name.as_str() {
        "notes.txt" => "buy milk\n",
        _ => "<script>alert(document.cookie)</script>\n",
    };
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], content)
}

/// A widget that partner sites may embed in a frame, so it sets its own policy.
async fn widget() -> impl IntoResponse {
    (
        [(
            CONTENT_SECURITY_POLICY,
            "default-src 'self'; frame-ancestors https://partner.example",
        )],
        Html("<!doctype html>\n<p>Weather: sunny</p>\n"),
    )
}

fn app() -> Router {
    Router::new()
        .route("/", get(home))
        .route("/files/{name}", get(user_file))
        .route("/widget", get(widget))
        .layer(middleware::map_response(security_headers))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/");
    axum::serve(listener, app()).await.expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, HeaderName, Method, Request, StatusCode};
    use http_body_util::BodyExt;
    use std::collections::HashMap;
    use tower::ServiceExt;

    async fn send(method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    /// The CSP's directives: name -> its sources.
    fn directives(policy: &str) -> HashMap<String, Vec<String>> {
        policy
            .split(';')
            .filter(|d| !d.trim().is_empty())
            .map(|d| {
                let mut words = d.split_whitespace().map(str::to_string);
                let name = words.next().unwrap().to_ascii_lowercase();
                (name, words.collect())
            })
            .collect()
    }

    fn assert_basic_headers(uri: &str, headers: &HeaderMap) {
        let get = |name: HeaderName| match headers.get(&name) {
            Some(value) => value.to_str().unwrap(),
            None => panic!("the response to {uri} has no {name} header"),
        };
        assert_eq!(get(X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(
            get(STRICT_TRANSPORT_SECURITY),
            "max-age=63072000; includeSubDomains"
        );
        assert_eq!(get(REFERRER_POLICY), "no-referrer");
        assert!(
            headers.contains_key(CONTENT_SECURITY_POLICY),
            "{uri}: no CSP"
        );
    }

    fn assert_strict_csp(uri: &str, headers: &HeaderMap) {
        let Some(policy) = headers.get(CONTENT_SECURITY_POLICY) else {
            panic!("the response to {uri} has no content-security-policy header");
        };
        let policy = policy.to_str().unwrap();
        let directives = directives(policy);
        for (name, source) in [
            ("default-src", "'self'"),
            ("object-src", "'none'"),
            ("base-uri", "'none'"),
            ("frame-ancestors", "'none'"),
        ] {
            assert_eq!(
                directives.get(name).map(Vec::as_slice),
                Some([source.to_string()].as_slice()),
                "{uri}: the CSP {policy:?} should have `{name} {source}`"
            );
        }
        for sources in directives.values() {
            for bad in ["'unsafe-inline'", "'unsafe-eval'", "*"] {
                assert!(!sources.iter().any(|s| s == bad), "{uri}: CSP allows {bad}");
            }
        }
    }

    #[tokio::test]
    async fn pages_get_the_headers() {
        for uri in ["/", "/files/notes.txt"] {
            let (status, headers, _) = send(Method::GET, uri).await;
            assert_eq!(status, StatusCode::OK);
            assert_basic_headers(uri, &headers);
            assert_strict_csp(uri, &headers);
        }
    }

    #[tokio::test]
    async fn the_page_cannot_be_framed_or_run_injected_scripts() {
        let (_, headers, _) = send(Method::GET, "/").await;
        assert_strict_csp("/", &headers);
        assert_eq!(headers.get_all(CONTENT_SECURITY_POLICY).iter().count(), 1);
    }

    #[tokio::test]
    async fn an_uploaded_file_is_not_sniffed_as_html() {
        let (status, headers, body) = send(Method::GET, "/files/evil.txt").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "<script>alert(document.cookie)</script>\n");
        assert_eq!(headers[CONTENT_TYPE], "text/plain; charset=utf-8");
        assert_eq!(headers[X_CONTENT_TYPE_OPTIONS], "nosniff");
    }

    #[tokio::test]
    async fn error_responses_get_the_headers_too() {
        let (status, headers, _) = send(Method::GET, "/admin").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_basic_headers("/admin (404)", &headers);
        assert_strict_csp("/admin (404)", &headers);

        let (status, headers, _) = send(Method::DELETE, "/").await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_basic_headers("DELETE / (405)", &headers);
        assert_strict_csp("DELETE / (405)", &headers);
    }

    #[tokio::test]
    async fn a_handler_keeps_its_own_policy() {
        let (status, headers, _) = send(Method::GET, "/widget").await;
        assert_eq!(status, StatusCode::OK);
        assert_basic_headers("/widget", &headers);
        let policies: Vec<_> = headers.get_all(CONTENT_SECURITY_POLICY).iter().collect();
        assert_eq!(
            policies,
            ["default-src 'self'; frame-ancestors https://partner.example"],
            "the widget's own policy must be the only one (browsers enforce every CSP header)"
        );
    }
}

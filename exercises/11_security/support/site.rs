//! A small site (a page, a user's uploaded file, an embeddable widget) and the checks for
//! its security headers (support code: you do not need to edit it).
#![allow(dead_code)]

use axum::Router;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use axum::routing::get;

/// The site's routes, without any security headers.
pub fn routes() -> Router {
    Router::new()
        .route("/", get(home))
        .route("/files/{name}", get(user_file))
        .route("/widget", get(widget))
}

async fn home() -> Html<&'static str> {
    Html("<!doctype html>\n<h1>Welcome</h1>\n")
}

/// A file a user uploaded, served as plain text (this one is HTML in disguise).
async fn user_file(Path(_name): Path<String>) -> impl IntoResponse {
    let content = "<script>alert(document.cookie)</script>\n";
    ([(CONTENT_TYPE, "text/plain; charset=utf-8")], content)
}

/// The widget's own policy: partner sites may show it in a frame.
pub const WIDGET_CSP: &str = "default-src 'self'; frame-ancestors https://partner.example";

/// A widget that a partner site may embed, so it sets its own policy.
async fn widget() -> impl IntoResponse {
    (
        [(CONTENT_SECURITY_POLICY, WIDGET_CSP)],
        Html("<!doctype html>\n<p>Weather: sunny</p>\n"),
    )
}

/// Asserts that a response carries each of the four headers exactly once, with `csp` as
/// its policy.
#[track_caller]
pub fn assert_security_headers(what: &str, headers: &HeaderMap, csp: &str) {
    for (name, want) in [
        ("x-content-type-options", "nosniff"),
        (
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        ),
        ("referrer-policy", "no-referrer"),
        ("content-security-policy", csp),
    ] {
        let values: Vec<_> = headers.get_all(name).iter().collect();
        let why = match name {
            "content-security-policy" => " (browsers enforce every policy they get)",
            _ => "",
        };
        assert_eq!(
            values,
            [want],
            "{what}: the response should carry `{name}: {want}` exactly once{why}"
        );
    }
}

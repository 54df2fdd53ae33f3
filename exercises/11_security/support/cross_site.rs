//! A bank's API behind a guard that refuses cross-site requests (support code: you do not
//! need to edit it). The exercise supplies the guard's rule and the session cookie.
#![allow(dead_code)]

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// Our own origin: scheme, host and (default) port.
pub const SITE_ORIGIN: &str = "https://bank.example";

#[derive(Clone, Copy)]
pub struct Hooks {
    pub allow_request: fn(&Method, &HeaderMap) -> bool,
    pub session_cookie: fn(&str) -> String,
}

/// POST /login sets the session cookie, GET /balance reads, POST /transfer changes state.
pub fn app(
    allow_request: fn(&Method, &HeaderMap) -> bool,
    session_cookie: fn(&str) -> String,
) -> Router {
    let hooks = Hooks {
        allow_request,
        session_cookie,
    };
    Router::new()
        .route("/login", post(login))
        .route("/balance", get(|| async { "balance: 100" }))
        .route("/transfer", post(|| async { "sent" }))
        .layer(middleware::from_fn_with_state(hooks, guard))
        .with_state(hooks)
}

async fn guard(State(hooks): State<Hooks>, request: Request, next: Next) -> Response {
    if (hooks.allow_request)(request.method(), request.headers()) {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

async fn login(State(hooks): State<Hooks>) -> impl IntoResponse {
    let id: String = rand::random::<[u8; 16]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    (
        [(header::SET_COOKIE, (hooks.session_cookie)(&id))],
        "welcome",
    )
}

/// Requests from our own pages, or from clients that are not browsers (no victim's cookies).
pub const SAME_ORIGIN: [&[(&str, &str)]; 4] = [
    &[("sec-fetch-site", "same-origin"), ("origin", SITE_ORIGIN)],
    &[("sec-fetch-site", "none")],
    &[("origin", SITE_ORIGIN)],
    &[("user-agent", "curl/8.5.0")],
];

/// Requests that other sites' pages make the victim's browser send.
pub const CROSS_SITE: [&[(&str, &str)]; 6] = [
    &[
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ],
    // A sibling subdomain is the same site, but not the same origin.
    &[
        ("sec-fetch-site", "same-site"),
        ("origin", "https://blog.bank.example"),
    ],
    &[("sec-fetch-site", "cross-site")],
    // Older browsers send Origin but not Sec-Fetch-Site.
    &[("origin", "https://bank.example.evil.example")],
    &[("origin", "http://bank.example")],
    &[("origin", "null")],
];

//! A notes API behind a CORS layer (support code: you do not need to edit it). The
//! exercise supplies the layer's decisions: which origins, which preflights, and the `Vary`
//! header.
#![allow(dead_code)]

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};

pub const ALLOWED_ORIGINS: [&str; 2] = ["https://app.example", "https://admin.example"];
pub const ALLOWED_METHODS: [&str; 3] = ["GET", "POST", "DELETE"];
pub const ALLOWED_HEADERS: [&str; 2] = ["content-type", "authorization"];

/// Origins that must get no grant: lookalikes of the allowed ones, and `null`.
pub const FOREIGN_ORIGINS: [&str; 5] = [
    "https://evil.example",
    "https://app.example.evil.example",
    "http://app.example",
    "https://app.example:8443",
    "null",
];

#[derive(Clone, Copy)]
pub struct Policy {
    /// Whether this `Origin` may read responses.
    pub origin_allowed: fn(&HeaderValue) -> bool,
    /// Whether a preflight's requested method and headers are allowed.
    pub preflight_allowed: fn(&HeaderMap) -> bool,
    /// Marks a response as depending on `Origin`.
    pub vary_on_origin: fn(&mut HeaderMap),
}

/// GET /api/notes (which says `Vary: Accept-Encoding` itself) and DELETE /api/notes/{id},
/// behind the CORS layer.
pub fn app(
    origin_allowed: fn(&HeaderValue) -> bool,
    preflight_allowed: fn(&HeaderMap) -> bool,
    vary_on_origin: fn(&mut HeaderMap),
) -> Router {
    let policy = Policy {
        origin_allowed,
        preflight_allowed,
        vary_on_origin,
    };
    Router::new()
        .route("/api/notes", get(list_notes))
        .route(
            "/api/notes/{id}",
            delete(|| async { StatusCode::NO_CONTENT }),
        )
        .layer(middleware::from_fn_with_state(policy, cors))
}

async fn list_notes() -> impl IntoResponse {
    // What a compression layer would add: the body depends on Accept-Encoding.
    (
        [(VARY, "Accept-Encoding")],
        r#"[{"id":1,"text":"my secret note"}]"#,
    )
}

async fn cors(State(policy): State<Policy>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(ORIGIN).cloned();
    let origin_ok = origin.as_ref().is_some_and(policy.origin_allowed);
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if !is_preflight {
        next.run(request).await
    } else if origin_ok && (policy.preflight_allowed)(request.headers()) {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        let methods = ALLOWED_METHODS.join(", ");
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods.parse().unwrap());
        let names = ALLOWED_HEADERS.join(", ");
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, names.parse().unwrap());
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        response
    } else {
        return forbidden(policy);
    };
    let headers = response.headers_mut();
    if let Some(origin) = origin.filter(|_| origin_ok) {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    (policy.vary_on_origin)(headers);
    response
}

fn forbidden(policy: Policy) -> Response {
    let mut response = StatusCode::FORBIDDEN.into_response();
    (policy.vary_on_origin)(response.headers_mut());
    response
}

/// Every token of every `Vary` header, lowercased.
pub fn vary(headers: &HeaderMap) -> Vec<String> {
    let values = headers.get_all(VARY).iter().filter_map(|v| v.to_str().ok());
    values
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_ascii_lowercase())
        .collect()
}

/// The CORS grant a response carries, if any: the value of Access-Control-Allow-Origin.
pub fn grant(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(ACCESS_CONTROL_ALLOW_ORIGIN)
        .and_then(|v| v.to_str().ok())
}

/// Sends a request with the `Origin` header (none when `origin` is empty).
pub async fn send(app: Router, method: Method, uri: &str, origin: &str) -> crate::http::Reply {
    let headers: &[(&str, &str)] = if origin.is_empty() {
        &[]
    } else {
        &[("origin", origin)]
    };
    crate::http::send(app, method, uri, headers, "").await
}

/// Sends a preflight from https://app.example for `method` and, if any, `headers`.
pub async fn preflight(app: Router, method: &str, headers: Option<&str>) -> crate::http::Reply {
    let mut request = vec![("origin", "https://app.example")];
    request.push(("access-control-request-method", method));
    if let Some(headers) = headers {
        request.push(("access-control-request-headers", headers));
    }
    crate::http::send(app, Method::OPTIONS, "/api/notes/1", &request, "").await
}

/// Adds `Vary: Origin`, next to any `Vary` the handler set.
pub fn append_vary_origin(headers: &mut HeaderMap) {
    headers.append(VARY, HeaderValue::from_static("Origin"));
}

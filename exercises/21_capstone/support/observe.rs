//! notes7's answer: a request id (the caller's when sane) and one JSON log line per request;
//! and the service as of notes7, `app`.
//! Support code: you do not need to edit it.
#![allow(dead_code)]

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::etag;
use crate::service::AppState;

/// Is the `X-Request-Id` a caller sent fit to keep?
pub fn sane(id: &str) -> bool {
    let allowed = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    (1..=64).contains(&id.len()) && id.bytes().all(allowed)
}

pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let sent = request.headers().get("x-request-id");
    let id = match sent.and_then(|id| id.to_str().ok()).filter(|id| sane(id)) {
        Some(id) => id.to_string(),
        None => state.next_request_id(),
    };
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let mut response = next.run(request).await;
    let value = HeaderValue::from_str(&id).unwrap();
    response.headers_mut().insert("x-request-id", value);
    let status = response.status().as_u16();
    let line = serde_json::json!({
        "request_id": id, "method": method.as_str(), "path": uri.path(), "status": status,
    });
    state.log.write(line.to_string());
    response
}

pub fn app(state: AppState) -> axum::Router {
    let observe = axum::middleware::from_fn_with_state(state.clone(), observe);
    etag::app(state).layer(observe)
}

//! notes6's answer: ETags on every GET answered 200, and 304 Not Modified while the
//! client's copy is current; and the service as of notes6, `app`.
//! Support code: you do not need to edit it.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::response::Response;

use crate::{login, service};

/// Does the value of an `If-None-Match` header match `etag`?
pub fn matches(if_none_match: &str, etag: &str) -> bool {
    let tags = if_none_match.split(',').map(str::trim);
    let mut tags = tags.map(|tag| tag.strip_prefix("W/").unwrap_or(tag));
    if_none_match.trim() == "*" || tags.any(|tag| tag == etag)
}

pub async fn etag(request: Request, next: axum::middleware::Next) -> Response {
    let sent = request.headers().get(header::IF_NONE_MATCH).cloned();
    let (parts, body, tag) = match service::run_tagged(request, next).await {
        Ok(tagged) => tagged,
        Err(untouched) => return untouched,
    };
    let sent = sent.as_ref().and_then(|value| value.to_str().ok());
    if sent.is_some_and(|sent| matches(sent, &tag)) {
        let mut parts = parts;
        parts.status = axum::http::StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(body))
}

pub fn app(state: service::AppState) -> axum::Router {
    login::app(state).layer(axum::middleware::from_fn(etag))
}

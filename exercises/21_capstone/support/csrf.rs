//! notes4's answer: a request that changes something must carry its session's CSRF token.
//! Support code: you do not need to edit it.
#![allow(dead_code)]

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::service::{self, AppState, session_of};

pub async fn require_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method().is_safe() {
        return next.run(request).await;
    }
    let session = match session_of(&state, request.headers()) {
        Ok(Some((_sid, session))) => session,
        Ok(None) => return next.run(request).await, // no session: the route answers 401
        Err(err) => return err.into_response(),
    };
    let sent = request.headers().get("x-csrf-token");
    let sent = sent.map(|value| value.as_bytes()).unwrap_or_default();
    let expected = session.csrf_token.as_bytes();
    if !bool::from(subtle::ConstantTimeEq::ct_eq(sent, expected)) {
        let forbidden = service::ApiError::Forbidden("missing or wrong X-CSRF-Token".into());
        return forbidden.into_response();
    }
    next.run(request).await
}

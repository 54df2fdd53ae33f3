//! A test client for the stage's axum apps (support code: you do not need to edit it).
//!
//! It sends one request through a `Router` in memory (no socket, so nothing can hang) and
//! collects the answer: status, headers and body as text.
#![allow(dead_code)]

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// What the app answered.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The `WWW-Authenticate` challenge, if the answer carries one.
    pub fn challenge(&self) -> Option<&str> {
        let value = self.headers.get(header::WWW_AUTHENTICATE)?;
        Some(value.to_str().unwrap_or("<not text>"))
    }
}

/// Sends a request through the app.
pub async fn send(app: Router, request: Request<Body>) -> Answer {
    let response = app.oneshot(request).await.expect("a Router never fails");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Answer {
        status,
        headers,
        body,
    }
}

/// Sends `method uri` with an empty body and, when given, an `Authorization` header.
pub async fn call(app: Router, method: &str, uri: &str, authorization: Option<&str>) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(value) = authorization {
        request = request.header(header::AUTHORIZATION, value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// Checks that an answer is a 401 with the given challenge.
#[track_caller]
pub fn assert_401(answer: &Answer, challenge: &str, why: &str) {
    assert_eq!(
        answer.status,
        StatusCode::UNAUTHORIZED,
        "{why}: expected 401 Unauthorized, got {} with the body {:?}",
        answer.status,
        answer.body
    );
    assert_eq!(
        answer.challenge(),
        Some(challenge),
        "{why}: a 401 must carry `WWW-Authenticate: {challenge}` (RFC 9110 section 11.6.1), \
         so the client knows how to authenticate"
    );
}

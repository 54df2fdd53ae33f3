//! Problem details for HTTP APIs (RFC 9457), the error format of every API in this course: a
//! JSON body sent as `application/problem+json`,
//!
//!     {"type":"about:blank","title":"Not Found","status":404,"detail":"book 7 does not exist"}
//!
//! `type` is a URI naming the kind of problem ("about:blank": the status says it all), `title`
//! the status's reason phrase, `status` the code again, `detail` what went wrong this time.
//! You don't need to edit it.
#![allow(dead_code)]

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
}

/// An error response: `status` with a problem details body.
pub fn problem(status: StatusCode, detail: impl Into<String>) -> Response {
    let body = Problem {
        kind: "about:blank",
        title: status.canonical_reason().unwrap_or("Unknown"),
        status: status.as_u16(),
        detail: detail.into(),
    };
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        Json(body),
    )
        .into_response()
}

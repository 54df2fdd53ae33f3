// errors2: axum's own errors in your format
//
// When an extractor rejects a request (a body that is not JSON, a missing Content-Type) axum
// answers in plain text, and a route nobody wrote is an empty 404: two more error formats
// for clients to handle. A handler that takes `Result<Json<T>, JsonRejection>` instead of
// `Json<T>` gets the rejection as a value and can `?` it into `ApiError` through a `From`
// impl; `Router::fallback(handler)` answers every request no route matched. Then every
// error of the API is a problem (RFC 9457).
//
// Turn a rejection into an `ApiError` that keeps its status and text, and add the fallback.

#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;

use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::post};
use serde::{Deserialize, Serialize};

pub struct ApiError {
    status: StatusCode,
    detail: String,
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        // TODO: keep the rejection's status, and its text as the detail (see `status()` and
        // `body_text()`).
        ApiError {
            status: StatusCode::BAD_REQUEST,
            detail: "bad request".to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        problem::problem(self.status, self.detail)
    }
}

#[derive(Serialize, Deserialize)]
pub struct NewBook {
    pub isbn: String,
}

async fn create_book(payload: Result<Json<NewBook>, JsonRejection>) -> Result<Response, ApiError> {
    let Json(new) = payload?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, "/books/1")],
        Json(new),
    )
        .into_response())
}

async fn no_route(uri: Uri) -> ApiError {
    let detail = format!("no route for {}", uri.path());
    ApiError {
        status: StatusCode::NOT_FOUND,
        detail,
    }
}

pub fn app() -> Router {
    // TODO: unknown routes answer a 404 problem too: make `no_route` the fallback.
    Router::new().route("/books", post(create_book))
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, http::Request};
    use client::{assert_problem, get, send, send_request};

    #[tokio::test]
    async fn rejections_are_problems() {
        let reply = send(&app(), "POST", "/books", Some(r#"{"isbn":5}"#)).await;
        let detail = "Failed to deserialize the JSON body into the target type: isbn: \
                      invalid type: integer `5`, expected a string at line 1 column 9";
        assert_problem(&reply, StatusCode::UNPROCESSABLE_ENTITY, detail);
        let request = Request::post("/books")
            .body(Body::from(r#"{"isbn":"1"}"#))
            .unwrap();
        let reply = send_request(&app(), request).await;
        let detail = "Expected request with `Content-Type: application/json`";
        assert_problem(&reply, StatusCode::UNSUPPORTED_MEDIA_TYPE, detail);
    }

    #[tokio::test]
    async fn unknown_routes_are_problems() {
        let reply = get(&app(), "/authors/1").await;
        assert_problem(&reply, StatusCode::NOT_FOUND, "no route for /authors/1");
    }

    #[tokio::test]
    async fn a_good_request_still_succeeds() {
        let reply = send(&app(), "POST", "/books", Some(r#"{"isbn":"1"}"#)).await;
        assert_eq!(reply.status, 201, "a valid book is created: {}", reply.body);
    }
}

// errors1: one error type, one error format
//
// Clients handle errors in code, so every error of an API should look the same: here, the
// RFC 9457 problem details that `problem::problem(status, detail)` builds. The tidy way in
// axum is one error enum for the API: handlers return `Result<T, ApiError>`, and
// `impl IntoResponse for ApiError` is the single place that turns any error into a response
// (support/books.rs has the handlers).
//
// A 500 is special: its cause (a hostname, a SQL statement, a path) is for your logs, never
// for the client, who may be an attacker collecting details. Its detail is a fixed sentence.
//
// Give each variant its status, and hide the cause of a 500.

#[path = "support/books.rs"]
mod books;
#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub enum ApiError {
    /// 404 Not Found: the detail says what is missing.
    NotFound(String),
    /// 409 Conflict: the request clashes with the current state (a duplicate, say).
    Conflict(String),
    /// 422 Unprocessable Entity: the request breaks a rule of the API.
    Invalid(String),
    /// 500 Internal Server Error: the cause is for the logs only.
    Internal(String),
}

const INTERNAL_DETAIL: &str = "An unexpected error occurred.";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // TODO: each variant's status, with its message as the detail; for a 500, log the
        // cause with `eprintln!` and send INTERNAL_DETAIL instead.
        let (status, detail) = match self {
            ApiError::NotFound(detail)
            | ApiError::Conflict(detail)
            | ApiError::Invalid(detail)
            | ApiError::Internal(detail) => (StatusCode::INTERNAL_SERVER_ERROR, detail),
        };
        problem::problem(status, detail)
    }
}

fn main() {
    let _app = books::app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{assert_problem, get, send};

    #[tokio::test]
    async fn a_missing_book_is_404() {
        let reply = get(&books::app(), "/books/7").await;
        assert_problem(&reply, StatusCode::NOT_FOUND, "book 7 does not exist");
    }

    #[tokio::test]
    async fn created_is_201_with_a_location() {
        let json = r#"{"isbn":"9781718503106","title":"The Rust Programming Language"}"#;
        let reply = send(&books::app(), "POST", "/books", Some(json)).await;
        assert_eq!(reply.status, 201, "success stays a success: {}", reply.body);
        let location = reply.header("location");
        assert_eq!(location, "/books/2", "201 names the new book in Location");
    }

    #[tokio::test]
    async fn rules_and_conflicts() {
        let app = books::app();
        let blank = r#"{"isbn":"9781718503106","title":"  "}"#;
        let reply = send(&app, "POST", "/books", Some(blank)).await;
        assert_problem(
            &reply,
            StatusCode::UNPROCESSABLE_ENTITY,
            "title must not be blank",
        );
        let again = r#"{"isbn":"9780262510875","title":"SICP again"}"#;
        let reply = send(&app, "POST", "/books", Some(again)).await;
        let detail = "a book with ISBN 9780262510875 already exists";
        assert_problem(&reply, StatusCode::CONFLICT, detail);
    }

    #[tokio::test]
    async fn a_500_hides_its_cause() {
        let reply = get(&books::app(), "/books/1/cover").await;
        let leak = reply.body.contains("covers.internal");
        assert!(
            !leak,
            "a 500 must not tell the client its cause: {}",
            reply.body
        );
        assert_problem(&reply, StatusCode::INTERNAL_SERVER_ERROR, INTERNAL_DETAIL);
    }
}

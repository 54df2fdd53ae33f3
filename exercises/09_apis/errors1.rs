// errors1: one error type, one error format
//
// Clients handle errors in code, so every error of an API should look the same. The standard
// shape is "Problem Details for HTTP APIs" (RFC 9457): a JSON body sent with the Content-Type
// `application/problem+json`:
//
//     {"type":"about:blank","title":"Not Found","status":404,"detail":"book 7 does not exist"}
//
//   type    a URI naming the kind of problem; "about:blank" means "see the status code"
//   title   a short summary of that kind; with "about:blank", the status's reason phrase
//   status  the HTTP status code again, for whoever only keeps the body
//   detail  what went wrong this time, for a human
//
// In axum the tidy way is one error enum for the whole API. Handlers return
// `Result<T, ApiError>`, `?` converts other errors into `ApiError` through `From` impls, and
// `impl IntoResponse for ApiError` is the single place that turns any error into a response.
// Even axum's own rejections go through it: a handler that takes `Result<Json<T>,
// JsonRejection>` instead of `Json<T>` gets the rejection as a value and can `?` it.
//
// A 500 is special: its cause (a hostname, a SQL statement, a file path) is for your logs,
// never for the client, who may be an attacker collecting details. Its `detail` is a fixed
// sentence.
//
// Write `ApiError::status` and `impl IntoResponse for ApiError`, then send unknown routes
// through it too.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{
        Path, State,
        rejection::{JsonRejection, PathRejection},
    },
    http::{StatusCode, Uri, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::{Deserialize, Serialize};

#[derive(Debug)]
pub enum ApiError {
    /// 404 Not Found: the detail says what is missing.
    NotFound(String),
    /// 409 Conflict: the request clashes with the current state (a duplicate, say).
    Conflict(String),
    /// 422 Unprocessable Entity: the request breaks a rule of the API.
    Invalid(String),
    /// An extractor rejected the request: keep its status, and its message as the detail.
    Rejected { status: StatusCode, detail: String },
    /// 500 Internal Server Error: the cause is for the logs only.
    Internal(String),
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::Rejected {
            status: rejection.status(),
            detail: rejection.body_text(),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::Rejected {
            status: rejection.status(),
            detail: rejection.body_text(),
        }
    }
}

impl From<std::io::Error> for ApiError {
    fn from(err: std::io::Error) -> Self {
        ApiError::Internal(err.to_string())
    }
}

/// An RFC 9457 problem details body.
#[derive(Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        // TODO: the status of each variant (see their comments above).
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // TODO: answer with `self.status()`, the Content-Type `application/problem+json`, and
        // a `Problem` as the body: `StatusCode::canonical_reason` gives the title. A 500's
        // detail is "An unexpected error occurred." (print its cause with `eprintln!`).
        (self.status(), format!("{self:?}")).into_response()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Book {
    pub id: u64,
    pub isbn: String,
    pub title: String,
}

#[derive(Deserialize)]
pub struct NewBook {
    pub isbn: String,
    pub title: String,
}

type Books = Arc<Mutex<BTreeMap<u64, Book>>>;

pub fn app() -> Router {
    let books: Books = Arc::default();
    books.lock().unwrap().insert(
        1,
        Book {
            id: 1,
            isbn: "9780262510875".to_string(),
            title: "Structure and Interpretation of Computer Programs".to_string(),
        },
    );
    // TODO: unknown routes answer 404 with a problem too: make `no_route` the fallback.
    Router::new()
        .route("/books", post(create_book))
        .route("/books/{id}", get(get_book))
        .route("/books/{id}/cover", get(get_cover))
        .with_state(books)
}

async fn no_route(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no route for {}", uri.path()))
}

async fn get_book(
    State(books): State<Books>,
    id: Result<Path<u64>, PathRejection>,
) -> Result<Json<Book>, ApiError> {
    let Path(id) = id?;
    let books = books.lock().unwrap();
    let book = books
        .get(&id)
        .ok_or_else(|| ApiError::NotFound(format!("book {id} does not exist")))?;
    Ok(Json(book.clone()))
}

async fn create_book(
    State(books): State<Books>,
    payload: Result<Json<NewBook>, JsonRejection>,
) -> Result<(StatusCode, Json<Book>), ApiError> {
    let Json(new) = payload?;
    if new.title.trim().is_empty() {
        return Err(ApiError::Invalid("title must not be blank".to_string()));
    }
    let mut books = books.lock().unwrap();
    if books.values().any(|book| book.isbn == new.isbn) {
        return Err(ApiError::Conflict(format!(
            "a book with ISBN {} already exists",
            new.isbn
        )));
    }
    let id = books.len() as u64 + 1;
    let book = Book {
        id,
        isbn: new.isbn,
        title: new.title,
    };
    books.insert(id, book.clone());
    Ok((StatusCode::CREATED, Json(book)))
}

/// Covers live in another service, which is down today.
fn fetch_cover(_id: u64) -> std::io::Result<Vec<u8>> {
    Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "connect to covers.internal:9000: connection refused",
    ))
}

async fn get_cover(Path(id): Path<u64>) -> Result<Vec<u8>, ApiError> {
    Ok(fetch_cover(id)?)
}

fn main() {
    // This exercise is checked by its tests.
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use serde_json::{Value, json};
    use tower::ServiceExt;

    async fn send(request: Request<Body>) -> (StatusCode, String, String) {
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            String::from_utf8(body.to_vec()).unwrap(),
        )
    }

    fn get(uri: &str) -> Request<Body> {
        Request::get(uri).body(Body::empty()).unwrap()
    }

    fn post_json(body: &str) -> Request<Body> {
        Request::post("/books")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    }

    /// Checks that the response is a problem with this status and detail.
    async fn assert_problem(request: Request<Body>, status: StatusCode, title: &str, detail: &str) {
        let (actual, content_type, body) = send(request).await;
        assert_eq!(actual, status, "{body}");
        assert_eq!(content_type, "application/problem+json", "{body}");
        let problem: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            problem,
            json!({
                "type": "about:blank",
                "title": title,
                "status": status.as_u16(),
                "detail": detail,
            })
        );
    }

    #[tokio::test]
    async fn a_missing_book_is_a_problem() {
        let (status, content_type, body) = send(get("/books/7")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(
            body,
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"book 7 does not exist"}"#
        );
    }

    #[tokio::test]
    async fn success_is_still_plain_json() {
        let (status, content_type, body) = send(get("/books/1")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type, "application/json");
        assert_eq!(
            body,
            r#"{"id":1,"isbn":"9780262510875","title":"Structure and Interpretation of Computer Programs"}"#
        );
        let (status, _, body) = send(post_json(
            r#"{"isbn":"9781593278281","title":"The Rust Programming Language"}"#,
        ))
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    #[tokio::test]
    async fn rule_breaking_and_conflicts() {
        assert_problem(
            post_json(r#"{"isbn":"9781593278281","title":"  "}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Unprocessable Entity",
            "title must not be blank",
        )
        .await;
        assert_problem(
            post_json(r#"{"isbn":"9780262510875","title":"SICP again"}"#),
            StatusCode::CONFLICT,
            "Conflict",
            "a book with ISBN 9780262510875 already exists",
        )
        .await;
    }

    #[tokio::test]
    async fn rejections_are_problems_too() {
        assert_problem(
            get("/books/abc"),
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "Invalid URL: Cannot parse `abc` to a `u64`",
        )
        .await;
        let no_content_type = Request::post("/books").body(Body::from("{}")).unwrap();
        assert_problem(
            no_content_type,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported Media Type",
            "Expected request with `Content-Type: application/json`",
        )
        .await;
        assert_problem(
            post_json(r#"{"isbn":"#),
            StatusCode::BAD_REQUEST,
            "Bad Request",
            "Failed to parse the request body as JSON: isbn: EOF while parsing a value at line 1 column 8",
        )
        .await;
        assert_problem(
            post_json(r#"{"isbn":"9781593278281"}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Unprocessable Entity",
            "Failed to deserialize the JSON body into the target type: missing field `title` at line 1 column 24",
        )
        .await;
    }

    #[tokio::test]
    async fn unknown_routes_are_problems() {
        assert_problem(
            get("/authors/1"),
            StatusCode::NOT_FOUND,
            "Not Found",
            "no route for /authors/1",
        )
        .await;
    }

    #[tokio::test]
    async fn a_500_hides_its_cause() {
        let (status, content_type, body) = send(get("/books/1/cover")).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(
            body,
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"An unexpected error occurred."}"#
        );
        assert!(!body.contains("covers.internal"));
    }
}

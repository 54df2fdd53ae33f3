// json1: creating a resource with POST
//
// In a REST API, `POST /notes` with a JSON body asks the server to create a note. The answer
// that says "created" is not a plain 200: it is 201 Created, with a `Location` header holding
// the URL of the new resource, so the client knows where to find it, and the new resource in
// the body.
//
// And when the request is wrong, the status code tells the client what to fix:
//
//   415 Unsupported Media Type   the body is not declared as JSON (`Content-Type` is missing
//                                or is not `application/json`)
//   400 Bad Request              the body is not valid JSON at all
//   422 Unprocessable Entity     valid JSON, but not a valid note (a field missing or of the
//                                wrong type, or a rule of yours broken, like a blank title)
//
// axum's `Json<T>` extractor does the first three checks for you: it reads the body, checks the
// Content-Type, and deserializes it with serde, answering 415, 400 or 422 when that fails. Here
// the handler takes the body as a `String` and parses it itself, which turns every mistake
// into the same vague 400.
//
// Take the note as `Json<NewNote>`, reject blank titles with 422, and answer 201 with a
// Location. (This exercise stores nothing yet; the next one does.)

use axum::{
    Json, Router,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::post,
};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct NewNote {
    pub title: String,
    pub body: String,
}

#[derive(Serialize)]
pub struct Note {
    pub slug: String,
    pub title: String,
    pub body: String,
}

pub fn app() -> Router {
    Router::new().route("/notes", post(create_note))
}

/// The note's id in its URL: "Hello, World!" becomes "hello-world".
fn slugify(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

async fn create_note(Json(new): Json<NewNote>) -> Response {
    if new.title.trim().is_empty() {
        return (StatusCode::UNPROCESSABLE_ENTITY, "title must not be blank").into_response();
    }
    let note = Note {
        slug: slugify(&new.title),
        title: new.title,
        body: new.body,
    };
    let location = format!("/notes/{}", note.slug);
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(note),
    )
        .into_response()
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
    use axum::http::{HeaderMap, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn post_notes(content_type: Option<&str>, body: &str) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::post("/notes");
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let request = request.body(Body::from(body.to_string())).unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    const JSON: Option<&str> = Some("application/json");

    #[tokio::test]
    async fn created_is_201_with_a_location() {
        let (status, headers, body) =
            post_notes(JSON, r#"{"title":"Hello, World!","body":"My first note."}"#).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(headers[header::LOCATION], "/notes/hello-world");
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(
            body,
            r#"{"slug":"hello-world","title":"Hello, World!","body":"My first note."}"#
        );
    }

    #[tokio::test]
    async fn a_charset_parameter_is_still_json() {
        let (status, headers, _) = post_notes(
            Some("application/json; charset=utf-8"),
            r#"{"title":"Groceries","body":"eggs"}"#,
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(headers[header::LOCATION], "/notes/groceries");
    }

    #[tokio::test]
    async fn no_content_type_is_415() {
        let (status, _, _) = post_notes(None, r#"{"title":"a","body":"b"}"#).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test]
    async fn another_content_type_is_415() {
        for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
            let (status, _, _) =
                post_notes(Some(content_type), r#"{"title":"a","body":"b"}"#).await;
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        }
    }

    #[tokio::test]
    async fn malformed_json_is_400() {
        for body in [
            r#"{"title":"a","body":"b""#,
            "title=a&body=b",
            "",
            "{'title':'a'}",
        ] {
            let (status, _, _) = post_notes(JSON, body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{body:?}");
        }
    }

    #[tokio::test]
    async fn json_that_is_not_a_note_is_422() {
        for body in [
            r#"{"title":"a"}"#,
            r#"{"title":5,"body":"b"}"#,
            r#"{"title":null,"body":"b"}"#,
            r#""just a string""#,
        ] {
            let (status, _, text) = post_notes(JSON, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert!(
                text.starts_with("Failed to deserialize the JSON body into the target type"),
                "{body}: {text}"
            );
        }
    }

    #[tokio::test]
    async fn a_blank_title_is_422() {
        for body in [
            r#"{"title":"","body":"b"}"#,
            r#"{"title":" \t ","body":"b"}"#,
        ] {
            let (status, headers, text) = post_notes(JSON, body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(text, "title must not be blank");
            assert!(headers.get(header::LOCATION).is_none());
        }
    }

    #[tokio::test]
    async fn a_huge_body_is_413() {
        // axum limits bodies to 2 MB unless told otherwise: the 413 of your body1, for free.
        let body = format!(
            r#"{{"title":"big","body":"{}"}}"#,
            "x".repeat(3 * 1024 * 1024)
        );
        let (status, _, _) = post_notes(JSON, &body).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  Rust 2024 -- notes "), "rust-2024-notes");
    }
}

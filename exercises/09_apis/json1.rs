// json1: creating a resource with POST
//
// `POST /notes` with a JSON body asks the server to create a note. Success is not a plain
// 200: it is 201 Created, with a `Location` header holding the new resource's URL (so the
// client knows where to find it) and the resource in the body. axum's `Json<T>` extractor
// reads the body and answers the client's mistakes precisely: 415 when it is not declared
// `application/json`, 400 when it is not JSON, 422 when it is JSON but not a `NewNote`.
// Parsing a `String` by hand, as below, turns all of them into one vague 400.
//
// Take the body as `Json<NewNote>`, and answer 201 with `Location: /notes/<slug>`.

#[path = "support/client.rs"]
mod client;
#[path = "support/notes.rs"]
mod notes;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::post};
use notes::{NewNote, Note};

// TODO: take the body as `Json<NewNote>` (axum then answers 415, 400 and 422 for you).
async fn create_note(body: String) -> Response {
    let Ok(new) = serde_json::from_str::<NewNote>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let note = Note::new(new);
    // TODO: answer 201 Created, with `Location: /notes/<slug>` and the note as JSON. A tuple
    // `(StatusCode, [(header, value)], Json(..))` is a response too: status, headers, body.
    Json(note).into_response()
}

pub fn app() -> Router {
    Router::new().route("/notes", post(create_note))
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, http::Request};
    use client::{send, send_request};

    #[tokio::test]
    async fn created_is_201_with_a_location() {
        let json = r#"{"title":"Hello, World!","body":"My first note."}"#;
        let reply = send(&app(), "POST", "/notes", Some(json)).await;
        assert_eq!(reply.status, 201, "a POST that creates answers 201 Created");
        let location = reply.header("location");
        assert_eq!(
            location, "/notes/hello-world",
            "Location names the new note"
        );
        let want = r#"{"slug":"hello-world","title":"Hello, World!","body":"My first note."}"#;
        assert_eq!(reply.body, want, "the body is the new note");
    }

    #[tokio::test]
    async fn a_body_not_declared_as_json_is_415() {
        let request = Request::post("/notes").body(Body::from(r#"{"title":"a","body":"b"}"#));
        let reply = send_request(&app(), request.unwrap()).await;
        assert_eq!(reply.status, 415, "no Content-Type: application/json");
    }

    #[tokio::test]
    async fn malformed_json_is_400_and_the_wrong_json_is_422() {
        let reply = send(&app(), "POST", "/notes", Some(r#"{"title":"a""#)).await;
        assert_eq!(reply.status, 400, "not JSON at all: 400 Bad Request");
        let reply = send(&app(), "POST", "/notes", Some(r#"{"title":"a"}"#)).await;
        assert_eq!(
            reply.status, 422,
            "JSON but no body field: 422 Unprocessable Entity"
        );
    }
}

// json2: rules that serde cannot check
//
// `Json<NewNote>` guarantees a title that is a string; it cannot know that this API wants a
// title with something in it. Rules of the API are checked by the handler, and breaking one
// is 422 Unprocessable Entity: the request is well-formed, but the API will not do it. The
// answer says which rule, as a problem details body (support/problem.rs, RFC 9457), so a
// client can show it next to the field. A 422 creates nothing, so it has no `Location`.
//
// Reject a title that is empty or only whitespace with a 422 problem.

#[path = "support/client.rs"]
mod client;
#[path = "support/notes.rs"]
mod notes;
#[path = "support/problem.rs"]
mod problem;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::post};
use notes::{NewNote, Note};

async fn create_note(Json(new): Json<NewNote>) -> Response {
    // TODO: a blank title is a 422 problem with the detail "title must not be blank".
    if new.title.trim().is_empty() {
        return problem::problem(StatusCode::UNPROCESSABLE_ENTITY, "title must not be blank");
    }
    let note = Note::new(new);
    let location = format!("/notes/{}", note.slug);
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(note),
    )
        .into_response()
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
    use client::{assert_problem, send};

    #[tokio::test]
    async fn a_blank_title_is_422() {
        for json in [
            r#"{"title":"","body":"b"}"#,
            r#"{"title":" \t ","body":"b"}"#,
        ] {
            let reply = send(&app(), "POST", "/notes", Some(json)).await;
            assert_problem(
                &reply,
                StatusCode::UNPROCESSABLE_ENTITY,
                "title must not be blank",
            );
            assert_eq!(
                reply.header("location"),
                "",
                "nothing was created, so no Location"
            );
        }
    }

    #[tokio::test]
    async fn a_real_title_is_created() {
        let json = r#"{"title":" Groceries ","body":"eggs"}"#;
        let reply = send(&app(), "POST", "/notes", Some(json)).await;
        assert_eq!(reply.status, 201, "a title with letters is fine");
        let location = reply.header("location");
        assert_eq!(location, "/notes/groceries", "Location names the new note");
    }
}

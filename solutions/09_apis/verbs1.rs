// verbs1: PATCH changes only the fields sent
//
// REST gives each method a meaning on a resource such as `/todos/1`. `PUT` (not served here)
// replaces it with the whole new version sent, so a missing field is a 422; `PATCH` changes
// only the fields sent, so its body type has `Option` fields (serde makes an absent `Option`
// `None`) and the handler applies the ones that are `Some`. `{"done":true}` marks a todo done
// and leaves its title alone.
//
// Make `PATCH /todos/{id}` change only what it is sent.

#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;
#[path = "support/todos.rs"]
mod todos;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, http::StatusCode, routing::patch};
use serde::Deserialize;
use todos::TodoStore;

type Todos = Arc<Mutex<TodoStore>>;

/// The body of a PATCH: any of the fields.
#[derive(Deserialize)]
pub struct Changes {
    // TODO: every field may be left out.
    pub title: Option<String>,
    pub done: Option<bool>,
}

async fn update_todo(
    State(todos): State<Todos>,
    Path(id): Path<u64>,
    Json(changes): Json<Changes>,
) -> Response {
    let mut todos = todos.lock().unwrap();
    let Some(todo) = todos.get_mut(id) else {
        return problem::problem(StatusCode::NOT_FOUND, format!("todo {id} does not exist"));
    };
    // TODO: change only the fields that were sent.
    if let Some(title) = changes.title {
        todo.title = title;
    }
    if let Some(done) = changes.done {
        todo.done = done;
    }
    Json(todo.clone()).into_response()
}

pub fn app() -> Router {
    let todos: Todos = Arc::new(Mutex::new(TodoStore::seeded()));
    Router::new()
        .route("/todos/{id}", patch(update_todo))
        .with_state(todos)
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::send;

    #[tokio::test]
    async fn patch_changes_only_what_it_is_sent() {
        let app = app();
        let reply = send(&app, "PATCH", "/todos/1", Some(r#"{"done":true}"#)).await;
        assert_eq!(
            reply.status, 200,
            "a PATCH of done alone is valid: {}",
            reply.body
        );
        let want = r#"{"id":1,"title":"Buy milk","done":true}"#;
        assert_eq!(reply.body, want, "done changed, the title stayed");
        let reply = send(
            &app,
            "PATCH",
            "/todos/2",
            Some(r#"{"title":"Walk the cat"}"#),
        )
        .await;
        let want = r#"{"id":2,"title":"Walk the cat","done":true}"#;
        assert_eq!(reply.body, want, "the title changed, done stayed");
    }

    #[tokio::test]
    async fn an_empty_patch_changes_nothing() {
        let reply = send(&app(), "PATCH", "/todos/1", Some("{}")).await;
        let want = r#"{"id":1,"title":"Buy milk","done":false}"#;
        assert_eq!(
            reply.body, want,
            "`{{}}` sends no field, so nothing changes"
        );
    }

    #[tokio::test]
    async fn a_patch_of_the_wrong_type_is_422() {
        let reply = send(&app(), "PATCH", "/todos/1", Some(r#"{"done":"yes"}"#)).await;
        let status = reply.status;
        assert_eq!(status, 422, "done must be a boolean");
    }
}

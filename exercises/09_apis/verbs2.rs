// verbs2: DELETE, idempotency and 405
//
// `DELETE /todos/1` removes the todo. A successful DELETE has nothing to say: 204 No
// Content, empty body. DELETE is idempotent: sending it twice leaves the server as sending
// it once, so a client that got no answer may safely retry. The retry finds nothing, so its
// status is 404, but the state is the same: the todo is gone.
//
// A method the router has no handler for on an existing path is 405 Method Not Allowed, with
// an `Allow` header listing those it has; axum builds both from the methods you chain.
//
// Route DELETE, and answer 204 when a todo was removed and 404 when there was none.

#[path = "support/client.rs"]
mod client;
#[path = "support/todos.rs"]
mod todos;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::{Json, Router, http::StatusCode, routing::get};
use todos::{Todo, TodoStore};

type Todos = Arc<Mutex<TodoStore>>;

// TODO: 204 No Content when a todo was removed, 404 Not Found when there was none.
async fn delete_todo(State(todos): State<Todos>, Path(id): Path<u64>) -> StatusCode {
    todos.lock().unwrap().remove(id);
    StatusCode::OK
}

async fn get_todo(
    State(todos): State<Todos>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, StatusCode> {
    let todo = todos.lock().unwrap().get(id).cloned();
    todo.map(Json).ok_or(StatusCode::NOT_FOUND)
}

pub fn app() -> Router {
    let todos: Todos = Arc::new(Mutex::new(TodoStore::seeded()));
    Router::new()
        // TODO: route DELETE too; until then axum answers it with 405.
        .route("/todos/{id}", get(get_todo))
        .with_state(todos)
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{get, send};

    #[tokio::test]
    async fn delete_is_204_then_404() {
        let app = app();
        let reply = send(&app, "DELETE", "/todos/1", None).await;
        let got = (reply.status.as_u16(), reply.body.as_str());
        assert_eq!(
            got,
            (204, ""),
            "a DELETE that removed something: 204, no body"
        );
        let status = get(&app, "/todos/1").await.status;
        assert_eq!(status, 404, "todo 1 is gone");
        let reply = send(&app, "DELETE", "/todos/1", None).await;
        assert_eq!(reply.status, 404, "the retry finds nothing");
        let status = get(&app, "/todos/2").await.status;
        assert_eq!(status, 200, "and removes nothing else");
    }

    #[tokio::test]
    async fn other_methods_are_405_with_allow() {
        let reply = send(&app(), "PUT", "/todos/2", Some("{}")).await;
        assert_eq!(reply.status, 405, "/todos/2 has no PUT");
        let mut allow: Vec<&str> = reply.header("allow").split(',').map(str::trim).collect();
        allow.sort_unstable();
        let why = "Allow lists the methods /todos/2 has";
        assert_eq!(allow, ["DELETE", "GET", "HEAD"], "{why}");
    }
}

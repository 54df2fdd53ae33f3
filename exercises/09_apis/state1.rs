// state1: shared state
//
// An API remembers things between requests. axum hands state to handlers with the
// `State<S>` extractor, after `Router::with_state(s)`, and since requests run concurrently
// on several threads, every request gets its own clone of `S`. So the data itself must be
// shared, not copied: the state holds an `Arc<Mutex<...>>`, and cloning an `Arc` makes a new
// handle to the same value. A std `Mutex` is right as long as the lock is never held across
// an `.await`. (`#[derive(Clone)]` writes the same `clone` as the solution.)
//
// The `clone` below copies the todos, so each handler writes to a copy that is thrown away.

#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;
#[path = "support/todos.rs"]
mod todos;

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use todos::{NewTodo, TodoStore};

#[derive(Default)]
pub struct AppState {
    todos: Arc<Mutex<TodoStore>>,
}

impl Clone for AppState {
    fn clone(&self) -> Self {
        // TODO: share the store: clone the `Arc`, not the `TodoStore` inside it.
        let copy = self.todos.lock().unwrap().clone();
        AppState {
            todos: Arc::new(Mutex::new(copy)),
        }
    }
}

async fn create_todo(State(state): State<AppState>, Json(new): Json<NewTodo>) -> Response {
    let todo = state.todos.lock().unwrap().create(&new.title).clone();
    let location = [(header::LOCATION, format!("/todos/{}", todo.id))];
    (StatusCode::CREATED, location, Json(todo)).into_response()
}

async fn get_todo(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    match state.todos.lock().unwrap().get(id) {
        Some(todo) => Json(todo.clone()).into_response(),
        None => problem::problem(StatusCode::NOT_FOUND, format!("todo {id} does not exist")),
    }
}

pub fn app() -> Router {
    let app = Router::new().route("/todos", post(create_todo));
    app.route("/todos/{id}", get(get_todo))
        .with_state(AppState::default())
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
    async fn a_created_todo_can_be_read_back() {
        let app = app();
        let reply = send(&app, "POST", "/todos", Some(r#"{"title":"Buy milk"}"#)).await;
        assert_eq!(reply.status, 201, "the POST creates: {}", reply.body);
        let reply = client::get(&app, "/todos/1").await;
        let want = r#"{"id":1,"title":"Buy milk","done":false}"#;
        assert_eq!(
            reply.body, want,
            "the next request sees what the POST stored"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_creates_all_land() {
        let app = app();
        let post = |app: Router| async move {
            send(&app, "POST", "/todos", Some("{\"title\":\"t\"}")).await
        };
        let tasks: Vec<_> = (0..20).map(|_| tokio::spawn(post(app.clone()))).collect();
        for task in tasks {
            task.await.unwrap();
        }
        let last = client::get(&app, "/todos/20").await.status;
        assert_eq!(
            last, 200,
            "20 POSTs on 4 threads: todo 20 is in the one shared store"
        );
    }
}

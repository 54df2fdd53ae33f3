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
use axum::{Json, Router, routing::get};
use todos::{NewTodo, Todo, TodoStore};

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
    let location = format!("/todos/{}", todo.id);
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(todo),
    )
        .into_response()
}

async fn get_todo(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    match state.todos.lock().unwrap().get(id) {
        Some(todo) => Json(todo.clone()).into_response(),
        None => problem::problem(StatusCode::NOT_FOUND, format!("todo {id} does not exist")),
    }
}

async fn list_todos(State(state): State<AppState>) -> Json<Vec<Todo>> {
    Json(state.todos.lock().unwrap().list())
}

pub fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(get_todo))
        .with_state(AppState::default())
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
    async fn a_created_todo_can_be_read_back() {
        let app = app();
        let reply = send(&app, "POST", "/todos", Some(r#"{"title":"Buy milk"}"#)).await;
        assert_eq!(reply.status, 201, "the POST creates: {}", reply.body);
        let reply = get(&app, "/todos/1").await;
        let want = r#"{"id":1,"title":"Buy milk","done":false}"#;
        assert_eq!(
            reply.body, want,
            "the next request sees what the POST stored"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_creates_all_land() {
        let app = app();
        let mut tasks = Vec::new();
        for n in 0..20 {
            let app = app.clone();
            let json = format!(r#"{{"title":"todo {n}"}}"#);
            tasks.push(tokio::spawn(async move {
                send(&app, "POST", "/todos", Some(&json)).await
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let list = get(&app, "/todos").await.json();
        let count = list.as_array().map_or(0, Vec::len);
        assert_eq!(
            count, 20,
            "20 POSTs on 4 threads: 20 todos in the one shared store"
        );
    }

    #[tokio::test]
    async fn each_app_has_its_own_state() {
        let (first, second) = (app(), app());
        send(&first, "POST", "/todos", Some(r#"{"title":"first's"}"#)).await;
        let reply = get(&second, "/todos").await;
        assert_eq!(
            reply.body, "[]",
            "two apps, two stores: the state is per app, not global"
        );
    }
}

//! The code under test for status_tests1: a small todo API (axum), and `send`, which hands
//! it one request in memory. The API is correct; the runner plants bugs in a copy of this
//! file to check your tests. You don't need to edit it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

#[derive(Debug, Clone, Serialize)]
struct Todo {
    id: u64,
    title: String,
    done: bool,
}

#[derive(Deserialize)]
struct NewTodo {
    title: String,
}

type Store = Arc<Mutex<Vec<Todo>>>;

/// `POST /todos` with `{"title": "..."}`: 201 Created, `Location: /todos/{id}` and the new todo
/// as JSON; 422 if the title is blank.
async fn create(State(store): State<Store>, Json(new): Json<NewTodo>) -> Response {
    let title = new.title.trim();
    if title.is_empty() {
        let reason = "the title must not be empty";
        return (StatusCode::UNPROCESSABLE_ENTITY, reason).into_response();
    }
    let todo = {
        let mut todos = store.lock().unwrap();
        let id = todos.len() as u64 + 1;
        let todo = Todo {
            id,
            title: title.to_string(),
            done: false,
        };
        todos.push(todo.clone());
        todo
    };
    let location = format!("/todos/{}", todo.id);
    let mut response = (StatusCode::CREATED, Json(todo)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location.parse().unwrap());
    response
}

/// `GET /todos/{id}`: 200 and the todo as JSON, or 404.
async fn fetch(State(store): State<Store>, Path(id): Path<u64>) -> Response {
    let todos = store.lock().unwrap();
    match todos.iter().find(|todo| todo.id == id) {
        Some(todo) => Json(todo.clone()).into_response(),
        None => (StatusCode::NOT_FOUND, "no such todo").into_response(),
    }
}

/// The API, with an empty store. Clones of one `app()` share its todos, so a test can create a
/// todo and then fetch it.
pub fn app() -> Router {
    Router::new()
        .route("/todos", post(create))
        .route("/todos/{id}", get(fetch))
        .with_state(Store::default())
}

/// Sends one request to `app` in memory (a `Router` is a tower `Service`, and `oneshot` calls
/// it once: no port, no client) and returns the status, the headers and the body.
pub async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    json_body: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let request = Request::builder().method(method).uri(uri);
    let request = match json_body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    let response = app.clone().oneshot(request.unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

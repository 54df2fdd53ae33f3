// status_tests1: testing an API's status codes
//
// Clients act on status codes, not on the body: a 201 tells them a resource was created and
// where (`Location`), a 404 that it is not there. An API that answers `200 OK` with `null` for
// a missing id "works" in the browser, and breaks every client that checks the status. So API
// tests assert the exact status, the headers that matter and the exact body.
//
// With axum you do not need a port or a real client for that: a `Router` is a tower `Service`,
// and `tower::ServiceExt::oneshot` sends it one request in memory. The `send` helper in the
// tests does that for you.
//
// The handlers below are correct: write the tests marked TODO. The runner then plants bugs
// (through the `mutant(...)` calls: 200 instead of 201, a missing `Location`, 200 instead of
// 404) and each must make at least one of your tests fail. To plant one yourself:
//     BACKLINGS_MUTANT=created_as_ok cargo test -p exercises-testing --bin status_tests1

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

/// The runner plants a bug by setting `BACKLINGS_MUTANT`. Leave this alone.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

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
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            "the title must not be empty",
        )
            .into_response();
    }
    let todo = {
        let mut todos = store.lock().unwrap();
        let todo = Todo {
            id: todos.len() as u64 + 1,
            title: title.to_string(),
            done: false,
        };
        todos.push(todo.clone());
        todo
    };
    let status = if mutant("created_as_ok") {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let location = format!("/todos/{}", todo.id);
    let mut response = (status, Json(todo)).into_response();
    if !mutant("no_location") {
        response
            .headers_mut()
            .insert(header::LOCATION, location.parse().unwrap());
    }
    response
}

/// `GET /todos/{id}`: 200 and the todo as JSON, or 404.
async fn fetch(State(store): State<Store>, Path(id): Path<u64>) -> Response {
    let found = store
        .lock()
        .unwrap()
        .iter()
        .find(|todo| todo.id == id)
        .cloned();
    match found {
        Some(todo) => Json(todo).into_response(),
        None if mutant("missing_as_ok") => Json(serde_json::Value::Null).into_response(),
        None => (StatusCode::NOT_FOUND, "no such todo").into_response(),
    }
}

fn app() -> Router {
    Router::new()
        .route("/todos", post(create))
        .route("/todos/{id}", get(fetch))
        .with_state(Store::default())
}

fn main() {
    let _ = app();
    println!("Run the tests: they send requests to the app in memory.");
}

// Your tests go below. The runner checks that they pass, and that every bug it plants makes at
// least one of them fail.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, Request};
    use http_body_util::BodyExt;
    use serde_json::{Value, json};
    use tower::ServiceExt;

    /// Sends one request to `app` (in memory) and returns the status, the headers and the body.
    /// Clones of one `app()` share its todos, so a test can create a todo and then fetch it.
    async fn send(
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
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    // An example to start from.
    #[tokio::test]
    async fn a_blank_title_is_422() {
        let app = app();
        let (status, _, _) = send(&app, "POST", "/todos", Some(r#"{"title": "  "}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[tokio::test]
    async fn creating_a_todo_is_201_with_a_location() {
        let app = app();
        let (status, headers, body) =
            send(&app, "POST", "/todos", Some(r#"{"title": "write tests"}"#)).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(
            headers.get(header::LOCATION).map(|v| v.to_str().unwrap()),
            Some("/todos/1")
        );
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            json!({"id": 1, "title": "write tests", "done": false})
        );
    }

    #[tokio::test]
    async fn a_created_todo_can_be_fetched_at_its_location() {
        let app = app();
        let (_, headers, _) = send(&app, "POST", "/todos", Some(r#"{"title": "ship it"}"#)).await;
        let location = headers
            .get(header::LOCATION)
            .expect("the 201 has no Location")
            .to_str()
            .unwrap()
            .to_string();

        let (status, _, body) = send(&app, "GET", &location, None).await;
        assert_eq!(status, StatusCode::OK);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body, json!({"id": 1, "title": "ship it", "done": false}));
    }

    #[tokio::test]
    async fn an_unknown_id_is_404() {
        let app = app();
        let (status, _, _) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        send(&app, "POST", "/todos", Some(r#"{"title": "one"}"#)).await;
        let (status, _, _) = send(&app, "GET", "/todos/2", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

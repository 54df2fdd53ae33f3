// state1: shared state
//
// An API remembers things between requests: the todo you create with one request is there for
// the next. Real services keep that in a database (see sqlite1); here it is in memory.
//
// axum hands state to handlers with the `State<S>` extractor, after `Router::with_state(s)`.
// Requests are served concurrently, on several threads, so every handler receives its own
// clone of `S`. That is why the data itself must be shared, not copied: the usual shape is
//
//     #[derive(Clone)]
//     struct AppState { todos: Arc<Mutex<Todos>> }   // cloning copies the Arc, not the Todos
//
// and a handler does `state.todos.lock().unwrap()` for as long as it needs the data. A
// `std::sync::Mutex` is right when the lock is never held across an `.await`, as here.
//
// The state below is cloned for each request, with its map: every write is lost as soon as the
// handler returns. Share it, and make a missing todo a 404 Not Found instead of a 200 `null`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
    routing::get,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Todo {
    pub id: u64,
    pub title: String,
    pub done: bool,
}

#[derive(Deserialize)]
pub struct NewTodo {
    pub title: String,
}

#[derive(Clone, Default)]
pub struct Todos {
    last_id: u64,
    // A BTreeMap keeps the todos sorted by id, so the list comes out in a stable order.
    items: BTreeMap<u64, Todo>,
}

#[derive(Clone, Default)]
pub struct AppState {
    todos: Arc<Mutex<Todos>>,
}

pub fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(get_todo))
        .with_state(AppState::default())
}

async fn list_todos(State(state): State<AppState>) -> Json<Vec<Todo>> {
    let todos = state.todos.lock().unwrap();
    Json(todos.items.values().cloned().collect())
}

async fn create_todo(State(state): State<AppState>, Json(new): Json<NewTodo>) -> impl IntoResponse {
    let mut todos = state.todos.lock().unwrap();
    todos.last_id += 1;
    let todo = Todo {
        id: todos.last_id,
        title: new.title,
        done: false,
    };
    todos.items.insert(todo.id, todo.clone());
    let location = format!("/todos/{}", todo.id);
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(todo),
    )
}

async fn get_todo(
    State(state): State<AppState>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, StatusCode> {
    let todos = state.todos.lock().unwrap();
    todos
        .items
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or(StatusCode::NOT_FOUND)
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

    /// Sends one request to `app` (a clone of it: the clones share the state).
    async fn send(
        app: &Router,
        method: &str,
        uri: &str,
        json: Option<&str>,
    ) -> (StatusCode, HeaderMap, String) {
        let request = Request::builder().method(method).uri(uri);
        let request = match json {
            Some(json) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json.to_string())),
            None => request.body(Body::empty()),
        };
        let response = app.clone().oneshot(request.unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_created_todo_can_be_read_back() {
        let app = app();
        let (status, headers, body) =
            send(&app, "POST", "/todos", Some(r#"{"title":"Buy milk"}"#)).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(headers[header::LOCATION], "/todos/1");
        assert_eq!(body, r#"{"id":1,"title":"Buy milk","done":false}"#);

        let (status, _, body) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":1,"title":"Buy milk","done":false}"#);
    }

    #[tokio::test]
    async fn the_list_holds_every_todo_in_id_order() {
        let app = app();
        let (_, _, body) = send(&app, "GET", "/todos", None).await;
        assert_eq!(body, "[]");
        for title in ["one", "two", "three"] {
            let json = format!(r#"{{"title":"{title}"}}"#);
            let (status, _, _) = send(&app, "POST", "/todos", Some(&json)).await;
            assert_eq!(status, StatusCode::CREATED);
        }
        let (status, _, body) = send(&app, "GET", "/todos", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            r#"[{"id":1,"title":"one","done":false},{"id":2,"title":"two","done":false},{"id":3,"title":"three","done":false}]"#
        );
    }

    #[tokio::test]
    async fn a_missing_todo_is_404() {
        let app = app();
        let (status, _, body) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "");

        send(&app, "POST", "/todos", Some(r#"{"title":"only one"}"#)).await;
        let (status, _, _) = send(&app, "GET", "/todos/2", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _, _) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn each_app_has_its_own_state() {
        let first = app();
        let second = app();
        send(&first, "POST", "/todos", Some(r#"{"title":"first's"}"#)).await;
        let (_, _, body) = send(&second, "GET", "/todos", None).await;
        assert_eq!(body, "[]");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_creates_all_land() {
        let app = app();
        let mut tasks = Vec::new();
        for n in 0..40 {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                let json = format!(r#"{{"title":"todo {n}"}}"#);
                send(&app, "POST", "/todos", Some(&json)).await.0
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), StatusCode::CREATED);
        }
        let (_, _, body) = send(&app, "GET", "/todos", None).await;
        let todos: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        let ids: Vec<u64> = todos
            .iter()
            .map(|todo| todo["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, (1..=40).collect::<Vec<u64>>());
    }
}

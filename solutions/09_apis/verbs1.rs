// verbs1: PUT, PATCH and DELETE
//
// REST gives each HTTP method a meaning on a resource such as `/todos/1`:
//
//   GET     read it                                          safe, idempotent
//   PUT     replace it with the whole new version sent       idempotent
//   PATCH   change only the fields sent                      (not necessarily idempotent)
//   DELETE  remove it                                        idempotent
//
// Idempotent means that sending the same request twice leaves the server in the same state as
// sending it once. That matters because networks fail: a client that got no answer can safely
// retry a PUT or a DELETE. The second DELETE of the same todo finds nothing, so its *status*
// is 404, but the state is the same: the todo is gone. A successful DELETE has nothing to say
// and answers 204 No Content, with an empty body.
//
// A PUT must carry every field (a missing one is a 422); a PATCH may carry any of them, so its
// fields are `Option`s and only the present ones change.
//
// A method the resource does not support is 405 Method Not Allowed, with an `Allow` header
// listing the ones it does. axum's router does that for you, from the methods you chain:
// `get(a).put(b)...`.
//
// `PUT` works already. Make `PATCH` change only what it is sent, and add `DELETE`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::get,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct Todo {
    pub id: u64,
    pub title: String,
    pub done: bool,
}

type Todos = Arc<Mutex<BTreeMap<u64, Todo>>>;

pub fn app() -> Router {
    let todos: Todos = Arc::default();
    for (id, title, done) in [(1, "Buy milk", false), (2, "Walk the dog", true)] {
        let title = title.to_string();
        todos.lock().unwrap().insert(id, Todo { id, title, done });
    }
    Router::new()
        .route("/todos", get(list_todos))
        .route(
            "/todos/{id}",
            get(get_todo)
                .put(replace_todo)
                .patch(update_todo)
                .delete(delete_todo),
        )
        .with_state(todos)
}

async fn list_todos(State(todos): State<Todos>) -> Json<Vec<Todo>> {
    Json(todos.lock().unwrap().values().cloned().collect())
}

async fn get_todo(
    State(todos): State<Todos>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, StatusCode> {
    let todos = todos.lock().unwrap();
    todos
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or(StatusCode::NOT_FOUND)
}

/// The body of a PUT: the whole todo, every field required.
#[derive(Deserialize)]
pub struct Replacement {
    pub title: String,
    pub done: bool,
}

async fn replace_todo(
    State(todos): State<Todos>,
    Path(id): Path<u64>,
    Json(new): Json<Replacement>,
) -> Result<Json<Todo>, StatusCode> {
    let mut todos = todos.lock().unwrap();
    let todo = todos.get_mut(&id).ok_or(StatusCode::NOT_FOUND)?;
    todo.title = new.title;
    todo.done = new.done;
    Ok(Json(todo.clone()))
}

/// The body of a PATCH: any of the fields.
#[derive(Deserialize)]
pub struct Changes {
    pub title: Option<String>,
    pub done: Option<bool>,
}

async fn update_todo(
    State(todos): State<Todos>,
    Path(id): Path<u64>,
    Json(changes): Json<Changes>,
) -> Result<Json<Todo>, StatusCode> {
    let mut todos = todos.lock().unwrap();
    let todo = todos.get_mut(&id).ok_or(StatusCode::NOT_FOUND)?;
    if let Some(title) = changes.title {
        todo.title = title;
    }
    if let Some(done) = changes.done {
        todo.done = done;
    }
    Ok(Json(todo.clone()))
}

async fn delete_todo(State(todos): State<Todos>, Path(id): Path<u64>) -> StatusCode {
    match todos.lock().unwrap().remove(&id) {
        Some(_) => StatusCode::NO_CONTENT,
        None => StatusCode::NOT_FOUND,
    }
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
    use axum::http::{HeaderMap, Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

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

    async fn list(app: &Router) -> String {
        send(app, "GET", "/todos", None).await.2
    }

    const BOTH: &str =
        r#"[{"id":1,"title":"Buy milk","done":false},{"id":2,"title":"Walk the dog","done":true}]"#;

    #[tokio::test]
    async fn put_replaces_and_is_idempotent() {
        let app = app();
        let put = r#"{"title":"Buy oat milk","done":true}"#;
        let expected = r#"{"id":1,"title":"Buy oat milk","done":true}"#;
        let (status, _, body) = send(&app, "PUT", "/todos/1", Some(put)).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, expected));
        let after_one = list(&app).await;
        let (status, _, body) = send(&app, "PUT", "/todos/1", Some(put)).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, expected));
        assert_eq!(list(&app).await, after_one);
    }

    #[tokio::test]
    async fn put_needs_the_whole_todo() {
        let app = app();
        let (status, _, _) = send(&app, "PUT", "/todos/1", Some(r#"{"done":true}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _, _) = send(
            &app,
            "PUT",
            "/todos/9",
            Some(r#"{"title":"x","done":true}"#),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(list(&app).await, BOTH);
    }

    #[tokio::test]
    async fn patch_changes_only_what_it_is_sent() {
        let app = app();
        let (status, _, body) = send(&app, "PATCH", "/todos/1", Some(r#"{"done":true}"#)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":1,"title":"Buy milk","done":true}"#);

        let (status, _, body) = send(
            &app,
            "PATCH",
            "/todos/2",
            Some(r#"{"title":"Walk the cat"}"#),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":2,"title":"Walk the cat","done":true}"#);

        let (status, _, body) = send(&app, "PATCH", "/todos/2", Some("{}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":2,"title":"Walk the cat","done":true}"#);

        let (status, _, body) = send(
            &app,
            "PATCH",
            "/todos/2",
            Some(r#"{"title":"Feed the cat","done":false}"#),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":2,"title":"Feed the cat","done":false}"#);
        assert_eq!(
            list(&app).await,
            r#"[{"id":1,"title":"Buy milk","done":true},{"id":2,"title":"Feed the cat","done":false}]"#
        );
    }

    #[tokio::test]
    async fn a_bad_patch_changes_nothing() {
        let app = app();
        let (status, _, _) = send(&app, "PATCH", "/todos/1", Some(r#"{"done":"yes"}"#)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _, _) = send(&app, "PATCH", "/todos/9", Some(r#"{"done":true}"#)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(list(&app).await, BOTH);
    }

    #[tokio::test]
    async fn delete_is_204_then_404() {
        let app = app();
        let (status, _, body) = send(&app, "DELETE", "/todos/1", None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(body, "");
        let after_one = list(&app).await;
        assert_eq!(
            after_one,
            r#"[{"id":2,"title":"Walk the dog","done":true}]"#
        );

        let (status, _, _) = send(&app, "DELETE", "/todos/1", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(list(&app).await, after_one);

        let (status, _, _) = send(&app, "GET", "/todos/1", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn deleting_what_never_was_is_404() {
        let app = app();
        let (status, _, _) = send(&app, "DELETE", "/todos/3", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(list(&app).await, BOTH);
    }

    #[tokio::test]
    async fn other_methods_are_405_with_allow() {
        let app = app();
        for method in ["POST", "OPTIONS"] {
            let (status, headers, _) = send(&app, method, "/todos/1", None).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
            let allow = headers[header::ALLOW].to_str().unwrap();
            let mut methods: Vec<&str> = allow.split(',').map(str::trim).collect();
            methods.sort_unstable();
            assert_eq!(
                methods,
                ["DELETE", "GET", "HEAD", "PATCH", "PUT"],
                "Allow: {allow}"
            );
        }
        assert_eq!(list(&app).await, BOTH);
    }
}

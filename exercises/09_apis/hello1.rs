// hello1: your first axum app
//
// A framework parses requests, routes them and writes responses, so you write only what
// your API does. In Rust the common choice is axum (on tokio and hyper). An app is a
// `Router`, a table from (method, path) to a handler; a handler is an `async fn` whose return
// value becomes the response through the `IntoResponse` trait: a `&str` is a 200 text/plain,
// `Json(value)` a 200 application/json.
//
// Load balancers call a health endpoint to learn whether an instance may get traffic. Route
// `GET /health` to `health`, and make it answer the JSON `{"status":"ok"}`.

#[path = "support/client.rs"]
mod client;

use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

pub fn app() -> Router {
    // TODO: route `GET /health` to the `health` handler.
    Router::new().route("/", get(root))
}

async fn root() -> &'static str {
    "Hello from axum!"
}

// TODO: answer with the JSON document `{"status":"ok"}` (change the return type too).
async fn health() -> &'static str {
    "ok"
}

fn main() {
    // Checked by its tests, which hand requests to the router in memory (see support/client.rs).
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{get, send};

    #[tokio::test]
    async fn health_is_json() {
        let reply = get(&app(), "/health").await;
        assert_eq!(reply.status, 200, "GET /health must be routed: {reply:?}");
        let content_type = reply.header("content-type");
        assert_eq!(
            content_type, "application/json",
            "Json(...) sets the Content-Type"
        );
        assert_eq!(reply.body, r#"{"status":"ok"}"#, "the health document");
    }

    #[tokio::test]
    async fn other_methods_are_405() {
        let reply = send(&app(), "POST", "/health", None).await;
        let status = reply.status;
        assert_eq!(status, 405, "/health exists, for GET only");
        let reply = get(&app(), "/healthz").await;
        assert_eq!(reply.status, 404, "a path nobody routed is a 404");
    }
}

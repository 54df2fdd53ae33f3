// hello1: your first axum app
//
// In the http stage you parsed requests and wrote responses by hand, to see how HTTP works. In
// production a framework does that part: it parses, routes, and writes the response bytes, and
// you write only what your API does. In Rust the common choice is axum, built on the tokio
// async runtime and the hyper HTTP library.
//
// An axum app is a `Router`: a table from (method, path) to a handler. A handler is an
// `async fn`; what it returns becomes the response, through the `IntoResponse` trait:
//
//     Router::new().route("/path", get(handler))    // GET /path runs `handler`
//
//     async fn handler() -> &'static str { "hi" }   // 200, Content-Type: text/plain
//     StatusCode::NO_CONTENT                         // just a status, empty body
//     Json(json!({"a": 1}))                          // 200, Content-Type: application/json
//
// Load balancers and container orchestrators call a health endpoint to learn whether an
// instance is alive before they send it traffic. Give this app one: `GET /health` answers
// 200 with the JSON document `{"status":"ok"}`.
//
// The tests open no socket: a `Router` is a tower `Service`, a function from request to
// response, and tower's `oneshot` hands it one request in memory. (`serve1`, at the end of the
// stage, serves an app over real TCP.)

use axum::{Json, Router, routing::get};
use serde_json::{Value, json};

pub fn app() -> Router {
    Router::new()
        .route("/", get(root))
        .route("/health", get(health))
}

async fn root() -> &'static str {
    "Hello from axum!"
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

fn main() {
    // This exercise is checked by its tests. `serve1` serves an app on a real socket.
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// Sends one request to the app in memory and returns the status, the Content-Type
    /// (empty if none) and the body.
    async fn send(method: &str, uri: &str) -> (StatusCode, String, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            content_type,
            String::from_utf8(body.to_vec()).unwrap(),
        )
    }

    #[tokio::test]
    async fn root_says_hello() {
        let (status, content_type, body) = send("GET", "/").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type, "text/plain; charset=utf-8");
        assert_eq!(body, "Hello from axum!");
    }

    #[tokio::test]
    async fn health_is_json() {
        let (status, content_type, body) = send("GET", "/health").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type, "application/json");
        assert_eq!(body, r#"{"status":"ok"}"#);
    }

    #[tokio::test]
    async fn health_body_parses_as_json() {
        let (_, _, body) = send("GET", "/health").await;
        let value: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value, json!({"status": "ok"}));
    }

    #[tokio::test]
    async fn unknown_paths_are_404() {
        for uri in ["/healthz", "/health/", "/HEALTH", "/nope"] {
            let (status, _, body) = send("GET", uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "GET {uri}");
            assert_eq!(body, "", "GET {uri}");
        }
    }

    #[tokio::test]
    async fn other_methods_are_405() {
        // The router knows `/health` exists but only for GET (and HEAD, which axum answers
        // with GET's handler and no body).
        for method in ["POST", "PUT", "DELETE"] {
            let (status, _, _) = send(method, "/health").await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} /health");
        }
        let (status, _, body) = send("HEAD", "/health").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "");
    }
}

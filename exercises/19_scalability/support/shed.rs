//! Load shedding scaffolding: a slow `/report`, a `/health` check, the shedding middleware
//! (load_shed1's answer) and a test client that sends each request on its own task.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tower::ServiceExt;

/// Some slow work: a report that takes a second to build (on tokio's clock).
pub async fn report() -> &'static str {
    tokio::time::sleep(Duration::from_secs(1)).await;
    "report ready\n"
}

/// What a load balancer asks to know whether this server is alive.
pub async fn health() -> &'static str {
    "ok\n"
}

/// Admits a request only while a permit is free; refuses the rest at once with 503.
pub async fn shed_load(
    State(in_flight): State<Arc<Semaphore>>,
    req: Request,
    next: Next,
) -> Response {
    match in_flight.try_acquire_owned() {
        Ok(_permit) => next.run(req).await,
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "1")],
            "busy, try again\n",
        )
            .into_response(),
    }
}

/// Sends `GET path` on its own task, like a client of its own.
pub fn send(app: &Router, path: &str) -> JoinHandle<Response> {
    let app = app.clone();
    let req = Request::get(path).body(Body::empty()).unwrap();
    tokio::spawn(async move { app.oneshot(req).await.unwrap() })
}

/// The status of a request sent with `send`.
pub async fn status(handle: JoinHandle<Response>) -> u16 {
    handle.await.unwrap().status().as_u16()
}

/// Sends `GET path` and waits for the answer: its status, its `Retry-After`, and how long it
/// took on tokio's clock.
pub async fn get(app: &Router, path: &str) -> (u16, Option<String>, Duration) {
    let start = tokio::time::Instant::now();
    let resp = send(app, path).await.unwrap();
    let retry_after = resp.headers().get(header::RETRY_AFTER);
    let retry_after = retry_after.map(|v| v.to_str().unwrap().to_string());
    (resp.status().as_u16(), retry_after, start.elapsed())
}

/// Lets the spawned requests run until they wait inside the handler.
pub async fn let_them_start() {
    tokio::time::sleep(Duration::from_millis(10)).await;
}

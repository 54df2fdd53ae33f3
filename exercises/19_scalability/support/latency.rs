//! A server with a known latency distribution, for load1: of every 10 requests to `/work`, 9
//! take 1 ms and 1 takes 20 ms. The delays are on tokio's clock, so a test with the clock
//! paused measures them exactly and takes no real time.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use tower::ServiceExt;

/// `GET /work`: 90% of requests take 1 ms, 10% take 20 ms.
pub fn server() -> Router {
    let served = Arc::new(AtomicU64::new(0));
    let work = |State(served): State<Arc<AtomicU64>>| async move {
        let n = served.fetch_add(1, Ordering::Relaxed);
        let ms = if n % 10 == 9 { 20 } else { 1 };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        "done\n"
    };
    Router::new().route("/work", get(work)).with_state(served)
}

/// Sends one `GET /work` and waits for the answer.
pub async fn request(app: &Router) {
    let req = Request::get("/work").body(Body::empty()).unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "the server answers /work");
}

/// Milliseconds as a `Duration`.
pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// 90 samples of 1 ms and 10 of 20 ms, the slow ones spread through.
pub fn known_samples() -> Vec<Duration> {
    (0..100)
        .map(|i| ms(if i % 10 == 3 { 20 } else { 1 }))
        .collect()
}

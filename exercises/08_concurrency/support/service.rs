//! An in-memory HTTP service for shutdown1 (support code: you do not need to edit it).
//!
//! `start` returns a `Server` and a `Client`. The client hands requests straight to the
//! server's axum `Router` instead of going through a socket; once the server has stopped
//! accepting, a request is refused, as a connection to a closed port would be. Routes:
//!
//! - `GET /readyz`: 200 while the server is ready, 503 after `fail_readiness`. This is what
//!   a load balancer polls to decide whether to send this instance traffic.
//! - `GET /work`: answers at once. `GET /slow`: answers after 10 s (on tokio's clock).
//! - `GET /stuck`: never answers.
//!
//! The server counts the requests in flight, so `finish_in_flight` can wait for them.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::{Router, routing::get};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::watch;
use tokio::time::{Duration, sleep};
use tower::ServiceExt;

#[derive(Clone)]
struct Shared {
    ready: Arc<AtomicBool>,
    accepting: Arc<AtomicBool>,
    in_flight: Arc<watch::Sender<usize>>,
}

pub struct Server(Shared);

#[derive(Clone)]
pub struct Client(Shared, Router);

/// The server is no longer accepting: like a connection refused.
#[derive(Debug, PartialEq)]
pub struct Refused;

/// A ready, accepting server, and a client for it.
pub fn start() -> (Server, Client) {
    let shared = Shared {
        ready: Arc::new(AtomicBool::new(true)),
        accepting: Arc::new(AtomicBool::new(true)),
        in_flight: Arc::new(watch::Sender::new(0)),
    };
    let app = Router::new()
        .route("/readyz", get(readyz))
        .route("/work", get(|| async { "done" }))
        .route(
            "/slow",
            get(|| async { sleep(Duration::from_secs(10)).await }),
        )
        .route("/stuck", get(std::future::pending::<()>))
        .with_state(Arc::clone(&shared.ready));
    (Server(shared.clone()), Client(shared, app))
}

async fn readyz(State(ready): State<Arc<AtomicBool>>) -> StatusCode {
    if ready.load(Ordering::SeqCst) {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

impl Server {
    /// `/readyz` answers 503 from now on.
    pub fn fail_readiness(&self) {
        self.0.ready.store(false, Ordering::SeqCst);
    }

    /// New requests are refused from now on; the ones in flight go on.
    pub fn stop_accepting(&self) {
        self.0.accepting.store(false, Ordering::SeqCst);
    }

    /// Waits until no request is in flight.
    pub async fn finish_in_flight(&self) {
        let mut in_flight = self.0.in_flight.subscribe();
        let _ = in_flight.wait_for(|&n| n == 0).await;
    }
}

impl Client {
    /// Sends `GET path` and returns the response's status code.
    pub async fn get(&self, path: &str) -> Result<u16, Refused> {
        if !self.0.accepting.load(Ordering::SeqCst) {
            return Err(Refused);
        }
        self.0.in_flight.send_modify(|n| *n += 1);
        let _in_flight = InFlight(Arc::clone(&self.0.in_flight));
        let request = Request::get(path)
            .body(Body::empty())
            .expect("a valid request");
        let response = self
            .1
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        Ok(response.status().as_u16())
    }
}

/// Counts a request out when it ends, answered or dropped.
struct InFlight(Arc<watch::Sender<usize>>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n -= 1);
    }
}

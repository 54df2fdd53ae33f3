// readiness1: ready is not the same as started
//
// A new instance is started during every deploy and every scale-up. It binds its port at
// once, but may not be able to serve yet: it is still running migrations, filling a cache,
// opening its database pool. The load balancer must not send it traffic until it says so.
// That is what the readiness endpoint is for: the orchestrator polls `GET /readyz` every few
// seconds and routes requests to the instance only while it answers 200.
//
// `/livez` ("is the process alive?") answers 200 from the start: failing it gets the
// process restarted, which would never let a slow warm-up finish. `/readyz` answers
// 503 "warming up" until the warm-up is done, then 200 "ready".
//
// The tests start this program as a separate process, poll `/readyz` the way an
// orchestrator does, and only then send it real requests.

#[cfg(test)]
#[path = "support/http.rs"]
mod http;
#[path = "support/log.rs"]
mod log;
#[path = "support/process.rs"]
mod process;

use axum::{Router, extract::State, http::StatusCode, routing::get};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct AppState {
    ready: Arc<AtomicBool>,
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.ready.load(Ordering::SeqCst) {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "warming up\n")
    }
}

/// Migrations, caches, connection pools... (here: `process::hold`, which the tests end).
async fn warm_up(state: AppState) {
    process::hold("warmed-up", Duration::from_secs(2)).await;
    log::info("warmed up", json!({}));
    state.ready.store(true, Ordering::SeqCst);
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/livez", get(|| async { "alive\n" }))
        .route("/readyz", get(readyz))
        .route("/orders", get(|| async { "[]\n" }))
        .with_state(state)
}

async fn run(_vars: HashMap<String, String>) -> i32 {
    let Ok(listener) = TcpListener::bind("127.0.0.1:0").await else {
        return 1;
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    log::info("listening", json!({ "addr": addr }));
    let state = AppState::default();
    tokio::spawn(warm_up(state.clone()));
    match axum::serve(listener, app(state)).await {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

fn main() {
    process::main(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http;
    use process::{PATIENCE, Program};

    /// Becomes the program when a test starts this binary with BACKLINGS_SERVE=1.
    #[test]
    fn server_entry() {
        process::entry(run);
    }

    #[test]
    fn while_warming_up_it_is_alive_but_not_ready() {
        let mut program = Program::start(&[]);
        let addr = program.addr();
        let live = http::get(addr, "/livez")
            .unwrap_or_else(|e| panic!("GET /livez: {e}\n{}", program.report()));
        assert_eq!(
            live.status, 200,
            "/livez answers 200 during the warm-up, or the orchestrator would restart the process before it is ever ready"
        );
        let ready = http::get(addr, "/readyz")
            .unwrap_or_else(|e| panic!("GET /readyz: {e}\n{}", program.report()));
        assert_eq!(
            (ready.status, ready.body.as_str()),
            (503, "warming up\n"),
            "/readyz answers 503 until the warm-up is done, so no traffic is routed to an instance that cannot serve it yet"
        );
    }

    #[test]
    fn once_warmed_up_it_becomes_ready_and_serves() {
        let mut program = Program::start(&[]);
        let addr = program.addr();
        program.say("warmed-up");
        if let Err(last) = http::poll_until(addr, "/readyz", 200, PATIENCE) {
            panic!(
                "/readyz should answer 200 once the warm-up is done; {PATIENCE:?} after it, it still said: {last}\n{}",
                program.report()
            );
        }
        let orders = http::get(addr, "/orders").unwrap_or_else(|e| panic!("GET /orders: {e}"));
        assert_eq!(
            (orders.status, orders.body.as_str()),
            (200, "[]\n"),
            "a ready instance serves requests"
        );
    }
}

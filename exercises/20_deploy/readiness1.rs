// readiness1: ready is not the same as started
//
// A new instance binds its port at once, but may not serve yet: it runs migrations, fills a
// cache, opens its database pool. The orchestrator polls `GET /readyz` and routes traffic to
// it only while it answers 200. `/livez` ("is the process alive?") answers 200 from the
// start: failing it gets the process restarted, and a slow warm-up would never finish.
//
// Make `/readyz` answer 503 "warming up" until the warm-up is done, then 200 "ready".

#[cfg(test)]
#[path = "support/http.rs"]
mod http;
#[path = "support/process.rs"]
mod process;

use axum::{Router, extract::State, http::StatusCode, routing::get};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Clone, Default)]
pub struct AppState {
    ready: Arc<AtomicBool>,
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    // TODO: answer 503 "warming up\n" until the warm-up has finished.
    let _ = state.ready.load(Ordering::SeqCst);
    (StatusCode::OK, "ready\n")
}

/// Migrations, caches, connection pools... (here: `process::hold`, which the tests end).
async fn warm_up(state: AppState) {
    process::hold("warmed-up", std::time::Duration::from_secs(2)).await;
    // TODO: from now on, the instance can take traffic.
    let _ = state;
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/livez", get(|| async { "alive\n" }))
        .route("/readyz", get(readyz))
        .route("/orders", get(|| async { "[]\n" }))
        .with_state(state)
}

async fn run(_vars: HashMap<String, String>) -> i32 {
    let state = AppState::default();
    tokio::spawn(warm_up(state.clone()));
    process::serve(app(state)).await
}

fn main() {
    process::main(run)
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    process::server_entry!(run);

    #[test]
    fn it_is_alive_at_once_and_ready_only_once_warmed_up() {
        let mut program = process::Program::start(&[]);
        let addr = program.addr();
        let live = http::get_from(&mut program, addr, "/livez");
        let why = "/livez answers 200 during the warm-up, or the process would be restarted";
        assert_eq!(live.status, 200, "{why}");
        let ready = http::get_from(&mut program, addr, "/readyz").summary();
        let why = "/readyz answers 503 until the warm-up is done: route no traffic here yet";
        assert_eq!(ready, "503 warming up", "{why}");
        program.say("warmed-up");
        let why = "/readyz answers 200 once the warm-up is done";
        http::expect_status(&mut program, addr, "/readyz", 200, why);
        let orders = http::get_from(&mut program, addr, "/orders");
        assert_eq!(orders.body, "[]\n", "a ready instance serves requests");
    }
}

// sigterm1: stopping on SIGTERM without dropping requests
//
// Every deploy stops the old instances: the orchestrator sends SIGTERM, waits a grace period
// (30 s in Kubernetes), then SIGKILL. Stopping well: on SIGTERM, answer 503 on `/readyz` but
// keep serving while the load balancer notices (`process::hold` waits for that; the tests end
// the wait); then stop accepting and let the requests in flight finish
// (`axum::serve(..).with_graceful_shutdown(signal)`, when `signal` completes); then exit 0.
//
// Finish `shutdown_signal` and use it in `run`. `process::sigterm()` listens for SIGTERM from
// the moment it is called and returns a future that completes when the signal comes.

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
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct AppState {
    draining: Arc<AtomicBool>,
}

/// Completes when the server should stop accepting connections.
async fn shutdown_signal(sigterm: impl Future<Output = ()>, state: AppState) {
    sigterm.await;
    state.draining.store(true, Ordering::SeqCst);
    log::info("draining", json!({}));
    process::hold("stop-accepting", Duration::from_secs(5)).await;
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.draining.load(Ordering::SeqCst) {
        (StatusCode::SERVICE_UNAVAILABLE, "draining\n")
    } else {
        (StatusCode::OK, "ready\n")
    }
}

async fn slow() -> &'static str {
    log::info("slow request started", json!({}));
    process::hold("release", Duration::from_secs(3)).await;
    "slow done\n"
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/readyz", get(readyz))
        .route("/slow", get(slow))
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
    let state = AppState::default();
    let stop = shutdown_signal(process::sigterm(), state.clone());
    let server = axum::serve(listener, app(state)).with_graceful_shutdown(stop);
    log::info("listening", json!({ "addr": addr }));
    match server.await {
        Ok(()) => {
            log::info("stopped", json!({}));
            0
        }
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

    process::server_entry!(run);

    #[test]
    fn sigterm_fails_readiness_then_drains_the_request_in_flight_and_exits_0() {
        let mut program = Program::start(&[]);
        let addr = program.addr();
        http::expect_status(
            &mut program,
            addr,
            "/readyz",
            200,
            "the program starts ready",
        );
        let in_flight = http::start_get(addr, "/slow").expect("could not send GET /slow");
        let started = program.wait_for_log("slow request started", PATIENCE);
        assert!(
            started.is_some(),
            "GET /slow never reached its handler\n{}",
            program.report()
        );
        program.terminate();
        let why = "after SIGTERM, /readyz must answer 503 while the program still accepts \
                   connections, so the load balancer stops sending traffic first";
        http::expect_status(&mut program, addr, "/readyz", 503, why);
        program.say("stop-accepting");
        let refused = http::until_refused(addr, PATIENCE);
        let why = "once the load balancer had time to notice, new connections are refused";
        assert!(refused, "{why}\n{}", program.report());
        let why = "the program exited with a request still in flight: it must drain first";
        assert!(program.running(), "{why}\n{}", program.report());
        program.say("release");
        let response = http::finish(in_flight).map(|r| r.summary());
        let why = "the request in flight when SIGTERM came is answered in full";
        assert_eq!(
            response.ok().as_deref(),
            Some("200 slow done"),
            "{why}\n{}",
            program.report()
        );
        let status = program.status(PATIENCE);
        let why =
            "with nothing left in flight, the program exits 0: stopping on request is a success";
        assert_eq!(status, "exited with code 0", "{why}\n{}", program.report());
    }

    #[test]
    fn an_idle_program_exits_0_on_sigterm() {
        let mut program = Program::start(&[]);
        let addr = program.addr();
        http::expect_status(
            &mut program,
            addr,
            "/readyz",
            200,
            "the program starts ready",
        );
        program.say("stop-accepting");
        program.terminate();
        let status = program.status(PATIENCE);
        let why = "an idle program stops at once on SIGTERM, and exits 0";
        assert_eq!(status, "exited with code 0", "{why}\n{}", program.report());
    }
}

// sigterm1: stopping on SIGTERM without dropping requests
//
// Every deploy stops the old instances. The orchestrator sends SIGTERM, waits a grace
// period (30 s by default in Kubernetes), then sends SIGKILL. A program that does not
// handle SIGTERM dies at once, cutting off every request in flight. Stopping well:
//
// 1. SIGTERM arrives: answer 503 on `/readyz`, but keep serving. The load balancer needs a
//    few seconds to notice and stop sending new requests here (`process::hold` waits for
//    that; the tests end the wait themselves).
// 2. Stop accepting connections and let the requests in flight finish (drain):
//    `axum::serve(..).with_graceful_shutdown(signal)` does this when `signal` completes.
// 3. Exit 0: stopping when asked is a success.
//
// `process::sigterm()` starts listening for SIGTERM when called and returns a future that
// completes when the signal comes. Write `shutdown_signal` and use it in `run`.

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
    // TODO: fail readiness, log "draining", then wait for the load balancer:
    // `process::hold("stop-accepting", Duration::from_secs(5)).await`.
    let _ = state;
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
    // TODO: stop gracefully on SIGTERM, with `shutdown_signal(process::sigterm(), ...)`.
    let server = axum::serve(listener, app(state));
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

    /// Becomes the program when a test starts this binary with BACKLINGS_SERVE=1.
    #[test]
    fn server_entry() {
        process::entry(run);
    }

    fn start_ready() -> (Program, std::net::SocketAddr) {
        let mut program = Program::start(&[]);
        let addr = program.addr();
        if let Err(last) = http::poll_until(addr, "/readyz", 200, PATIENCE) {
            panic!("/readyz never answered 200: {last}\n{}", program.report());
        }
        (program, addr)
    }

    #[test]
    fn sigterm_fails_readiness_then_drains_the_request_in_flight_and_exits_0() {
        let (mut program, addr) = start_ready();
        let in_flight = http::start_get(addr, "/slow").expect("could not send GET /slow");
        let started = program.wait_for_log("slow request started", PATIENCE);
        assert!(
            started.is_some(),
            "GET /slow never reached its handler\n{}",
            program.report()
        );

        program.terminate();
        if let Err(last) = http::poll_until(addr, "/readyz", 503, PATIENCE) {
            panic!(
                "after SIGTERM, /readyz must answer 503 while the program still accepts connections, so the load balancer stops sending traffic first; it got: {last}\n{}",
                program.report()
            );
        }
        program.say("stop-accepting");
        assert!(
            http::until_refused(addr, PATIENCE),
            "once the load balancer had time to notice, new connections are refused\n{}",
            program.report()
        );
        assert!(
            program.running(),
            "the program exited with a request still in flight: it must drain first\n{}",
            program.report()
        );

        program.say("release");
        let response = http::finish(in_flight).unwrap_or_else(|e| {
            panic!(
                "the request in flight was cut off ({e})\n{}",
                program.report()
            )
        });
        assert_eq!(
            (response.status, response.body.as_str()),
            (200, "slow done\n"),
            "the request in flight when SIGTERM came is answered in full"
        );
        let status = program.wait(PATIENCE).map(process::describe);
        assert_eq!(
            status.as_deref(),
            Some("exited with code 0"),
            "with nothing left in flight, the program exits 0: stopping on request is a success\n{}",
            program.report()
        );
    }

    #[test]
    fn an_idle_program_exits_0_on_sigterm() {
        let (mut program, _addr) = start_ready();
        program.say("stop-accepting");
        program.terminate();
        let status = program.wait(PATIENCE).map(process::describe);
        assert_eq!(
            status.as_deref(),
            Some("exited with code 0"),
            "an idle program stops at once on SIGTERM, and exits 0\n{}",
            program.report()
        );
    }
}

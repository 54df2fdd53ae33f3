// health2: readiness first, then stop
//
// A deploy replaces an instance: the old one gets a signal (SIGTERM) and must go away without
// failing a request. The order is what matters:
// 1. On the signal, fail readiness (503 "draining") but keep accepting and serving: the load
//    balancer only notices at its next readiness check, and sends requests here until then.
// 2. Keep serving for a drain delay (a few probe periods).
// 3. Only then stop accepting, finish the requests in flight and exit (serve1's graceful
//    shutdown). An instance that stops at once fails every request already on its way.
//
// `Lifecycle` keeps the phase. It is told the time (`now`, since start) instead of reading a
// clock, so the tests walk through a shutdown in explicit steps; `main` wires it to a real
// server. Make `on_signal` start draining, and `tick` stop once the delay has passed.

#[path = "support/client.rs"]
mod client;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{Json, Router, extract::State, http::StatusCode, routing::get};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    Serving,
    Draining { until: Duration },
    Stopped,
}

pub struct Lifecycle {
    pub phase: Phase,
    pub drain: Duration,
}

impl Lifecycle {
    /// The shutdown signal arrived at `now`.
    pub fn on_signal(&mut self, now: Duration) {
        // TODO: fail readiness first, and keep serving until `now + self.drain`.
        self.phase = Phase::Draining {
            until: now + self.drain,
        };
    }

    /// Time has moved on to `now`.
    pub fn tick(&mut self, now: Duration) {
        // TODO: once the drain delay is over, stop accepting.
        if let Phase::Draining { until } = self.phase
            && now >= until
        {
            self.phase = Phase::Stopped;
        }
    }

    pub fn ready(&self) -> bool {
        self.phase == Phase::Serving
    }

    pub fn accepting(&self) -> bool {
        self.phase != Phase::Stopped
    }
}

type Shared = Arc<Mutex<Lifecycle>>;

/// A serving lifecycle, shared by the handlers and the shutdown code.
pub fn serving(drain: Duration) -> Shared {
    Arc::new(Mutex::new(Lifecycle {
        phase: Phase::Serving,
        drain,
    }))
}

async fn readyz(State(lifecycle): State<Shared>) -> (StatusCode, Json<Value>) {
    let ready = lifecycle.lock().unwrap().ready();
    let (status, text) = if ready {
        (200, "ready")
    } else {
        (503, "draining")
    };
    (
        StatusCode::from_u16(status).unwrap(),
        Json(json!({ "status": text })),
    )
}

pub fn app(lifecycle: Shared) -> Router {
    let order = get(|| async { "an order" });
    let app = Router::new().route("/readyz", get(readyz));
    app.route("/orders/1", order).with_state(lifecycle)
}

#[tokio::main]
async fn main() {
    let lifecycle = serving(Duration::from_secs(5));
    let (start, shared) = (tokio::time::Instant::now(), lifecycle.clone());
    let stopped = async move {
        tokio::signal::ctrl_c().await.unwrap();
        shared.lock().unwrap().on_signal(start.elapsed());
        while shared.lock().unwrap().accepting() {
            tokio::time::sleep(Duration::from_millis(100)).await;
            shared.lock().unwrap().tick(start.elapsed());
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("http://{}/readyz", listener.local_addr().unwrap());
    let server = axum::serve(listener, app(lifecycle));
    server.with_graceful_shutdown(stopped).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::get;

    /// Moves the time to `ms` milliseconds; says whether the instance still accepts.
    fn accepting_at(lifecycle: &Shared, ms: u64) -> bool {
        let mut lifecycle = lifecycle.lock().unwrap();
        lifecycle.tick(Duration::from_millis(ms));
        lifecycle.accepting()
    }

    #[tokio::test]
    async fn a_shutdown_fails_readiness_then_drains_then_stops() {
        let lifecycle = serving(Duration::from_secs(5));
        let app = app(lifecycle.clone());
        assert_eq!(
            get(&app, "/readyz", &[]).await.status,
            200,
            "serving: ready"
        );
        lifecycle.lock().unwrap().on_signal(Duration::from_secs(10));
        let ready = get(&app, "/readyz", &[]).await.status;
        assert_eq!(ready, 503, "the first step of a shutdown: readiness fails");
        let why = "but it keeps accepting: the load balancer still sends requests here";
        assert!(accepting_at(&lifecycle, 10_000), "{why}");
        let order = get(&app, "/orders/1", &[]).await.status;
        assert_eq!(order, 200, "and it keeps serving them while it drains");
        let why = "4.999 s after the signal, the 5 s drain delay is not over";
        assert!(accepting_at(&lifecycle, 14_999), "{why}");
        let why = "once the drain delay is over, it stops accepting";
        assert!(!accepting_at(&lifecycle, 15_000), "{why}");
    }
}

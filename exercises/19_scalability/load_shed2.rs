// load_shed2: keep the health check out of the limit
//
// A load balancer asks every server `GET /health` every few seconds and stops sending traffic
// to one that does not answer. A server that sheds its health check when busy looks dead: the
// balancer takes it out, its load moves to the others, they get busy and shed theirs too, and a
// busy fleet becomes a dead one. A busy server is alive; `/health` must never be shed.
//
// In axum, `route_layer` wraps only the routes added *before* it.
//
// Fix `app`.

#[path = "support/shed.rs"]
mod shed;

use std::sync::Arc;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use tokio::sync::Semaphore;

/// `/report` admits at most `max_in_flight` requests at a time; `/health` always answers.
pub fn app(max_in_flight: usize) -> Router {
    let in_flight = Arc::new(Semaphore::new(max_in_flight));
    // TODO: keep `/health` out of the limit.
    Router::new()
        .route("/report", get(shed::report))
        .route("/health", get(shed::health))
        .route_layer(middleware::from_fn_with_state(in_flight, shed::shed_load))
}

fn main() {
    println!("Run the tests: `app` is tried while it is saturated.");
}

// The tokio clock is paused in these tests: the one-second reports take no real time.
#[cfg(test)]
mod tests {
    use super::app;
    use crate::shed::{let_them_start, send, status};

    #[tokio::test(start_paused = true)]
    async fn health_answers_even_when_saturated() {
        let app = app(1);
        let busy = send(&app, "/report");
        let_them_start().await;
        assert_eq!(
            status(send(&app, "/report")).await,
            503,
            "one report is in flight with a limit of 1: the next report is shed"
        );
        assert_eq!(
            status(send(&app, "/health")).await,
            200,
            "/health must not be shed: a busy server is not a dead one"
        );
        assert_eq!(status(busy).await, 200, "the admitted report finishes");
    }
}

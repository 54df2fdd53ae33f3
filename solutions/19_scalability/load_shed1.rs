// load_shed1: shed load with a semaphore -> 503
//
// A server that takes every request while it is overloaded gets slower for everyone: requests
// pile up, each waits longer, clients time out and retry, and the pile grows. Better to know how
// much work the server can do at once and refuse the rest right away with
// `503 Service Unavailable` and `Retry-After`: the client tries again later or elsewhere, and
// the requests already admitted still finish on time.
//
// A `tokio::sync::Semaphore` with N permits counts the requests in flight. `acquire().await`
// waits for a free permit, which makes a queue, not a limit; `try_acquire_owned()` answers at
// once. A permit goes back when it is dropped, so it must live until the response is ready.
//
// Fix `shed_load`.

#[path = "support/shed.rs"]
mod shed;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::Semaphore;

async fn shed_load(State(in_flight): State<Arc<Semaphore>>, req: Request, next: Next) -> Response {
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

/// `/report`, admitting at most `max_in_flight` requests at a time.
pub fn app(max_in_flight: usize) -> Router {
    let in_flight = Arc::new(Semaphore::new(max_in_flight));
    Router::new()
        .route("/report", get(shed::report))
        .route_layer(middleware::from_fn_with_state(in_flight, shed_load))
}

fn main() {
    println!("Run the tests: `app` is tried with many requests at once.");
}

// The tokio clock is paused in these tests: the one-second reports take no real time.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::shed::{let_them_start, send, status};
    use tokio::time::{Duration, Instant};

    #[tokio::test(start_paused = true)]
    async fn a_request_over_the_limit_gets_503_at_once() {
        let app = app(2);
        let (a, b) = (send(&app, "/report"), send(&app, "/report"));
        let_them_start().await;
        let start = Instant::now();
        let third = send(&app, "/report").await.unwrap();
        let waited = start.elapsed();
        assert_eq!(
            third.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "2 reports are in flight with a limit of 2: a 3rd must be refused, not queued"
        );
        assert_eq!(
            waited,
            Duration::ZERO,
            "refused at once, without waiting for a permit"
        );
        assert_eq!(
            third
                .headers()
                .get(header::RETRY_AFTER)
                .map(|v| v.to_str().unwrap()),
            Some("1"),
            "a 503 tells the client when to come back"
        );
        assert_eq!(
            status(a).await,
            StatusCode::OK,
            "the admitted reports finish"
        );
        assert_eq!(
            status(b).await,
            StatusCode::OK,
            "the admitted reports finish"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_gets_exactly_the_limit_through() {
        let app = app(3);
        let handles: Vec<_> = (0..10).map(|_| send(&app, "/report")).collect();
        let (mut ok, mut shed) = (0, 0);
        for handle in handles {
            match status(handle).await {
                StatusCode::OK => ok += 1,
                _ => shed += 1,
            }
        }
        assert_eq!(
            (ok, shed),
            (3, 7),
            "(served, refused) of 10 at once with a limit of 3"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn permits_come_back_when_requests_finish() {
        let app = app(1);
        let first = send(&app, "/report");
        let_them_start().await;
        assert_eq!(
            status(send(&app, "/report")).await,
            StatusCode::SERVICE_UNAVAILABLE,
            "one report is in flight with a limit of 1: the next is refused"
        );
        assert_eq!(
            status(first).await,
            StatusCode::OK,
            "the first report finishes"
        );
        assert_eq!(
            status(send(&app, "/report")).await,
            StatusCode::OK,
            "the first report is done, so its permit is free again (drop the permit, don't forget it)"
        );
    }
}

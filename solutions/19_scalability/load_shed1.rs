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
    use super::app;
    use crate::shed::{get, let_them_start, send, status};
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn a_request_over_the_limit_gets_503_at_once() {
        let app = app(2);
        let admitted = [send(&app, "/report"), send(&app, "/report")];
        let_them_start().await;
        let third = get(&app, "/report").await;
        let why = match third {
            (200, _, took) if took <= Duration::from_secs(1) => {
                "a 3rd was served without waiting: its permit was dropped at once \
                 (`let Ok(_) = ..` drops it; bind it, `Ok(_permit)`, and keep it until the \
                 response is ready)"
            }
            _ => "2 reports in flight, a limit of 2: a 3rd gets 503, Retry-After: 1, at once",
        };
        assert_eq!(third, (503, Some("1".into()), Duration::ZERO), "{why}");
        for report in admitted {
            assert_eq!(status(report).await, 200, "the admitted reports finish");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_gets_exactly_the_limit_through() {
        let app = app(3);
        let burst: Vec<_> = (0..10).map(|_| send(&app, "/report")).collect();
        let mut served = 0;
        for report in burst {
            served += usize::from(status(report).await == 200);
        }
        assert_eq!(
            served, 3,
            "10 reports at once, a limit of 3: 3 served, 7 refused"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn permits_come_back_when_requests_finish() {
        let app = app(1);
        let first = send(&app, "/report");
        let_them_start().await;
        assert_eq!(
            get(&app, "/report").await.0,
            503,
            "1 report in flight, a limit of 1"
        );
        assert_eq!(status(first).await, 200, "the first report finishes");
        let why = "the first report is done: its permit must be free again";
        assert_eq!(get(&app, "/report").await.0, 200, "{why}");
    }
}

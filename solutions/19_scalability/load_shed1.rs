// load_shed1: shed load with a semaphore -> 503
//
// A server that takes every request while it is overloaded gets slower for everyone: the
// requests pile up in memory, each one waits longer, clients time out and retry, and the pile
// grows. It is better to know how much work the server can do at once and to refuse the rest
// right away with `503 Service Unavailable` and a `Retry-After` header. The client (or the load
// balancer) tries again later or on another server, and the requests already admitted still
// finish on time. This is load shedding.
//
// A `tokio::sync::Semaphore` with N permits counts the requests in flight. Beware:
// `acquire().await` waits for a free permit, which makes a queue, not a limit.
// `try_acquire_owned()` answers at once. A permit goes back to the semaphore when it is
// dropped, so it must live until the response is ready.
//
// Fix the `shed_load` middleware (TODO 1), then keep `/health` out of the limit (TODO 2): the
// load balancer asks it to know whether this server is alive, and a busy server is alive.

use std::sync::Arc;
use std::time::Duration;

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

/// Some slow work: a report that takes a second to build.
async fn report() -> &'static str {
    tokio::time::sleep(Duration::from_secs(1)).await;
    "report ready\n"
}

async fn health() -> &'static str {
    "ok\n"
}

/// The app, admitting at most `max_in_flight` requests at a time.
pub fn app(max_in_flight: usize) -> Router {
    let in_flight = Arc::new(Semaphore::new(max_in_flight));
    Router::new()
        .route("/report", get(report))
        .route_layer(middleware::from_fn_with_state(in_flight, shed_load))
        .route("/health", get(health))
}

fn main() {
    println!("Run the tests: `app` is tried with many requests at once.");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tokio::task::JoinHandle;
    use tokio::time::Instant;
    use tower::ServiceExt;

    /// Sends a request on its own task, like a client of its own.
    fn send(app: &Router, path: &str) -> JoinHandle<Response> {
        let app = app.clone();
        let req = Request::get(path).body(Body::empty()).unwrap();
        tokio::spawn(async move { app.oneshot(req).await.unwrap() })
    }

    /// Lets the spawned requests run until they wait inside the handler.
    async fn let_them_start() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // The tokio clock is paused in these tests: the one-second reports take no real time.

    #[tokio::test(start_paused = true)]
    async fn requests_under_the_limit_are_served() {
        let app = app(2);
        let a = send(&app, "/report");
        let b = send(&app, "/report");
        assert_eq!(a.await.unwrap().status(), StatusCode::OK);
        assert_eq!(b.await.unwrap().status(), StatusCode::OK);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_over_the_limit_gets_503_at_once() {
        let app = app(2);
        let a = send(&app, "/report");
        let b = send(&app, "/report");
        let_them_start().await;

        let start = Instant::now();
        let resp = send(&app, "/report").await.unwrap();
        assert_eq!(
            resp.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "2 reports are in flight, a 3rd must be refused"
        );
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "refused at once, without waiting for a free permit"
        );
        assert_eq!(resp.headers()[header::RETRY_AFTER], "1");

        // The admitted ones are not disturbed.
        assert_eq!(a.await.unwrap().status(), StatusCode::OK);
        assert_eq!(b.await.unwrap().status(), StatusCode::OK);
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_gets_exactly_the_limit_through() {
        let app = app(3);
        let handles: Vec<_> = (0..10).map(|_| send(&app, "/report")).collect();
        let mut ok = 0;
        let mut shed = 0;
        for handle in handles {
            match handle.await.unwrap().status() {
                StatusCode::OK => ok += 1,
                StatusCode::SERVICE_UNAVAILABLE => shed += 1,
                other => panic!("unexpected status {other}"),
            }
        }
        assert_eq!((ok, shed), (3, 7), "(served, refused) out of 10 at once");
    }

    #[tokio::test(start_paused = true)]
    async fn permits_come_back_when_requests_finish() {
        let app = app(1);
        let first = send(&app, "/report");
        let_them_start().await;
        assert_eq!(
            send(&app, "/report").await.unwrap().status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(first.await.unwrap().status(), StatusCode::OK);
        // The first report is done: its permit is free again.
        assert_eq!(
            send(&app, "/report").await.unwrap().status(),
            StatusCode::OK
        );
    }

    #[tokio::test(start_paused = true)]
    async fn health_answers_even_when_saturated() {
        let app = app(1);
        let busy = send(&app, "/report");
        let_them_start().await;
        assert_eq!(
            send(&app, "/report").await.unwrap().status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let health = send(&app, "/health").await.unwrap();
        assert_eq!(
            health.status(),
            StatusCode::OK,
            "/health must not be shed: a busy server is not a dead one"
        );
        assert_eq!(busy.await.unwrap().status(), StatusCode::OK);
    }
}

// request_id2: the request's span, across every .await
//
// With `tracing` you do not add the request id to each `info!` by hand: you run the whole
// request inside a span with a `request_id` field, and every event inside inherits it. In
// async code the span must be attached to the *future*, `fut.instrument(span)`, which enters
// the span each time the future runs and leaves it each time it waits. Holding
// `span.enter()`'s guard across an `.await` instead leaves the span entered while the task
// is suspended, and another request that runs on the thread meanwhile logs under this id.
// Finally the response echoes the id, so the client can quote it.
//
// (request_id1 chose between the client's id and a fresh one; here every id is fresh.)
// Attach the span to the request's future, and echo the id in `x-request-id`.

#[path = "support/client.rs"]
mod client;
#[path = "support/logs.rs"]
mod logs;
#[path = "support/request_ids.rs"]
mod request_ids;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::{Router, http::HeaderValue, middleware, middleware::Next, response::Response};
use request_ids::{REQUEST_ID, RequestIds};
use tracing::{Instrument, info_span};

async fn propagate_request_id(
    State(ids): State<Arc<RequestIds>>,
    request: Request,
    next: Next,
) -> Response {
    let id = ids.fresh();
    let span = info_span!("request", request_id = %id);
    // TODO: the guard keeps the span entered across the `.await`: attach the span to the
    // future instead, with `.instrument(span)`.
    let _entered = span.enter();
    let response = next.run(request).await;
    // TODO: echo the id in the response's `x-request-id` header.
    response
}

pub fn app() -> Router {
    let ids = Arc::new(RequestIds::default());
    Router::new()
        .route("/orders/{id}", axum::routing::get(request_ids::get_order))
        .layer(middleware::from_fn_with_state(ids, propagate_request_id))
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::get;

    #[tokio::test]
    async fn the_response_echoes_the_id() {
        let reply = get(&app(), "/orders/17", &[]).await;
        assert_eq!(
            reply.header(REQUEST_ID),
            "req-1",
            "the client learns its request's id"
        );
    }

    // One thread runs both requests: while one waits, the other one logs.
    #[tokio::test(flavor = "current_thread")]
    async fn concurrent_requests_keep_their_own_ids() {
        let (logs, _guard) = logs::capture_logs();
        let app = app();
        tokio::join!(biased; get(&app, "/orders/1", &[]), get(&app, "/orders/2", &[]));
        let mut lines = request_ids::ids_in_logs(&logs.lines());
        lines.sort();
        let line = |order, msg: &str, id: &str| (order, msg.to_string(), id.to_string());
        let want = [
            line(1, "loading order", "req-1"),
            line(1, "order loaded", "req-1"),
            line(2, "loading order", "req-2"),
            line(2, "order loaded", "req-2"),
        ];
        assert_eq!(
            lines, want,
            "every line of a request carries that request's id"
        );
    }
}

// metrics1: count requests by route
//
// Logs tell the story of one request; metrics say how the whole service is doing. Prometheus
// fetches `GET /metrics` from every instance every few seconds, a plain-text page of
// numbers, and stores them as time series for dashboards and alerts. A *counter* only goes
// up: `http_requests_total`, one series per combination of labels (method, route, status),
// from which Prometheus computes rates.
//
// Labels need care: every distinct label value is one more time series held in memory. Label
// by the *route* (`/orders/{id}`), never by the raw path (`/orders/1`, `/orders/2`, ...: a
// scanner would create millions). axum puts the route in the `MatchedPath` request extension;
// a request no route matched (a 404) has none.
//
// Label each request by its route, and "unmatched" when there is none.

#[path = "support/client.rs"]
mod client;
#[path = "support/counters.rs"]
mod counters;

use axum::extract::{MatchedPath, Request, State};
use axum::{Router, middleware, middleware::Next, response::Response, routing::get};
use counters::Counters;

/// Counts every request, by method, route and status.
async fn count(State(counters): State<Counters>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    // TODO: the route from `request.extensions().get::<MatchedPath>()`, or "unmatched".
    let matched = request.extensions().get::<MatchedPath>();
    let route = matched
        .map_or("unmatched", |path| path.as_str())
        .to_string();
    let response = next.run(request).await;
    counters.add(method, route, response.status().as_u16());
    response
}

pub fn app() -> Router {
    let counters = Counters::default();
    Router::new()
        .route("/orders/{id}", get(counters::get_order))
        .route("/metrics", get(counters::metrics_page))
        .layer(middleware::from_fn_with_state(counters.clone(), count))
        .with_state(counters)
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
    async fn requests_are_counted_by_route_not_by_path() {
        let app = app();
        for path in [
            "/orders/1",
            "/orders/2",
            "/orders/3",
            "/wp-login.php",
            "/.env",
        ] {
            get(&app, path, &[]).await;
        }
        let page = get(&app, "/metrics", &[]).await.body;
        let series: Vec<&str> = page.lines().filter(|l| l.starts_with("http_")).collect();
        let want = [
            r#"http_requests_total{method="GET",route="/orders/{id}",status="200"} 3"#,
            r#"http_requests_total{method="GET",route="unmatched",status="404"} 2"#,
        ];
        assert_eq!(
            series, want,
            "one series per route, not per path; the page:\n{page}"
        );
    }
}

// metrics1: a counter and a histogram for Prometheus
//
// Logs tell you what happened to one request; metrics tell you how the whole service is
// doing: how many requests per second, how many fail, how slow they are. The most common
// setup is Prometheus: every few seconds it fetches `GET /metrics` from each instance, a
// plain-text page of numbers, and stores them as time series that dashboards and alerts
// query. Two kinds of metric cover most needs:
//
// - A *counter* only goes up: `http_requests_total`, one series per label combination
//   (method, route, status). Prometheus computes rates from it.
// - A *histogram* counts observations into buckets: how many requests took at most 10 ms,
//   at most 50 ms, ... The buckets are *cumulative* (the `le="0.1"` bucket includes
//   everything in `le="0.05"`), and the last one, `le="+Inf"`, counts everything. Along
//   with `_sum` and `_count`, that lets Prometheus estimate percentiles such as the p99
//   latency across many instances.
//
// Labels need care: every distinct label value is a new time series kept in memory. Label
// by the *route* (`/orders/{id}`), never by the raw path (`/orders/1`, `/orders/2`, ... a
// scanner would create millions); axum's `MatchedPath` extension holds the route.
//
// Finish the middleware `track`, `Histogram::observe` and the histogram part of `render`, so
// that `/metrics` shows lines like these:
//
//     http_request_duration_seconds_bucket{le="0.05"} 2
//     http_request_duration_seconds_bucket{le="+Inf"} 3
//     http_request_duration_seconds_sum 0.36
//     http_request_duration_seconds_count 3

use axum::{
    Router,
    extract::{MatchedPath, Request, State},
    http::header,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};
use tokio::time::{Duration, Instant, sleep};

/// The upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 5] = [0.01, 0.05, 0.1, 0.5, 1.0];

#[derive(Default)]
pub struct Histogram {
    /// `counts[i]` is how many observations were at most `BUCKETS[i]`.
    counts: [u64; BUCKETS.len()],
    /// The sum of all observations.
    sum: f64,
    /// How many observations there were (the `+Inf` bucket).
    count: u64,
}

impl Histogram {
    pub fn observe(&mut self, seconds: f64) {
        for (bound, count) in BUCKETS.iter().zip(&mut self.counts) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        self.sum += seconds;
        self.count += 1;
    }
}

#[derive(Default)]
pub struct Metrics {
    /// Requests handled, by (method, route, status).
    requests: BTreeMap<(String, String, u16), u64>,
    latency: Histogram,
}

impl Metrics {
    /// The Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP http_requests_total HTTP requests handled.\n");
        out.push_str("# TYPE http_requests_total counter\n");
        for ((method, route, status), n) in &self.requests {
            writeln!(
                out,
                "http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            )
            .unwrap();
        }

        out.push_str("# HELP http_request_duration_seconds Time spent handling HTTP requests.\n");
        out.push_str("# TYPE http_request_duration_seconds histogram\n");
        let latency = &self.latency;
        for (bound, count) in BUCKETS.iter().zip(&latency.counts) {
            writeln!(
                out,
                "http_request_duration_seconds_bucket{{le=\"{bound}\"}} {count}"
            )
            .unwrap();
        }
        writeln!(
            out,
            "http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}",
            latency.count
        )
        .unwrap();
        writeln!(out, "http_request_duration_seconds_sum {}", latency.sum).unwrap();
        writeln!(out, "http_request_duration_seconds_count {}", latency.count).unwrap();
        out
    }
}

pub type SharedMetrics = Arc<Mutex<Metrics>>;

/// Counts and times every request.
async fn track(State(metrics): State<SharedMetrics>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let route = match request.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str().to_owned(),
        None => "unmatched".to_owned(),
    };
    let start = Instant::now();

    let response = next.run(request).await;

    let seconds = start.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    let mut metrics = metrics.lock().unwrap();
    *metrics.requests.entry((method, route, status)).or_default() += 1;
    metrics.latency.observe(seconds);
    response
}

async fn metrics_page(State(metrics): State<SharedMetrics>) -> impl IntoResponse {
    let body = metrics.lock().unwrap().render();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
}

/// Pretends to query a database for 30 ms.
async fn get_order() -> &'static str {
    sleep(Duration::from_millis(30)).await;
    "an order"
}

/// A slow report: 300 ms.
async fn report() -> &'static str {
    sleep(Duration::from_millis(300)).await;
    "a report"
}

pub fn app(metrics: SharedMetrics) -> Router {
    Router::new()
        .route("/orders/{id}", get(get_order))
        .route("/report", get(report))
        .route("/metrics", get(metrics_page))
        .layer(middleware::from_fn_with_state(metrics.clone(), track))
        .with_state(metrics)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!(
        "metrics at http://{}/metrics",
        listener.local_addr().unwrap()
    );
    axum::serve(listener, app(SharedMetrics::default()))
        .await
        .unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use axum::http::StatusCode;
    use tower::ServiceExt;

    async fn get(app: &Router, path: &str) -> (StatusCode, String) {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    fn lines_starting_with<'a>(page: &'a str, prefix: &str) -> Vec<&'a str> {
        page.lines()
            .filter(|line| line.starts_with(prefix))
            .collect()
    }

    fn value_of(page: &str, series: &str) -> f64 {
        let line = page
            .lines()
            .find(|line| line.split(' ').next() == Some(series))
            .unwrap_or_else(|| panic!("no {series} line in:\n{page}"));
        line[series.len() + 1..].parse().unwrap()
    }

    // Time is paused in these tests: tokio moves its clock forward exactly as far as the
    // handlers sleep, so every duration is exact.

    #[tokio::test(start_paused = true)]
    async fn requests_are_counted_by_route_not_by_path() {
        let app = app(SharedMetrics::default());
        for path in ["/orders/1", "/orders/2", "/orders/3", "/report"] {
            assert_eq!(get(&app, path).await.0, StatusCode::OK);
        }
        assert_eq!(get(&app, "/wp-login.php").await.0, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/.env").await.0, StatusCode::NOT_FOUND);

        let (status, page) = get(&app, "/metrics").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            lines_starting_with(&page, "http_requests_total"),
            [
                r#"http_requests_total{method="GET",route="/orders/{id}",status="200"} 3"#,
                r#"http_requests_total{method="GET",route="/report",status="200"} 1"#,
                r#"http_requests_total{method="GET",route="unmatched",status="404"} 2"#,
            ],
            "the whole page:\n{page}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn latency_buckets_are_cumulative() {
        let app = app(SharedMetrics::default());
        get(&app, "/orders/1").await; // 30 ms
        get(&app, "/orders/2").await; // 30 ms
        get(&app, "/report").await; // 300 ms

        let (_, page) = get(&app, "/metrics").await;
        assert_eq!(
            lines_starting_with(&page, "http_request_duration_seconds_bucket"),
            [
                r#"http_request_duration_seconds_bucket{le="0.01"} 0"#,
                r#"http_request_duration_seconds_bucket{le="0.05"} 2"#,
                r#"http_request_duration_seconds_bucket{le="0.1"} 2"#,
                r#"http_request_duration_seconds_bucket{le="0.5"} 3"#,
                r#"http_request_duration_seconds_bucket{le="1"} 3"#,
                r#"http_request_duration_seconds_bucket{le="+Inf"} 3"#,
            ],
            "the whole page:\n{page}"
        );
        assert_eq!(value_of(&page, "http_request_duration_seconds_count"), 3.0);
        let sum = value_of(&page, "http_request_duration_seconds_sum");
        assert!((sum - 0.36).abs() < 1e-9, "the sum is 0.36 s, not {sum}");
    }

    #[tokio::test(start_paused = true)]
    async fn slower_than_every_bucket_counts_only_in_inf() {
        let metrics = SharedMetrics::default();
        metrics.lock().unwrap().latency.observe(2.5);
        metrics.lock().unwrap().latency.observe(0.01);
        let (_, page) = get(&app(metrics), "/metrics").await;
        assert_eq!(
            lines_starting_with(&page, "http_request_duration_seconds_bucket"),
            [
                r#"http_request_duration_seconds_bucket{le="0.01"} 1"#,
                r#"http_request_duration_seconds_bucket{le="0.05"} 1"#,
                r#"http_request_duration_seconds_bucket{le="0.1"} 1"#,
                r#"http_request_duration_seconds_bucket{le="0.5"} 1"#,
                r#"http_request_duration_seconds_bucket{le="1"} 1"#,
                r#"http_request_duration_seconds_bucket{le="+Inf"} 2"#,
            ],
            "a bucket counts the observations less than *or equal to* its bound:\n{page}"
        );
        let sum = value_of(&page, "http_request_duration_seconds_sum");
        assert!((sum - 2.51).abs() < 1e-9, "the sum is 2.51 s, not {sum}");
        assert_eq!(value_of(&page, "http_request_duration_seconds_count"), 2.0);
    }

    #[tokio::test(start_paused = true)]
    async fn the_page_is_prometheus_text() {
        let app = app(SharedMetrics::default());
        let request = Request::builder()
            .uri("/metrics")
            .body(Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/plain; version=0.0.4; charset=utf-8"
        );
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.ends_with('\n'), "the page ends with a newline");
        assert!(page.contains("# TYPE http_requests_total counter\n"));
        assert!(page.contains("# TYPE http_request_duration_seconds histogram\n"));
        // Nothing observed yet: every bucket is zero, and there still is one line for each.
        assert_eq!(
            lines_starting_with(&page, "http_request_duration_seconds_bucket").len(),
            6,
            "five buckets and +Inf:\n{page}"
        );
        assert_eq!(value_of(&page, "http_request_duration_seconds_count"), 0.0);
        assert_eq!(value_of(&page, "http_request_duration_seconds_sum"), 0.0);
    }
}

// request_id1: one id per request, in every log line
//
// A busy service interleaves the log lines of hundreds of requests. To follow one request
// (say, the one a customer complains about) you need an id on every line it produced. The
// usual convention is the `x-request-id` header: a load balancer or the calling service sets
// it, every service on the way puts it into its logs and passes it on, and the response
// echoes it so the customer (or the frontend) can quote it in a bug report.
//
// With `tracing`, you do not add the id to each `info!` by hand: you run the whole request
// inside a span that has a `request_id` field, and every event inside inherits it. In async
// code a span must be attached to the *future* with `.instrument(span)`, which enters the
// span each time the future is polled and leaves it each time the future waits. Holding the
// guard of `span.enter()` across an `.await` instead leaves the span entered while the task
// is suspended, and whatever else runs on that thread meanwhile logs under the wrong id.
//
// An id from the client is untrusted input that will land in every log line: accept it only
// if it is 1 to 64 characters of ASCII letters, digits, `-` and `_`. Otherwise (or when the
// header is missing) use a fresh one from `RequestIds::fresh`.
//
// Finish the middleware `propagate_request_id`.

use axum::{
    Json, Router,
    extract::{Path, Request, State},
    http::HeaderValue,
    middleware::{self, Next},
    response::Response,
    routing::get,
};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tracing::{Instrument, info, info_span};

const REQUEST_ID: &str = "x-request-id";

/// Hands out fresh request ids. Production code would use random UUIDs; a counter keeps the
/// tests predictable.
#[derive(Default)]
pub struct RequestIds {
    issued: AtomicU64,
}

impl RequestIds {
    pub fn fresh(&self) -> String {
        let n = self.issued.fetch_add(1, Ordering::Relaxed) + 1;
        format!("req-{n}")
    }
}

/// Whether a client-supplied request id is safe to use as it is.
fn is_acceptable(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn propagate_request_id(
    State(ids): State<Arc<RequestIds>>,
    request: Request,
    next: Next,
) -> Response {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_acceptable(id))
        .map(str::to_owned)
        .unwrap_or_else(|| ids.fresh());

    let span = info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let mut response = next.run(request).instrument(span).await;

    let value = HeaderValue::from_str(&id).expect("an acceptable id is a valid header value");
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// A handler that logs twice, with an `.await` in between (a database query, say).
async fn get_order(Path(id): Path<u64>) -> Json<Value> {
    info!(order = id, "loading order");
    tokio::task::yield_now().await;
    info!(order = id, "order loaded");
    Json(json!({ "id": id, "status": "shipped" }))
}

pub fn app(ids: Arc<RequestIds>) -> Router {
    Router::new()
        .route("/orders/{id}", get(get_order))
        .layer(middleware::from_fn_with_state(ids, propagate_request_id))
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().json().init();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app(Arc::default())).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;
    use std::io::{self, Write};
    use std::sync::Mutex;
    use tower::ServiceExt;
    use tracing::subscriber::DefaultGuard;

    /// Collects everything the subscriber writes, so the tests can read it back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn lines(&self) -> Vec<Value> {
            let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
            text.lines()
                .map(|line| serde_json::from_str(line).expect("a log line is not JSON"))
                .collect()
        }
    }

    /// Installs a JSON subscriber for this thread (the tests run on a one-thread runtime)
    /// until the guard is dropped.
    fn capture_logs() -> (Captured, DefaultGuard) {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .without_time()
            .with_writer(move || writer.clone())
            .finish();
        (captured, tracing::subscriber::set_default(subscriber))
    }

    fn get(path: &str, request_id: Option<&str>) -> Request {
        let mut request = Request::builder().uri(path);
        if let Some(id) = request_id {
            request = request.header(REQUEST_ID, id);
        }
        request.body(Body::empty()).unwrap()
    }

    fn response_id(response: &Response) -> &str {
        response
            .headers()
            .get(REQUEST_ID)
            .expect("the response has no x-request-id header")
            .to_str()
            .unwrap()
    }

    /// The request id each log line was written under, with the order it is about.
    fn ids_in_logs(lines: &[Value]) -> Vec<(u64, String, String)> {
        lines
            .iter()
            .map(|line| {
                (
                    line["fields"]["order"].as_u64().expect("no order field"),
                    line["fields"]["message"].as_str().unwrap().to_owned(),
                    line["span"]["request_id"]
                        .as_str()
                        .unwrap_or("<no request_id in the span>")
                        .to_owned(),
                )
            })
            .collect()
    }

    #[tokio::test]
    async fn the_client_id_is_logged_and_echoed() {
        let (logs, _guard) = capture_logs();
        let app = app(Arc::default());
        let response = app
            .oneshot(get("/orders/17", Some("checkout-9f2c")))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response_id(&response), "checkout-9f2c");
        let lines = logs.lines();
        assert_eq!(
            ids_in_logs(&lines),
            [
                (17, "loading order".into(), "checkout-9f2c".into()),
                (17, "order loaded".into(), "checkout-9f2c".into()),
            ]
        );
        assert_eq!(lines[0]["span"]["name"], json!("request"));
    }

    #[tokio::test]
    async fn a_request_without_an_id_gets_a_fresh_one() {
        let (logs, _guard) = capture_logs();
        let app = app(Arc::default());
        let response = app.oneshot(get("/orders/3", None)).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response_id(&response), "req-1");
        assert_eq!(
            ids_in_logs(&logs.lines()),
            [
                (3, "loading order".into(), "req-1".into()),
                (3, "order loaded".into(), "req-1".into()),
            ]
        );
    }

    #[tokio::test]
    async fn unacceptable_ids_are_replaced() {
        let (logs, _guard) = capture_logs();
        let app = app(Arc::default());
        let too_long = "a".repeat(65);
        let hostile = [
            "",
            "has space",
            "quote\"s",
            "../../etc/passwd",
            too_long.as_str(),
        ];
        for (n, id) in hostile.into_iter().enumerate() {
            let response = app
                .clone()
                .oneshot(get("/orders/1", Some(id)))
                .await
                .unwrap();
            let expected = format!("req-{}", n + 1);
            assert_eq!(response_id(&response), expected, "for the id {id:?}");
        }
        let longest_ok = "A-z_0".repeat(12) + "9999";
        let response = app
            .oneshot(get("/orders/1", Some(&longest_ok)))
            .await
            .unwrap();
        assert_eq!(response_id(&response), longest_ok, "64 characters are fine");
        let logged: Vec<String> = ids_in_logs(&logs.lines())
            .into_iter()
            .map(|(_, _, id)| id)
            .collect();
        let mut expected: Vec<String> = (1..=5)
            .flat_map(|n| [format!("req-{n}"), format!("req-{n}")])
            .collect();
        expected.extend([longest_ok.clone(), longest_ok]);
        assert_eq!(logged, expected, "the ids in the logs");
    }

    #[tokio::test]
    async fn concurrent_requests_keep_their_own_ids() {
        let (logs, _guard) = capture_logs();
        let app = app(Arc::default());
        // Both requests run at the same time on this one thread: while one waits, the
        // other one logs.
        let (first, second) = tokio::join!(
            biased;
            app.clone().oneshot(get("/orders/1", Some("first"))),
            app.clone().oneshot(get("/orders/2", Some("second"))),
        );
        assert_eq!(response_id(&first.unwrap()), "first");
        assert_eq!(response_id(&second.unwrap()), "second");
        let mut lines = ids_in_logs(&logs.lines());
        lines.sort();
        assert_eq!(
            lines,
            [
                (1, "loading order".into(), "first".into()),
                (1, "order loaded".into(), "first".into()),
                (2, "loading order".into(), "second".into()),
                (2, "order loaded".into(), "second".into()),
            ]
        );
    }
}

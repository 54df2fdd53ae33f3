// rate_limit1: a token bucket -> 429 Too Many Requests
//
// One client in a loop can use up a server's capacity for everyone else. A rate limiter gives
// every client a budget. The token bucket is the classic one: each client has a bucket that
// holds at most `capacity` tokens and refills at `refill_per_sec` tokens per second. Each
// request takes one token. With an empty bucket the request is refused with
// `429 Too Many Requests` and a `Retry-After` header: how many whole seconds until a token is
// back. The capacity allows short bursts; the refill rate sets the long-run average.
//
// Time comes from an injected `Clock`, so the tests can move it forward by hand instead of
// sleeping.
//
// Fix `TokenBucket::try_take` (refill by the time that passed, never above `capacity`), then
// the `rate_limit` middleware (refuse with 429 and `Retry-After`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Where the time comes from: the time since some fixed start.
pub trait Clock: Send + Sync {
    fn now(&self) -> Duration;
}

/// One client's budget.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: f64,
    refill_per_sec: f64,
    tokens: f64,
    last_refill: Duration,
}

impl TokenBucket {
    /// A new bucket starts full.
    pub fn new(capacity: u32, refill_per_sec: f64, now: Duration) -> Self {
        TokenBucket {
            capacity: f64::from(capacity),
            refill_per_sec,
            tokens: f64::from(capacity),
            last_refill: now,
        }
    }

    /// Takes one token. Without a whole token left, returns how long until there is one.
    pub fn try_take(&mut self, now: Duration) -> Result<(), Duration> {
        let elapsed = now.saturating_sub(self.last_refill);
        self.tokens =
            (self.tokens + elapsed.as_secs_f64() * self.refill_per_sec).min(self.capacity);
        self.last_refill = now;

        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let missing = 1.0 - self.tokens;
            Err(Duration::from_secs_f64(missing / self.refill_per_sec))
        }
    }
}

/// The buckets of every client, and the settings for new ones.
#[derive(Clone)]
pub struct Limiter {
    clock: Arc<dyn Clock>,
    buckets: Arc<Mutex<HashMap<String, TokenBucket>>>,
    capacity: u32,
    refill_per_sec: f64,
}

impl Limiter {
    pub fn new(clock: Arc<dyn Clock>, capacity: u32, refill_per_sec: f64) -> Self {
        Limiter {
            clock,
            buckets: Arc::default(),
            capacity,
            refill_per_sec,
        }
    }

    /// Takes a token from `client`'s bucket (a new client gets a full bucket).
    pub fn check(&self, client: &str) -> Result<(), Duration> {
        let now = self.clock.now();
        let mut buckets = self.buckets.lock().unwrap();
        buckets
            .entry(client.to_string())
            .or_insert_with(|| TokenBucket::new(self.capacity, self.refill_per_sec, now))
            .try_take(now)
    }
}

/// Clients are told apart by their API key; requests without one share a bucket.
fn client_key(req: &Request) -> String {
    req.headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("anonymous")
        .to_string()
}

async fn rate_limit(State(limiter): State<Limiter>, req: Request, next: Next) -> Response {
    match limiter.check(&client_key(&req)) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let seconds = wait.as_secs_f64().ceil() as u64;
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, seconds.to_string())],
                "slow down\n",
            )
                .into_response()
        }
    }
}

async fn hello() -> &'static str {
    "hello\n"
}

pub fn app(limiter: Limiter) -> Router {
    Router::new()
        .route("/hello", get(hello))
        .layer(middleware::from_fn_with_state(limiter, rate_limit))
}

/// The real clock, for `main`.
struct SystemClock(std::time::Instant);

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

#[tokio::main]
async fn main() {
    let limiter = Limiter::new(Arc::new(SystemClock(std::time::Instant::now())), 5, 1.0);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    println!("listening on http://{addr}");
    println!("Try: curl -i http://{addr}/hello (5 requests, then 1 per second)");
    axum::serve(listener, app(limiter)).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    /// A clock that only moves when the test says so.
    #[derive(Default)]
    struct ManualClock(Mutex<Duration>);

    impl ManualClock {
        fn advance(&self, by: Duration) {
            *self.0.lock().unwrap() += by;
        }
    }

    impl Clock for ManualClock {
        fn now(&self) -> Duration {
            *self.0.lock().unwrap()
        }
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    async fn call(app: &Router, key: Option<&str>) -> (StatusCode, Option<String>) {
        let mut req = Request::get("/hello");
        if let Some(key) = key {
            req = req.header("x-api-key", key);
        }
        let resp = app
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let retry_after = resp
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap().to_string());
        (resp.status(), retry_after)
    }

    #[test]
    fn a_new_bucket_allows_a_burst_of_capacity() {
        let mut bucket = TokenBucket::new(3, 1.0, secs(0.0));
        assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        assert!(bucket.try_take(secs(0.0)).is_err(), "a 4th token at once");
    }

    #[test]
    fn an_empty_bucket_refills_over_time() {
        let mut bucket = TokenBucket::new(2, 2.0, secs(10.0));
        assert_eq!(bucket.try_take(secs(10.0)), Ok(()));
        assert_eq!(bucket.try_take(secs(10.0)), Ok(()));
        assert!(bucket.try_take(secs(10.0)).is_err());
        // 2 tokens per second: half a second brings one token back.
        assert_eq!(bucket.try_take(secs(10.5)), Ok(()), "refilled after 0.5 s");
        assert!(bucket.try_take(secs(10.5)).is_err());
    }

    #[test]
    fn fractions_of_a_token_add_up() {
        let mut bucket = TokenBucket::new(1, 1.0, secs(0.0));
        assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        assert!(bucket.try_take(secs(0.25)).is_err());
        assert!(bucket.try_take(secs(0.5)).is_err());
        assert!(bucket.try_take(secs(0.75)).is_err());
        assert_eq!(
            bucket.try_take(secs(1.0)),
            Ok(()),
            "four quarters are a token"
        );
    }

    #[test]
    fn the_refill_never_goes_above_capacity() {
        let mut bucket = TokenBucket::new(3, 1.0, secs(0.0));
        for _ in 0..3 {
            assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        }
        // An hour of silence still only refills 3 tokens.
        let later = secs(3600.0);
        for _ in 0..3 {
            assert_eq!(bucket.try_take(later), Ok(()));
        }
        assert!(bucket.try_take(later).is_err(), "capacity is 3, not 3600");
    }

    #[test]
    fn the_wait_is_until_the_next_whole_token() {
        let mut bucket = TokenBucket::new(1, 0.5, secs(0.0));
        assert_eq!(bucket.try_take(secs(0.0)), Ok(()));
        assert_eq!(bucket.try_take(secs(0.0)), Err(secs(2.0)));
        assert_eq!(bucket.try_take(secs(1.0)), Err(secs(1.0)));
    }

    #[tokio::test]
    async fn a_burst_over_capacity_gets_429_with_retry_after() {
        let clock = Arc::new(ManualClock::default());
        let app = app(Limiter::new(clock.clone(), 3, 1.0));
        for _ in 0..3 {
            assert_eq!(call(&app, Some("k1")).await, (StatusCode::OK, None));
        }
        assert_eq!(
            call(&app, Some("k1")).await,
            (StatusCode::TOO_MANY_REQUESTS, Some("1".to_string()))
        );
    }

    #[tokio::test]
    async fn retry_after_is_rounded_up_to_whole_seconds() {
        let clock = Arc::new(ManualClock::default());
        // One token every 4 seconds.
        let app = app(Limiter::new(clock.clone(), 1, 0.25));
        assert_eq!(call(&app, None).await.0, StatusCode::OK);
        assert_eq!(
            call(&app, None).await,
            (StatusCode::TOO_MANY_REQUESTS, Some("4".to_string()))
        );
        clock.advance(secs(1.5));
        // 2.5 s to go: a client that waits 2 s would be refused again.
        assert_eq!(
            call(&app, None).await,
            (StatusCode::TOO_MANY_REQUESTS, Some("3".to_string()))
        );
        clock.advance(secs(2.5));
        assert_eq!(call(&app, None).await, (StatusCode::OK, None));
    }

    #[tokio::test]
    async fn clients_have_their_own_buckets() {
        let clock = Arc::new(ManualClock::default());
        let app = app(Limiter::new(clock.clone(), 2, 1.0));
        assert_eq!(call(&app, Some("greedy")).await.0, StatusCode::OK);
        assert_eq!(call(&app, Some("greedy")).await.0, StatusCode::OK);
        assert_eq!(
            call(&app, Some("greedy")).await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
        // Someone else is not punished for the greedy client.
        assert_eq!(call(&app, Some("polite")).await, (StatusCode::OK, None));
        assert_eq!(call(&app, None).await, (StatusCode::OK, None));
    }

    #[tokio::test]
    async fn the_limit_recovers_after_waiting() {
        let clock = Arc::new(ManualClock::default());
        let app = app(Limiter::new(clock.clone(), 2, 1.0));
        for _ in 0..2 {
            assert_eq!(call(&app, Some("k")).await.0, StatusCode::OK);
        }
        assert_eq!(call(&app, Some("k")).await.0, StatusCode::TOO_MANY_REQUESTS);
        clock.advance(secs(1.0));
        assert_eq!(call(&app, Some("k")).await, (StatusCode::OK, None));
        assert_eq!(call(&app, Some("k")).await.0, StatusCode::TOO_MANY_REQUESTS);
        clock.advance(secs(60.0));
        assert_eq!(call(&app, Some("k")).await.0, StatusCode::OK);
        assert_eq!(call(&app, Some("k")).await.0, StatusCode::OK);
        assert_eq!(call(&app, Some("k")).await.0, StatusCode::TOO_MANY_REQUESTS);
    }
}

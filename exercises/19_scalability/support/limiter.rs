//! A rate limiter for the rate_limit exercises: a token bucket per client (rate_limit1's
//! answer), a bounded map of buckets, a middleware that answers 429 with `Retry-After`, and a
//! test client that sends a request from a given peer address.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceExt;

use crate::clock::Clock;

/// One client's budget: at most `capacity` tokens, refilled at `refill_per_sec`.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: f64,
    refill_per_sec: f64,
    tokens: f64,
    last_refill: Duration,
}

impl TokenBucket {
    /// A new bucket starts full.
    pub fn new(capacity: u32, refill_per_sec: f64, now: Duration) -> TokenBucket {
        TokenBucket {
            capacity: f64::from(capacity),
            refill_per_sec,
            tokens: f64::from(capacity),
            last_refill: now,
        }
    }

    /// Takes one token, or says how long until there is one.
    pub fn try_take(&mut self, now: Duration) -> Result<(), Duration> {
        let elapsed = now.saturating_sub(self.last_refill);
        self.tokens =
            (self.tokens + elapsed.as_secs_f64() * self.refill_per_sec).min(self.capacity);
        self.last_refill = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - self.tokens) / self.refill_per_sec,
            ))
        }
    }
}

/// The buckets of at most `max_clients` clients. A new client in a full map evicts the
/// bucket used longest ago, so the memory stays bounded whatever clients send.
pub struct Limiter {
    clock: Arc<dyn Clock>,
    buckets: Mutex<HashMap<String, TokenBucket>>,
    capacity: u32,
    refill_per_sec: f64,
    max_clients: usize,
}

impl Limiter {
    /// A limiter whose new buckets hold `capacity` tokens refilled at `refill_per_sec`.
    pub fn new(
        clock: Arc<dyn Clock>,
        capacity: u32,
        refill_per_sec: f64,
        max_clients: usize,
    ) -> Limiter {
        Limiter {
            clock,
            buckets: Mutex::default(),
            capacity,
            refill_per_sec,
            max_clients,
        }
    }

    /// Takes a token from `client`'s bucket.
    pub fn check(&self, client: &str) -> Result<(), Duration> {
        let now = self.clock.now();
        let mut buckets = self.buckets.lock().unwrap();
        if !buckets.contains_key(client) && buckets.len() >= self.max_clients {
            let oldest = buckets
                .iter()
                .min_by_key(|(_, bucket)| bucket.last_refill)
                .map(|(name, _)| name.clone());
            if let Some(oldest) = oldest {
                buckets.remove(&oldest);
            }
        }
        buckets
            .entry(client.to_string())
            .or_insert_with(|| TokenBucket::new(self.capacity, self.refill_per_sec, now))
            .try_take(now)
    }

    /// How many buckets the limiter holds.
    pub fn clients(&self) -> usize {
        self.buckets.lock().unwrap().len()
    }
}

/// API keys the service issued, each to a principal (the account it belongs to).
#[derive(Debug, Default)]
pub struct ApiKeys(HashMap<String, String>);

impl ApiKeys {
    /// Keys and their principals.
    pub fn new(pairs: &[(&str, &str)]) -> ApiKeys {
        ApiKeys(
            pairs
                .iter()
                .map(|(key, who)| (key.to_string(), who.to_string()))
                .collect(),
        )
    }

    /// The principal of a key the service issued; `None` for any other string.
    pub fn principal(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
}

/// Names the bucket a request is charged to: (issued keys, its `x-api-key`, its peer).
pub type ClientKey = fn(&ApiKeys, Option<&str>, SocketAddr) -> String;

#[derive(Clone)]
struct Limits {
    limiter: Arc<Limiter>,
    keys: Arc<ApiKeys>,
    client_key: ClientKey,
}

async fn rate_limit(State(limits): State<Limits>, req: Request, next: Next) -> Response {
    let api_key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr)
        .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
    let client = (limits.client_key)(&limits.keys, api_key, peer);
    match limits.limiter.check(&client) {
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

/// `GET /hello`, behind the limiter.
pub fn app(limiter: Arc<Limiter>, keys: ApiKeys, client_key: ClientKey) -> Router {
    let limits = Limits {
        limiter,
        keys: Arc::new(keys),
        client_key,
    };
    Router::new()
        .route("/hello", get(|| async { "hello\n" }))
        .layer(middleware::from_fn_with_state(limits, rate_limit))
}

/// Sends `GET /hello` as if from `peer` (with `x-api-key` when given): the status and the
/// `Retry-After` header.
pub async fn call(app: &Router, key: Option<&str>, peer: &str) -> (StatusCode, Option<String>) {
    let mut req = Request::get("/hello");
    if let Some(key) = key {
        req = req.header("x-api-key", key);
    }
    let mut req = req.body(Body::empty()).unwrap();
    let peer: SocketAddr = peer
        .parse()
        .expect("a socket address such as 10.0.0.7:5000");
    req.extensions_mut().insert(ConnectInfo(peer));
    let resp = app.clone().oneshot(req).await.unwrap();
    let retry_after = resp
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    (resp.status(), retry_after)
}

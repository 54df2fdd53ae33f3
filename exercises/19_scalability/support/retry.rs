//! Retry scaffolding: how a call can fail, a backoff policy, a scripted upstream, and the retry
//! loop, which asks the exercise's rules whether to retry and how long to wait. The loop
//! records its waits instead of sleeping (a real client would `tokio::time::sleep`).
#![allow(dead_code)]

use std::time::Duration;

use axum::http::Request;
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Why a call to another service failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The service answered with this status and, maybe, `Retry-After: <seconds>`.
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    /// No answer before the deadline.
    Timeout,
    /// The connection was refused or reset.
    Connection,
}

/// A status without `Retry-After`.
pub fn status(status: u16) -> Failure {
    Failure::Status {
        status,
        retry_after: None,
    }
}

/// How long to wait between attempts, and how many attempts to make.
#[derive(Debug, Clone)]
pub struct Backoff {
    /// The ceiling of the first wait.
    pub base: Duration,
    /// No wait is ever longer than this.
    pub cap: Duration,
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
}

/// The policy of the tests: 100 ms, doubling, capped at 2 s, 4 attempts.
pub fn policy() -> Backoff {
    Backoff {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(2),
        max_attempts: 4,
    }
}

/// A seeded random generator: the same numbers on every run.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// A request with no body: `req("POST", Some("k-1"))` carries `Idempotency-Key: k-1`.
pub fn req(method: &str, idempotency_key: Option<&str>) -> Request<()> {
    let mut builder = Request::builder().method(method).uri("/orders");
    if let Some(key) = idempotency_key {
        builder = builder.header("idempotency-key", key);
    }
    builder.body(()).unwrap()
}

/// Whether to retry `req` after `failure`.
pub type MayRetry = fn(req: &Request<()>, failure: &Failure) -> bool;
/// How long to wait before retry number `retry` (0 first) after `failure`.
pub type Wait = fn(policy: &Backoff, retry: u32, failure: &Failure, rng: &mut StdRng) -> Duration;

/// What a call with retries did.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub result: Result<&'static str, Failure>,
    /// Calls that reached the upstream.
    pub calls: usize,
    /// The waits between them.
    pub waits: Vec<Duration>,
}

/// Sends `req` to an upstream that answers with `script` in order, retrying as the rules say.
pub fn send(
    req: &Request<()>,
    script: &[Result<&'static str, Failure>],
    may_retry: MayRetry,
    wait: Wait,
) -> Outcome {
    let (policy, mut rng) = (policy(), rng(7));
    let mut waits = Vec::new();
    let mut calls = 0;
    let result = loop {
        let answer = *script
            .get(calls)
            .unwrap_or_else(|| panic!("the upstream was called {} times", calls + 1));
        calls += 1;
        match answer {
            Ok(body) => break Ok(body),
            Err(failure) if calls < policy.max_attempts as usize && may_retry(req, &failure) => {
                let retry = calls as u32 - 1;
                waits.push(wait(&policy, retry, &failure, &mut rng));
            }
            Err(failure) => break Err(failure),
        }
    };
    Outcome {
        result,
        calls,
        waits,
    }
}

/// The backoff of retry2's answer, for retry1's tests: full jitter, capped, `Retry-After`.
pub fn wait(policy: &Backoff, retry: u32, failure: &Failure, rng: &mut StdRng) -> Duration {
    use rand::Rng;
    if let Failure::Status {
        status: 429 | 503,
        retry_after: Some(seconds),
    } = failure
    {
        return Duration::from_secs(*seconds).min(policy.cap);
    }
    let ceiling = policy
        .base
        .saturating_mul(2u32.saturating_pow(retry))
        .min(policy.cap);
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(rng.random_range(0..=nanos))
}

/// The rule of retry1's answer, for retry2's tests.
pub fn may_retry(req: &Request<()>, failure: &Failure) -> bool {
    use axum::http::Method;
    let repeatable = match *req.method() {
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE => true,
        Method::POST => req.headers().contains_key("idempotency-key"),
        _ => false,
    };
    let transient = match failure {
        Failure::Timeout | Failure::Connection => true,
        Failure::Status { status, .. } => matches!(status, 408 | 429 | 502 | 503 | 504),
    };
    repeatable && transient
}

/// `n` waits before retry number `retry` after a timeout, sorted, shortest first.
pub fn draws(wait: Wait, retry: u32, n: usize) -> Vec<Duration> {
    let mut rng = rng(u64::from(retry));
    let mut delays: Vec<_> = (0..n)
        .map(|_| wait(&policy(), retry, &Failure::Timeout, &mut rng))
        .collect();
    delays.sort();
    delays
}

/// Milliseconds as a `Duration`.
pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A status with `Retry-After: <seconds>`.
pub fn throttled(status: u16, seconds: u64) -> Failure {
    let retry_after = Some(seconds);
    Failure::Status {
        status,
        retry_after,
    }
}

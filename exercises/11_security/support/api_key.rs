//! The API key check that uses `keys_match`, and bytes that count how often they are
//! compared, so the tests can "time" a comparison without a clock (support code: you do not
//! need to edit it).
#![allow(dead_code)]

use std::cell::Cell;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use subtle::{Choice, ConstantTimeEq};

/// Checks `Authorization: Bearer <key>` against the configured key with `keys_match`. A
/// missing or wrong key gets 401 with the `WWW-Authenticate: Bearer` challenge (RFC 6750).
#[allow(clippy::result_large_err)] // axum handlers return Result<_, Response> all the time
pub fn check_bearer(
    headers: &HeaderMap,
    expected: &[u8],
    keys_match: fn(&[u8], &[u8]) -> bool,
) -> Result<(), Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.as_bytes().strip_prefix(b"Bearer "));
    match presented {
        Some(key) if keys_match(expected, key) => Ok(()),
        _ => Err((
            StatusCode::UNAUTHORIZED,
            [(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"api\""),
            )],
        )
            .into_response()),
    }
}

/// Headers with `Authorization: Bearer <key>`.
pub fn bearer(key: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::AUTHORIZATION,
        format!("Bearer {key}").parse().unwrap(),
    );
    headers
}

thread_local! {
    static COMPARISONS: Cell<usize> = const { Cell::new(0) };
    static BY_EQ: Cell<usize> = const { Cell::new(0) };
}

/// A byte that counts every comparison it takes part in, with `==` or with `ct_eq`.
#[derive(Clone, Copy, Debug)]
pub struct Watched(pub u8);

fn count() {
    COMPARISONS.with(|c| c.set(c.get() + 1));
}

impl PartialEq for Watched {
    fn eq(&self, other: &Self) -> bool {
        count();
        BY_EQ.with(|c| c.set(c.get() + 1));
        self.0 == other.0
    }
}

impl ConstantTimeEq for Watched {
    fn ct_eq(&self, other: &Self) -> Choice {
        count();
        self.0.ct_eq(&other.0)
    }
}

/// Runs `keys_match` on watched bytes: its answer, and how many byte comparisons it made
/// (`by_eq` then tells how many of them used `==`).
pub fn watched(
    keys_match: fn(&[Watched], &[Watched]) -> bool,
    expected: &[u8],
    presented: &[u8],
) -> (bool, usize) {
    let expected: Vec<Watched> = expected.iter().copied().map(Watched).collect();
    let presented: Vec<Watched> = presented.iter().copied().map(Watched).collect();
    COMPARISONS.with(|c| c.set(0));
    BY_EQ.with(|c| c.set(0));
    let matched = keys_match(&expected, &presented);
    (matched, COMPARISONS.with(Cell::get))
}

/// How many of the comparisons in the last `watched` run on this thread used `==`.
pub fn by_eq() -> usize {
    BY_EQ.with(Cell::get)
}

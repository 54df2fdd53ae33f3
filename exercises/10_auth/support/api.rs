//! bearer1's token checks: an HS256 key and a clock (support code: you do not need to edit it).
#![allow(dead_code)]

#[path = "clock.rs"]
pub mod clock;
#[path = "jwt.rs"]
pub mod jwt;

use axum::{
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};

pub const KEY: &[u8] = b"backlings-bearer1-key-keep-it-secret";

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    exp: u64,
}

/// What checks a token: the key, and the clock that says whether it expired.
pub struct Api {
    pub clock: Box<dyn clock::Clock>,
}

impl Api {
    /// Checks tokens against the real clock.
    pub fn system() -> Api {
        Api {
            clock: Box::new(clock::SystemClock),
        }
    }

    /// Checks tokens against a clock stopped at `now` (for the tests).
    pub fn at(now: u64) -> Api {
        Api {
            clock: Box::new(clock::FakeClock::at(now)),
        }
    }

    /// The user a token is for, if it is a genuine HS256 token that has not expired.
    pub fn check(&self, token: &str) -> Option<String> {
        let claims: Claims = jwt::verify_hs256(token, KEY).ok()?;
        (self.clock.now() < claims.exp).then_some(claims.sub)
    }
}

/// A token for `sub` that expires at `exp`.
pub fn token(sub: &str, exp: u64) -> String {
    let sub = sub.to_string();
    jwt::encode(&Claims { sub, exp }, KEY)
}

/// The value of a request's `Authorization` header, if it has one in text.
pub fn authorization(parts: &Parts) -> Option<&str> {
    parts.headers.get(header::AUTHORIZATION)?.to_str().ok()
}

/// 401 with a challenge.
pub fn unauthorized(challenge: &'static str) -> Response {
    let challenge = [(header::WWW_AUTHENTICATE, challenge)];
    (StatusCode::UNAUTHORIZED, challenge).into_response()
}

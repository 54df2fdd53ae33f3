//! HTTP Basic credentials, as basic1 reads them (support code: you do not need to edit it).
#![allow(dead_code)]

use axum::http::{HeaderMap, header};
use base64::{Engine, engine::general_purpose::STANDARD};
use subtle::ConstantTimeEq;

/// Parses the value of an `Authorization` header that uses the Basic scheme (RFC 7617).
pub fn parse_basic(value: &str) -> Option<(String, String)> {
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// The username and password of a request's `Authorization: Basic ...` header, if any.
pub fn credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    parse_basic(value)
}

/// The value of an `Authorization` header for a username and password.
pub fn header_value(user: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{user}:{password}")))
}

/// The one account of basic2's tiny server: `Aladdin`, `open sesame`. `ct_eq` compares in
/// constant time, so the response time does not reveal how many leading characters were
/// right; `&` (not `&&`) makes both comparisons run every time.
pub fn aladdin(user: &str, password: &str) -> bool {
    let user_ok = user.as_bytes().ct_eq(b"Aladdin");
    let password_ok = password.as_bytes().ct_eq(b"open sesame");
    (user_ok & password_ok).into()
}

//! The code under test for unit1: `parse_limit`, the `limit` query parameter of a list
//! endpoint. It is correct; the runner plants bugs in a copy of this file to check your
//! tests. You don't need to edit it.
#![allow(dead_code)]

use std::num::{IntErrorKind, ParseIntError};

pub const MIN_LIMIT: u32 = 1;
pub const MAX_LIMIT: u32 = 100;

#[derive(Debug, PartialEq, Eq)]
pub enum LimitError {
    Empty,
    NotANumber,
    TooSmall,
    TooLarge,
}

/// Parses the `limit` query parameter of a list endpoint (`GET /posts?limit=20`).
///
/// - The empty string is `Empty`.
/// - Only ASCII digits are allowed: no sign, no spaces, no decimal point (`NotANumber`).
/// - The smallest limit is 1 (`TooSmall`) and the largest is `MAX_LIMIT` (`TooLarge`, also for
///   numbers too big for a `u32`).
pub fn parse_limit(raw: &str) -> Result<u32, LimitError> {
    if raw.is_empty() {
        return Err(LimitError::Empty);
    }
    // `str::parse` accepts a leading `+`; this API does not.
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LimitError::NotANumber);
    }
    let n: u32 = raw.parse().map_err(|e: ParseIntError| match e.kind() {
        IntErrorKind::PosOverflow => LimitError::TooLarge,
        _ => LimitError::NotANumber,
    })?;
    if n < MIN_LIMIT {
        return Err(LimitError::TooSmall);
    }
    if n > MAX_LIMIT {
        return Err(LimitError::TooLarge);
    }
    Ok(n)
}

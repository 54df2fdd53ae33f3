//! Tokens, for the http stage: the characters HTTP allows in a method or a header name
//! (RFC 9110 section 5.6.2). request_line2 and headers1 use it; support/http.rs too.
//! You don't need to edit it (reading it is fine).
#![allow(dead_code)]

/// Whether `s` is a "token": one or more of the characters HTTP allows in a method or a
/// header name (letters, digits and ``!#$%&'*+-.^_`|~``).
pub fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

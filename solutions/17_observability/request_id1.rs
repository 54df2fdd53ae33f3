// request_id1: whose id is this?
//
// To follow one request through the interleaved logs of a busy service you need an id on
// every line it produced. The convention is the `x-request-id` header: the load balancer or
// the calling service sets it, every service logs it and passes it on, and the response
// echoes it so a customer can quote it in a bug report.
//
// But an id from the client is untrusted input that will land in every log line (and maybe
// in a terminal or a log viewer's HTML). Accept it only when it is 1 to 64 characters, each
// an ASCII letter, an ASCII digit, `-` or `_`; otherwise, and when there is none, use a
// fresh id.
//
// Write `is_acceptable`.

#[path = "support/request_ids.rs"]
mod request_ids;

use axum::http::HeaderMap;
use request_ids::{REQUEST_ID, RequestIds};

/// Whether a client's request id is safe to log as it is.
pub fn is_acceptable(id: &str) -> bool {
    // TODO: 1 to 64 characters, each an ASCII letter, an ASCII digit, `-` or `_`.
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    (1..=64).contains(&id.len()) && id.chars().all(allowed)
}

/// The client's `x-request-id` when it is acceptable, a fresh id otherwise.
pub fn choose_id(headers: &HeaderMap, ids: &RequestIds) -> String {
    let client_id = headers
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok());
    match client_id.filter(|id| is_acceptable(id)) {
        Some(id) => id.to_string(),
        None => ids.fresh(),
    }
}

fn main() {
    println!("{}", choose_id(&HeaderMap::new(), &RequestIds::default()));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(client_id: &str) -> String {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID, client_id.parse().unwrap());
        choose_id(&headers, &RequestIds::default())
    }

    #[test]
    fn a_good_client_id_is_kept() {
        let id = "checkout-9f2c";
        assert_eq!(chosen(id), id, "letters, digits and - are fine");
        let longest = "A-z_0".repeat(12) + "9999";
        assert_eq!(chosen(&longest), longest, "64 characters are still fine");
    }

    #[test]
    fn a_bad_client_id_is_replaced() {
        let too_long = "a".repeat(65);
        for id in [
            "",
            "has space",
            "quote\"s",
            "../../etc/passwd",
            "<b>",
            &too_long,
        ] {
            assert_eq!(chosen(id), "req-1", "{id:?} must not reach the logs");
        }
    }
}

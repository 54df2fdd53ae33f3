// retry1: what to retry
//
// A retry sends the request twice: only repeat one that is safe to repeat, after a failure
// that may pass. Idempotent methods (RFC 9110: twice does what once does) are GET, HEAD,
// OPTIONS, TRACE, PUT and DELETE; this client sends GET, HEAD, PUT and DELETE. A POST is
// only with an `Idempotency-Key` that the server deduplicates on (idempotency1). Timeouts,
// failed connections, 408, 429, 502, 503 and 504 may pass; a 500 is a bug upstream and another
// 4xx a wrong request: sent again, they get the same answer and add load.
//
// Fix `may_retry`: the request rule (TODO 1) and the failure rule (TODO 2).

#[path = "support/retry.rs"]
mod retry;

use axum::http::{Method, Request};
use retry::Failure;

/// Whether to send `req` again after `failure`.
fn may_retry(req: &Request<()>, failure: &Failure) -> bool {
    let repeatable = match *req.method() {
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE => true,
        Method::POST => req.headers().contains_key("idempotency-key"),
        _ => false,
    };
    let transient = match failure {
        Failure::Status { status, .. } => matches!(status, 408 | 429 | 502 | 503 | 504),
        Failure::Timeout | Failure::Connection => true,
    };
    repeatable && transient
}

fn main() {
    let post = retry::req(Method::POST.as_str(), None);
    println!(
        "POST after a 503: retry? {}",
        may_retry(&post, &retry::status(503))
    );
}

#[cfg(test)]
mod tests {
    use super::may_retry;
    use crate::retry::{Failure, req, send, status, wait};

    #[test]
    fn idempotent_methods_are_retried_and_a_post_only_with_a_key() {
        for method in ["GET", "HEAD", "PUT", "DELETE"] {
            let ok = may_retry(&req(method, None), &status(503));
            assert!(ok, "{method} is idempotent: retry it after a 503");
        }
        let keyed = may_retry(&req("POST", Some("k-1")), &status(503));
        assert!(keyed, "a POST with an Idempotency-Key may be retried");
        for method in ["POST", "PATCH"] {
            let ok = may_retry(&req(method, None), &status(503));
            assert!(!ok, "{method} without a key: a retry could do it twice");
        }
    }

    #[test]
    fn only_failures_that_may_pass_are_retried() {
        let get = req("GET", None);
        for failure in [Failure::Timeout, Failure::Connection] {
            assert!(may_retry(&get, &failure), "{failure:?} may pass next time");
        }
        for code in [408, 429, 502, 503, 504] {
            assert!(may_retry(&get, &status(code)), "{code} may pass next time");
        }
        for code in [400, 401, 403, 404, 409, 422, 500, 501] {
            let why = "a 500 is a bug upstream, a 4xx a wrong request: the same answer again";
            let no = !may_retry(&get, &status(code));
            assert!(no, "{code} is not retried ({why})");
        }
    }

    #[test]
    fn a_post_without_a_key_is_sent_once() {
        let outcome = send(&req("POST", None), &[Err(status(503))], may_retry, wait);
        let why = "the 503 may have come after the order was stored: one call, the error reported";
        let got = (outcome.result, outcome.calls);
        assert_eq!(got, (Err(status(503)), 1), "{why}");
    }
}

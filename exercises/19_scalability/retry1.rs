// retry1: what to retry
//
// Calls to other services fail now and then, and trying again often works. But a retry sends
// the request twice: only repeat a request that is safe to repeat, after a failure that may
// pass. GET, HEAD, PUT and DELETE are idempotent (twice has the effect of once); a POST is only
// when it carries an `Idempotency-Key` the server deduplicates on (see idempotency1). A
// timeout, a failed connection, 408, 429, 502, 503 and 504 may pass; a 500 is a bug upstream
// and any other 4xx a wrong request: the same again gets the same answer, plus more load.
//
// Fix `may_retry`: the request rule (TODO 1) and the failure rule (TODO 2).

#[path = "support/retry.rs"]
mod retry;

use axum::http::{Method, Request};
use retry::Failure;

/// Whether to send `req` again after `failure`.
fn may_retry(req: &Request<()>, failure: &Failure) -> bool {
    // TODO 1: GET, HEAD, PUT, DELETE; a POST only with an `Idempotency-Key`; nothing else.
    let repeatable = req.method().is_safe();
    // TODO 2: a timeout, a connection failure, 408, 429, 502, 503 or 504; nothing else.
    let transient = match failure {
        Failure::Status { status, .. } => *status >= 500,
        Failure::Timeout | Failure::Connection => true,
    };
    repeatable && transient
}

fn main() {
    let get = retry::req("GET", None);
    for failure in [Failure::Timeout, retry::status(500), retry::status(503)] {
        println!(
            "GET after {failure:?}: retry? {}",
            may_retry(&get, &failure)
        );
    }
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
        assert!(
            keyed,
            "a POST with an Idempotency-Key is deduplicated by the server: retry it"
        );
        for method in ["POST", "PATCH"] {
            let ok = may_retry(&req(method, None), &status(503));
            assert!(
                !ok,
                "{method} without a key may have been done: a retry could do it twice"
            );
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
        for code in [400, 401, 403, 404, 409, 422, 500, 501, 505] {
            let why = if code == 500 {
                "a bug upstream"
            } else {
                "the same answer again"
            };
            assert!(
                !may_retry(&get, &status(code)),
                "{code} is not retried: {why}"
            );
        }
    }

    #[test]
    fn a_post_without_a_key_is_sent_once() {
        let script = [Err(status(503)), Ok("created")];
        let outcome = send(&req("POST", None), &script, may_retry, wait);
        assert_eq!(
            (outcome.result, outcome.calls),
            (Err(status(503)), 1),
            "the 503 may have come after the order was stored: one call, the error reported"
        );
    }
}

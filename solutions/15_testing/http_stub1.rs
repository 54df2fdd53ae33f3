// http_stub1: a stub upstream to test retries
//
// A client retries what a retry can fix, and nothing else. The course's policy (as in the
// scalability stage): retry only idempotent requests (GET, HEAD, PUT, DELETE; a POST only
// with an `Idempotency-Key`), only on 408, 429, 502, 503, 504, timeouts and connection
// failures, never on a 500 or another 4xx; wait with exponential backoff and full jitter, or
// what `Retry-After` asks on a 429 or a 503. To test that, tests script a stub: a tiny server
// on a loopback port that replies what the test says and counts the requests
// (support/upstream.rs).
//
// `Client` there is correct: write the two tests marked TODO. The runner then plants bugs in
// a copy of it (a 503 not retried, a 500 or a 404 retried); each must fail one of your tests.

#[path = "support/upstream.rs"]
mod upstream;

fn main() {
    let client = upstream::Client::new("127.0.0.1:9".parse().unwrap());
    println!("{:?}", client.get("/quote")); // nothing listens on port 9
}

#[cfg(test)]
mod tests {
    use crate::upstream::{Client, FetchError, Method, Reply, Stub};
    use std::time::Duration;

    #[test]
    fn a_503_is_retried() {
        let stub = Stub::start(vec![Reply::status(503), Reply::ok("second time lucky")]);
        let got = Client::for_tests(stub.addr()).get("/quote");
        assert_eq!(
            got,
            Ok("second time lucky".to_string()),
            "a 503 is worth a retry"
        );
        assert_eq!(stub.requests(), 2, "one try and one retry");
    }

    #[test]
    fn a_500_or_a_404_is_not_retried() {
        for code in [500, 404] {
            let stub = Stub::start(vec![Reply::status(code), Reply::ok("never asked")]);
            let got = Client::for_tests(stub.addr()).get("/quote");
            assert_eq!(
                got,
                Err(FetchError::Status(code)),
                "{code} is returned as it is"
            );
            assert_eq!(stub.requests(), 1, "{code} is not retried");
        }
    }

    // Examples to start from: `Stub::start(script)`, `Client::for_tests(stub.addr())`.
    #[test]
    fn the_client_waits_between_tries_then_gives_up() {
        let (busy, bad_gateway) = (Reply::status(429).retry_after(7), Reply::status(502));
        let stub = Stub::start(vec![busy, bad_gateway.clone(), bad_gateway]);
        let client = Client::for_tests(stub.addr());
        let got = client.get("/quote");
        assert_eq!(
            got,
            Err(FetchError::Status(502)),
            "3 tries, then the last error"
        );
        let want = [Duration::from_secs(7), Duration::from_millis(200)];
        let why = "what Retry-After asks, then the backoff, doubled for the second retry";
        assert_eq!(client.waits(), want, "{why}");
    }

    #[test]
    fn a_post_is_retried_only_with_an_idempotency_key() {
        let unavailable = Reply::status(503);
        let stub = Stub::start(vec![unavailable.clone(), unavailable, Reply::ok("paid")]);
        let client = Client::for_tests(stub.addr());
        let got = client.send(Method::Post, "/payments", None);
        assert_eq!(
            got,
            Err(FetchError::Status(503)),
            "a plain POST might run twice"
        );
        let got = client.send(Method::Post, "/payments", Some("order-42"));
        assert_eq!(
            got,
            Ok("paid".to_string()),
            "with a key, the server deduplicates"
        );
        let why = "one plain POST, then one with a key and its retry";
        assert_eq!(stub.requests(), 3, "{why}");
    }
}

// bad_gateway1: when the upstream fails
//
// When a proxy cannot get an answer from its upstream (the connection is refused, or the
// upstream hangs up without a response), the fault is not the proxy's and not the
// client's: the status for it is `502 Bad Gateway` (RFC 9110 section 15.6.3). A 500 would
// say the proxy itself broke, and send whoever is on call to the wrong machine. The client
// gets no details either: addresses and error messages of internal machines are for the
// proxy's own log (stderr here), not for the outside world.
//
// Fix the error arm of `handle`.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;

use http::{Request, Response};

fn handle(upstream: SocketAddr, request: Request) -> Response {
    match http::forward(upstream, &request) {
        Ok(response) => response,
        Err(error) => {
            eprintln!("upstream {upstream} failed: {error}");
            Response::text(502, "Bad Gateway\n")
        }
    }
}

fn main() {
    let upstream = upstream::Upstream::refusing();
    let proxy = http::spawn_proxy(move |request, _client| handle(upstream, request));
    println!("{:?}", http::get(proxy, "/"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    fn through_proxy(upstream: SocketAddr) -> Response {
        let proxy = http::spawn_proxy(move |request, _client| handle(upstream, request));
        http::get(proxy, "/")
    }

    #[test]
    fn a_refused_connection_is_a_bad_gateway() {
        let upstream = Upstream::refusing();
        let response = through_proxy(upstream);
        let why = "the upstream refused the connection: the proxy answers 502 Bad Gateway";
        assert_eq!(response.status, 502, "{why}, got {response:?}");
        let body = response.body_text();
        let leaks = body.contains(&upstream.port().to_string()) || body.contains("refused");
        let why = "the client must not learn the upstream's address or the error";
        assert!(!leaks, "{why}: got {body:?}");
    }

    #[test]
    fn an_upstream_that_hangs_up_is_a_bad_gateway() {
        let up = Upstream::hanging_up();
        let response = through_proxy(up.addr());
        let why = "the upstream closed the connection without a response: 502 Bad Gateway";
        assert_eq!(response.status, 502, "{why}, got {response:?}");
    }

    #[test]
    fn an_upstream_error_response_passes_through() {
        let up = Upstream::answering("a");
        up.set_healthy(false);
        let response = through_proxy(up.addr());
        let got = (response.status, response.body_text());
        let why = "an upstream that answers, even with an error, did its job: its response goes \
                   back as it is";
        assert_eq!(got, (503, "a is unhealthy\n".to_string()), "{why}");
    }
}

// gateway_timeout1: an upstream too slow to wait for
//
// An upstream that accepts the connection and then never answers is worse than one that is
// down: without a limit, the proxy's thread waits forever, and so does the client. Each
// stalled request pins a thread and a connection, until the proxy runs out of both. A proxy
// bounds every wait on its upstream, and when the time is up it answers `504 Gateway
// Timeout` (RFC 9110 section 15.6.5): the upstream was reached but did not answer in time,
// which is different from the 502 of an upstream that could not be reached at all.
//
// `forward` gets its timeout from the caller (the tests inject a short one). Use it.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::io::{self, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use http::{Request, Response};

/// Sends `request` to `upstream` and reads its response, waiting at most `timeout` each time.
fn forward(upstream: SocketAddr, request: &Request, timeout: Duration) -> io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&upstream, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(&request.to_bytes())?;
    http::read_response(&mut BufReader::new(stream))
}

/// The response for a client whose request could not be forwarded.
fn gateway_error(error: &io::Error) -> Response {
    match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            Response::text(504, "Gateway Timeout\n")
        }
        _ => Response::text(502, "Bad Gateway\n"),
    }
}

fn start(upstream: SocketAddr, timeout: Duration) -> SocketAddr {
    http::spawn_proxy(move |request, _client| {
        forward(upstream, &request, timeout).unwrap_or_else(|error| gateway_error(&error))
    })
}

fn main() {
    let up = upstream::Upstream::stalling();
    println!(
        "{:?}",
        http::get(start(up.addr(), Duration::from_millis(100)), "/")
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    #[test]
    fn a_stalled_upstream_is_a_gateway_timeout() {
        let up = Upstream::stalling();
        let response = http::get(start(up.addr(), Duration::from_millis(100)), "/");
        assert_eq!(
            response.status, 504,
            "the upstream took the request and never answered: after its 100 ms the proxy \
             answers 504 Gateway Timeout, got {response:?}"
        );
        assert_eq!(up.received().len(), 1, "the upstream did get the request");
    }

    #[test]
    fn an_unreachable_upstream_is_still_a_bad_gateway() {
        let response = http::get(start(Upstream::refusing(), Duration::from_millis(800)), "/");
        assert_eq!(
            response.status, 502,
            "a refused connection is 502, not 504: nothing timed out, got {response:?}"
        );
        let up = Upstream::hanging_up();
        let response = http::get(start(up.addr(), Duration::from_millis(800)), "/");
        assert_eq!(
            response.status, 502,
            "an upstream that hangs up is 502, not 504: nothing timed out, got {response:?}"
        );
    }

    #[test]
    fn a_prompt_upstream_is_forwarded() {
        let up = Upstream::answering("a");
        let response = http::get(start(up.addr(), Duration::from_millis(800)), "/");
        assert_eq!(
            (response.status, response.body_text()),
            (200, "hello from a".to_string()),
            "an upstream that answers in time is forwarded as it is"
        );
    }
}

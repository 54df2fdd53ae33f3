// gateway_timeout1: an upstream too slow to wait for
//
// An upstream that accepts the connection and never answers is worse than one that is
// down: without a limit, the proxy's thread waits forever, and so does the client; each
// stalled request pins a thread and a connection. A proxy bounds every wait on its
// upstream, and when the time is up it answers `504 Gateway Timeout` (RFC 9110 section
// 15.6.5): reached but too slow, unlike the 502 of an upstream that could not be reached.
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
    let proxy = start(up.addr(), Duration::from_millis(100));
    println!("{:?}", http::get(proxy, "/"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    #[test]
    fn a_stalled_upstream_is_a_gateway_timeout() {
        let up = Upstream::stalling();
        let got = http::get(start(up.addr(), Duration::from_millis(100)), "/");
        let why = "the upstream never answered: after its 100 ms the proxy answers 504";
        assert_eq!(got.status, 504, "{why}, got {got:?}");
        assert_eq!(up.received().len(), 1, "the upstream did get the request");
    }

    #[test]
    fn an_unreachable_upstream_is_still_a_bad_gateway() {
        let up = Upstream::hanging_up();
        for addr in [Upstream::refusing(), up.addr()] {
            let got = http::get(start(addr, Duration::from_millis(800)), "/");
            let why = "refused or hung up on, that is 502, not 504: nothing timed out";
            assert_eq!(got.status, 502, "{why}, got {got:?}");
        }
    }

    #[test]
    fn a_prompt_upstream_is_forwarded() {
        let up = Upstream::answering("a");
        let got = http::get(start(up.addr(), Duration::from_millis(800)), "/").body_text();
        let why = "an upstream that answers in time is forwarded";
        assert_eq!(got, "hello from a", "{why}");
    }
}

// smuggling1: one request, two readings
//
// HTTP/1.1 has two ways to say where a request body ends: `Content-Length` and
// `Transfer-Encoding: chunked`. A request carrying both is ambiguous, and that is an attack
// (request smuggling): if the proxy reads the body one way and the upstream the other, the
// bytes one of them thinks are body, the other reads as the start of a second request, one
// that the proxy never checked (`GET /admin`, say). RFC 9112 section 6.1 lets a server
// refuse such a request, and a proxy must never forward it as it is. This proxy refuses it:
// `400 Bad Request`, before reading the body, and the upstream never sees it.
//
// Fix `framing`.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;

use http::{Framing, Headers, Request, Response};

/// Where the body of a request ends, or the response that refuses the request.
fn framing(headers: &Headers) -> Result<Framing, Response> {
    let length = http::header(headers, "Content-Length");
    let encoding = http::header(headers, "Transfer-Encoding");
    // TODO: a request with both fields is ambiguous: refuse it with 400 Bad Request.
    match (length, encoding) {
        (_, Some(encoding)) if encoding.eq_ignore_ascii_case("chunked") => Ok(Framing::Chunked),
        (_, Some(_)) => Err(Response::text(400, "unsupported Transfer-Encoding\n")),
        (Some(length), None) => length
            .parse()
            .map(Framing::Length)
            .map_err(|_| Response::text(400, "bad Content-Length\n")),
        (None, None) => Ok(Framing::Empty),
    }
}

fn handle(upstream: SocketAddr, mut request: Request) -> Response {
    // The body is decoded now; `to_bytes` frames it again with a Content-Length.
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("Transfer-Encoding"));
    http::forward(upstream, &request).unwrap_or_else(|_| Response::text(502, "Bad Gateway\n"))
}

fn start(up: &upstream::Upstream) -> SocketAddr {
    let addr = up.addr();
    http::spawn_proxy_framed(framing, move |request, _client| handle(addr, request))
}

fn main() {
    let up = upstream::Upstream::answering("a");
    let raw = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG";
    println!("the client got {:?}", http::send(start(&up), raw));
    println!("the upstream got {:?}", up.received());
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    #[test]
    fn both_framings_at_once_are_refused() {
        let up = Upstream::answering("a");
        let proxy = start(&up);
        let smuggled = [
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\ncontent-length: 5\r\n\r\n0\r\n\r\n",
        ];
        for raw in smuggled {
            let response = http::send(proxy, raw);
            assert_eq!(
                response.status, 400,
                "a request with both Content-Length and Transfer-Encoding is ambiguous: the proxy \
                 refuses it with 400 itself. Request {raw:?}, response {response:?}"
            );
        }
        let got = up.received();
        assert!(
            got.is_empty(),
            "the upstream must see none of them, got {got:?}"
        );
    }

    #[test]
    fn unambiguous_requests_are_forwarded() {
        let up = Upstream::answering("a");
        let proxy = start(&up);
        let sized = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
        for raw in [sized, chunked] {
            let response = http::send(proxy, raw);
            assert_eq!(
                response.status, 200,
                "{raw:?} is a fine request, got {response:?}"
            );
        }
        let bodies: Vec<String> = up
            .received()
            .iter()
            .map(|r| String::from_utf8_lossy(&r.body).into_owned())
            .collect();
        assert_eq!(
            bodies,
            ["hello", "hello"],
            "both bodies reach the upstream whole"
        );
    }
}

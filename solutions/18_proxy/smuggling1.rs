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

use http::{Framing, Headers, Response};

/// Where the body of a request ends, or the response that refuses the request.
fn framing(headers: &Headers) -> Result<Framing, Response> {
    let length = http::header(headers, "Content-Length");
    let encoding = http::header(headers, "Transfer-Encoding");
    if length.is_some() && encoding.is_some() {
        return Err(Response::text(
            400,
            "Content-Length and Transfer-Encoding together\n",
        ));
    }
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

fn start(up: &upstream::Upstream) -> SocketAddr {
    let addr = up.addr();
    let forward = move |request, _client| http::forward_decoded(addr, request);
    http::spawn_proxy_framed(framing, forward)
}

/// A proxy that reads its Content-Length and an upstream that reads its chunks split it
/// differently: the `G` starts the upstream's next request.
const SMUGGLED: &str = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\
                        Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nG";

fn main() {
    let up = upstream::Upstream::answering("a");
    println!("the client got {:?}", http::send(start(&up), SMUGGLED));
    println!("the upstream got {:?}", up.received());
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    const TE_FIRST: &str = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\
                            Content-Length: 40\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n";
    const LOWER: &str = "POST / HTTP/1.1\r\nHost: x\r\ntransfer-encoding: chunked\r\n\
                         content-length: 5\r\n\r\n0\r\n\r\n";

    #[test]
    fn both_framings_at_once_are_refused() {
        let up = Upstream::answering("a");
        let proxy = start(&up);
        for raw in [SMUGGLED, TE_FIRST, LOWER] {
            let got = http::send(proxy, raw);
            let why = "both Content-Length and Transfer-Encoding: ambiguous, the proxy refuses \
                       it with 400 itself";
            assert_eq!(got.status, 400, "{why}: {raw:?}, got {got:?}");
        }
        let got = up.received();
        assert!(got.is_empty(), "the upstream must see none: {got:?}");
    }

    #[test]
    fn unambiguous_requests_are_forwarded() {
        let up = Upstream::answering("a");
        let proxy = start(&up);
        let sized = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
        let chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\
                       5\r\nhello\r\n0\r\n\r\n";
        for raw in [sized, chunked] {
            let got = http::send(proxy, raw);
            assert_eq!(got.status, 200, "{raw:?} is a fine request: {got:?}");
        }
        let why = "both bodies reach the upstream whole";
        assert_eq!(up.received_bodies(), ["hello", "hello"], "{why}");
    }
}

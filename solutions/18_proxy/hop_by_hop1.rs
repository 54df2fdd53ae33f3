// hop_by_hop1: headers that belong to one connection
//
// Some header fields describe the connection they travel on, not the message: they are
// hop-by-hop (RFC 9110 section 7.6.1). A proxy ends one connection and opens another, so it
// must remove them before forwarding, both ways: `Connection` and every field it names,
// plus `Keep-Alive`, `Proxy-Connection`, `TE`, `Trailer`, `Transfer-Encoding` and `Upgrade`.
// Forwarded, they would make the upstream keep, upgrade or frame a connection that the
// client never opened to it. Everything else (end-to-end fields) passes through untouched.
//
// Finish `strip_hop_by_hop`; `handle` already calls it on the request and the response.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;

use http::{Headers, Request, Response};

/// The fields that are always hop-by-hop.
const HOP_BY_HOP: [&str; 7] = [
    "Connection",
    "Keep-Alive",
    "Proxy-Connection",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
];

/// Removes the hop-by-hop fields from `headers`.
fn strip_hop_by_hop(headers: &mut Headers) {
    let named: Vec<String> = http::header_values(headers, "Connection")
        .iter()
        .flat_map(|value| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    headers.retain(|(name, _)| {
        !HOP_BY_HOP.iter().any(|hop| hop.eq_ignore_ascii_case(name))
            && !named.contains(&name.to_ascii_lowercase())
    });
}

fn handle(upstream: SocketAddr, mut request: Request) -> Response {
    strip_hop_by_hop(&mut request.headers);
    match http::forward(upstream, &request) {
        Ok(mut response) => {
            strip_hop_by_hop(&mut response.headers);
            response
        }
        Err(_) => Response::text(502, "Bad Gateway\n"),
    }
}

fn start(up: &upstream::Upstream) -> SocketAddr {
    let addr = up.addr();
    http::spawn_proxy(move |request, _client| handle(addr, request))
}

fn main() {
    let up = upstream::Upstream::answering_with("a", &[("Keep-Alive", "timeout=5")]);
    let raw = "GET / HTTP/1.1\r\nHost: x\r\nConnection: X-Hop\r\nX-Hop: 1\r\nTE: trailers\r\n\r\n";
    println!("the client got {:?}", http::send(start(&up), raw));
    println!("the upstream got {:?}", up.received());
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    #[test]
    fn hop_by_hop_request_fields_stay_at_the_proxy() {
        let up = Upstream::answering("a");
        let response = http::send(
            start(&up),
            "GET /page HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, X-Hop-Secret\r\n\
             Keep-Alive: timeout=5\r\nx-hop-secret: 1\r\nconnection: X-Other\r\nX-Other: 2\r\n\
             Proxy-Connection: keep-alive\r\nTE: trailers\r\nUpgrade: websocket\r\n\
             User-Agent: test/1.0\r\nAccept: text/plain\r\n\r\n",
        );
        assert_eq!(
            response.status, 200,
            "the upstream answers 200: {response:?}"
        );
        let got = &up.received()[0];
        let hop = [
            "Keep-Alive",
            "X-Hop-Secret",
            "X-Other",
            "Proxy-Connection",
            "TE",
            "Upgrade",
        ];
        for name in hop {
            let why = "hop-by-hop: always, or named by a Connection field (names ignore case)";
            assert_eq!(
                got.header(name),
                None,
                "`{name}` is {why}: it must not reach the upstream"
            );
        }
        assert_eq!(
            got.header_values("Connection"),
            ["close"],
            "the only Connection field upstream is the proxy's own `close` for its own connection"
        );
        for name in ["Host", "User-Agent", "Accept"] {
            assert!(
                got.header(name).is_some(),
                "`{name}` is end-to-end and must be forwarded"
            );
        }
    }

    #[test]
    fn a_chunked_body_is_forwarded_with_its_own_framing() {
        let up = Upstream::answering("a");
        let response = http::send(
            start(&up),
            "POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\
             Trailer: X-Checksum\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        );
        assert_eq!(
            response.status,
            200,
            "the upstream answered {:?}: the proxy decoded the chunks and sends the body with a \
             Content-Length, so a forwarded `Transfer-Encoding: chunked` would lie about the framing",
            response.body_text()
        );
        let got = &up.received()[0];
        assert_eq!(
            String::from_utf8_lossy(&got.body),
            "hello world",
            "the body arrives whole"
        );
        assert_eq!(got.header("Trailer"), None, "`Trailer` is hop-by-hop");
    }

    #[test]
    fn hop_by_hop_response_fields_stay_at_the_proxy() {
        let up = Upstream::answering_with(
            "a",
            &[
                ("Connection", "X-Upstream-Hop"),
                ("X-Upstream-Hop", "1"),
                ("Keep-Alive", "timeout=5"),
                ("Upgrade", "h2c"),
                ("Cache-Control", "no-store"),
            ],
        );
        let response = http::get(start(&up), "/");
        for name in ["X-Upstream-Hop", "Keep-Alive", "Upgrade"] {
            assert_eq!(
                response.header(name),
                None,
                "`{name}` in the upstream's response is hop-by-hop: the client must not see it"
            );
        }
        assert_eq!(
            response.header("Cache-Control"),
            Some("no-store"),
            "Cache-Control is end-to-end"
        );
    }
}

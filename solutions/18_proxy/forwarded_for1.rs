// forwarded_for1: telling the upstream who the client is
//
// Behind a proxy, every connection an upstream sees comes from the proxy, so its logs, rate
// limits and geolocation would all see one address. Proxies pass the client's address on
// in `X-Forwarded-For`: a comma-separated list, one address per proxy hop, the original
// client first. A proxy keeps the list it received (a header sent on several lines is one
// list) and appends the address of the peer it got the request from: the IP alone, no port.
//
// Fix `add_forwarded_for`.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;

use http::{Headers, Request, Response};

/// Appends the client's IP address to `X-Forwarded-For`, keeping the addresses already there.
fn add_forwarded_for(headers: &mut Headers, client: SocketAddr) {
    let mut chain: Vec<String> = http::header_values(headers, "X-Forwarded-For")
        .iter()
        .map(|value| value.to_string())
        .collect();
    chain.push(client.ip().to_string());
    headers.retain(|(name, _)| !name.eq_ignore_ascii_case("X-Forwarded-For"));
    headers.push(("X-Forwarded-For".to_string(), chain.join(", ")));
}

fn handle(upstream: SocketAddr, mut request: Request, client: SocketAddr) -> Response {
    add_forwarded_for(&mut request.headers, client);
    http::forward(upstream, &request).unwrap_or_else(|_| Response::text(502, "Bad Gateway\n"))
}

fn main() {
    let up = upstream::Upstream::answering("a");
    let addr = up.addr();
    let proxy = http::spawn_proxy(move |request, client| handle(addr, request, client));
    http::send(
        proxy,
        "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n",
    );
    println!("the upstream got {:?}", up.received());
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    /// Sends `extra` header lines through a proxy; returns the X-Forwarded-For fields the
    /// upstream received.
    fn forwarded_for(extra: &str) -> Vec<String> {
        let up = Upstream::answering("a");
        let addr = up.addr();
        let proxy = http::spawn_proxy(move |request, client| handle(addr, request, client));
        let response = http::send(proxy, &format!("GET / HTTP/1.1\r\nHost: x\r\n{extra}\r\n"));
        assert_eq!(
            response.status, 200,
            "the upstream answers 200: {response:?}"
        );
        let received = up.received();
        let values = received[0].header_values("X-Forwarded-For");
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn the_first_proxy_starts_the_list() {
        assert_eq!(
            forwarded_for(""),
            ["127.0.0.1"],
            "the test client connects from 127.0.0.1: the list holds its IP address, without the port"
        );
    }

    #[test]
    fn the_client_is_appended_to_the_list() {
        assert_eq!(
            forwarded_for("X-Forwarded-For: 203.0.113.7\r\n"),
            ["203.0.113.7, 127.0.0.1"],
            "a proxy keeps the addresses before it and adds its own peer at the end"
        );
        assert_eq!(
            forwarded_for("x-forwarded-for: 203.0.113.7, 198.51.100.2\r\n"),
            ["203.0.113.7, 198.51.100.2, 127.0.0.1"],
            "the field name ignores case; the list keeps its order"
        );
    }

    #[test]
    fn several_lines_are_one_list() {
        assert_eq!(
            forwarded_for("X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 10.0.0.1\r\n"),
            ["203.0.113.7, 10.0.0.1, 127.0.0.1"],
            "fields on several lines are one comma-separated list: forward it as one field, in order"
        );
    }
}

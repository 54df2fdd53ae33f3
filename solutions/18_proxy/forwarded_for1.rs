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
    let raw = "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n";
    println!("the upstream got {:?}", upstream::relay(raw, handle));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The X-Forwarded-For fields the upstream gets for a request with `extra` header lines.
    fn forwarded_for(extra: &str) -> Vec<String> {
        let got = upstream::relay(&format!("GET / HTTP/1.1\r\nHost: x\r\n{extra}\r\n"), handle);
        got.header_values("X-Forwarded-For")
            .iter()
            .map(|v| v.to_string())
            .collect()
    }

    #[test]
    fn the_first_proxy_starts_the_list() {
        let why = "the test client connects from 127.0.0.1: the list holds its IP address, \
                   without the port";
        assert_eq!(forwarded_for(""), ["127.0.0.1"], "{why}");
    }

    #[test]
    fn the_client_is_appended_to_the_list() {
        let got = forwarded_for("X-Forwarded-For: 203.0.113.7\r\n");
        let why = "a proxy keeps the addresses before it and adds its own peer at the end";
        assert_eq!(got, ["203.0.113.7, 127.0.0.1"], "{why}");
        let got = forwarded_for("x-forwarded-for: 203.0.113.7, 198.51.100.2\r\n");
        let why = "the field name ignores case; the list keeps its order";
        assert_eq!(got, ["203.0.113.7, 198.51.100.2, 127.0.0.1"], "{why}");
    }

    #[test]
    fn several_lines_are_one_list() {
        let got = forwarded_for("X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-For: 10.0.0.1\r\n");
        let why = "fields on several lines are one comma-separated list: forward it as one \
                   field, in order";
        assert_eq!(got, ["203.0.113.7, 10.0.0.1, 127.0.0.1"], "{why}");
    }
}

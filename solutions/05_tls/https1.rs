// https1: HTTP inside TLS
//
// HTTPS is plain HTTP/1.1 spoken inside a TLS session. The client opens TCP, then sends a
// ClientHello; the server answers with its certificate and proves it holds the matching
// private key; both derive keys, and from then on every byte is encrypted and checked. In
// rustls's blocking API a `ServerConnection` is that state machine (made from a
// `ServerConfig`: the certificate chain and the key), and `StreamOwned` joins it to the
// `TcpStream`: you read and write plaintext through it, it puts TLS records on the socket
// and runs the handshake on first use.
//
// `serve_connection` answers over the bare TCP stream. Make it answer inside TLS.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use http::Response;
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io;
use std::net::TcpStream;
use std::sync::Arc;

fn serve_connection(config: Arc<ServerConfig>, tcp: TcpStream) -> io::Result<()> {
    let conn = ServerConnection::new(config).map_err(io::Error::other)?;
    let mut stream = StreamOwned::new(conn, tcp);
    http::answer(&mut stream, |request| {
        Response::new(200, &format!("hello over TLS: {}\n", request.path))
    })
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    // What the server presents: its certificate chain, and the key that proves it owns it.
    let config = Arc::new(tls::server_config(ca.issue_server(&["localhost"])));
    let server = tls::Server::start(move |tcp| serve_connection(config.clone(), tcp));
    let client = tls::client_config(ca.roots(), &[]);
    tls::show(tls::get(server.addr, "localhost", client, "/"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_trusts_the_test_ca_gets_an_answer_over_tls_1_3() {
        let ca = pki::Ca::new("backlings test CA");
        let config = Arc::new(tls::server_config(ca.issue_server(&["localhost"])));
        let server = tls::Server::start(move |tcp| serve_connection(config.clone(), tcp));
        let client = tls::client_config(ca.roots(), &[]);
        let reply = tls::get(server.addr, "localhost", client, "/orders").unwrap_or_else(|e| {
            panic!(
                "GET /orders over TLS: {e}\nThe server's side: {}\nThe client opens with a TLS ClientHello, not an HTTP request: the server must run the connection through a rustls ServerConnection",
                server.report()
            )
        });
        assert_eq!(
            (reply.response.status, reply.response.body.as_str()),
            (200, "hello over TLS: /orders\n"),
            "the request and its answer travel inside the TLS session"
        );
        assert_eq!(
            reply.version,
            Some(rustls::ProtocolVersion::TLSv1_3),
            "rustls's safe defaults settle on TLS 1.3 when both sides speak it"
        );
    }
}

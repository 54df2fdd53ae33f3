// plaintext1: plain HTTP on the TLS port
//
// Everything on a TLS connection travels in records: a 5-byte header (content type 22 for
// handshake, 23 for data, 21 for an alert; the version; the length), then the payload. A
// client that types http:// for an https port sends `GET / HTTP/1.1` instead: rustls reads
// `G` (71) as a content type, finds no such record, answers with a fatal alert and fails
// the handshake. Nothing of the request is read as HTTP, and no HTTP answer goes back.
//
// That failure belongs to one connection. Port scanners, health checks misconfigured as
// plain HTTP and confused clients arrive all day: the server logs why the handshake failed
// and goes on serving the next connection. This one dies at the first of them. Fix it.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use http::Response;
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// Serves the connections one after the other; one `log` line per failed handshake.
fn serve(listener: TcpListener, config: Arc<ServerConfig>, log: Sender<String>) {
    for tcp in listener.incoming() {
        let Ok(tcp) = tcp else { continue };
        let conn = ServerConnection::new(config.clone()).expect("a new TLS session");
        let mut stream = StreamOwned::new(conn, tcp);
        // TODO: a failed handshake ends this connection, not the server: log why, go on.
        tls::handshake(&mut stream).expect("TLS handshake");
        let _ = &log;
        let _ = http::answer(&mut stream, |_| Response::new(200, "hello over TLS\n"));
    }
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    let config = Arc::new(tls::server_config(ca.issue_server(&["localhost"])));
    let (log, lines) = std::sync::mpsc::channel();
    let addr = tls::spawn_listener(move |listener| serve(listener, config, log));
    let _ = tls::plain_exchange(addr, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    println!("{:?}", lines.recv_timeout(tls::GUARD));
    tls::show(tls::get(
        addr,
        "localhost",
        tls::client_config(ca.roots(), &[]),
        "/",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{self, Receiver};

    /// The server in a thread, the CA its certificate comes from, and its log.
    fn start() -> (std::net::SocketAddr, pki::Ca, Receiver<String>) {
        let ca = pki::Ca::new("backlings test CA");
        let config = Arc::new(tls::server_config(ca.issue_server(&["localhost"])));
        let (log, lines) = mpsc::channel();
        let addr = tls::spawn_listener(move |listener| serve(listener, config, log));
        (addr, ca, lines)
    }

    const PLAIN_GET: &str = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    #[test]
    fn plain_http_gets_a_tls_alert_not_an_http_answer() {
        let (addr, _ca, log) = start();
        let reply = tls::plain_exchange(addr, PLAIN_GET).expect("connect to the TLS port");
        assert!(
            !reply.starts_with(b"HTTP/"),
            "plain HTTP on the TLS port must get no HTTP answer; it got: {}",
            String::from_utf8_lossy(&reply)
        );
        assert_eq!(
            reply.first(),
            Some(&21),
            "what comes back is a TLS alert record (content type 21) saying why: {}",
            String::from_utf8_lossy(&reply)
        );
        let line = log.recv_timeout(tls::GUARD).unwrap_or_else(|_| {
            panic!("the server must log one line for the failed handshake; it logged nothing (is the server still running?)")
        });
        assert!(
            line.contains("corrupt message of type InvalidContentType"),
            "the log line must say why the handshake failed (rustls's error: `G` is no TLS content type); it was: {line}"
        );
    }

    #[test]
    fn the_server_keeps_serving_after_a_plaintext_client() {
        let (addr, ca, _log) = start();
        let _ = tls::plain_exchange(addr, PLAIN_GET);
        let client = tls::client_config(ca.roots(), &[]);
        let result = tls::get(addr, "localhost", client, "/");
        assert!(
            result.is_ok(),
            "after a plaintext client, the next TLS client must still be served: one bad connection must not stop the server; instead {}",
            tls::describe(&result)
        );
    }
}

// alpn1: which protocol runs inside TLS
//
// ALPN (RFC 7301): the client's ClientHello lists the protocols it speaks ("h2",
// "http/1.1"), the server picks one in its reply, and both sides know what the decrypted
// bytes are before the first one is sent. That is how browsers get HTTP/2 at no extra
// round trip. rustls picks the first of the server's `alpn_protocols` that the client
// offered. A client that offers none gets no ALPN and is served HTTP/1.1 by default; one
// whose protocols are all missing from the server's list is refused with a
// `no_application_protocol` alert: a clear handshake error, not a conversation in two
// languages. This server speaks HTTP/1.1 only, yet advertises h2 first. Fix its list.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use rustls::ServerConfig;
use std::sync::Arc;

fn server_config(identity: pki::Identity) -> Arc<ServerConfig> {
    let mut config = tls::server_config(identity);
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    let server = tls::serve_tls(server_config(ca.issue_server(&["localhost"])));
    let client = tls::client_config(ca.roots(), &["h2", "http/1.1"]);
    let result = tls::get(server.addr, "localhost", client, "/");
    println!("{}", tls::describe(&result));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_offering_h2_and_http11_gets_http11() {
        let (_server, result) = tls::dial_localhost(server_config, &["h2", "http/1.1"]);
        let alpn = result.as_ref().ok().and_then(|r| r.alpn.as_deref());
        assert_eq!(
            alpn,
            Some("http/1.1"),
            "the server speaks HTTP/1.1 only: picking h2 would make the client send HTTP/2 frames to an HTTP/1.1 parser; {}",
            tls::describe(&result)
        );
    }

    #[test]
    fn a_client_offering_only_h2_is_refused_in_the_handshake() {
        let (server, result) = tls::dial_localhost(server_config, &["h2"]);
        assert!(
            matches!(&result, Err(tls::Failure::Handshake(_))),
            "an h2-only client has no protocol in common with an HTTP/1.1 server: the handshake must fail with no_application_protocol; instead {}",
            tls::describe(&result)
        );
        assert_eq!(
            tls::server_tls_error(&server),
            Ok(rustls::Error::NoApplicationProtocol),
            "the server's side must end with NoApplicationProtocol"
        );
    }

    #[test]
    fn a_client_offering_no_alpn_gets_http11_anyway() {
        let (_server, result) = tls::dial_localhost(server_config, &[]);
        let reply = result.unwrap_or_else(|e| {
            panic!("a client that offers no ALPN is served the default, HTTP/1.1; instead: {e}")
        });
        assert_eq!(
            (reply.alpn.as_deref(), reply.response.status),
            (None, 200),
            "without ALPN in the ClientHello there is nothing to select, and HTTP/1.1 is served"
        );
    }
}

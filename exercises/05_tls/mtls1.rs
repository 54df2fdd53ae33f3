// mtls1: the client shows a certificate too
//
// In ordinary TLS only the server proves who it is; the client proves itself later, with a
// password or a token inside the session. In mutual TLS (mTLS) the server also asks for a
// certificate in the handshake (a CertificateRequest), and checks it the way a client checks
// a server's: signed by a CA the server trusts. A client without one, or with one from
// another CA, never gets to send a byte of HTTP. Service meshes (Istio, Linkerd) use it
// between services, and APIs use it for machine clients (RFC 8705 for OAuth).
//
// In rustls the server's `WebPkiClientVerifier` does the checking, from a `RootCertStore`
// of the CAs whose clients are welcome. This server asks for nothing. Make it require a
// client certificate signed by the test CA.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use rustls::ServerConfig;
use rustls::server::WebPkiClientVerifier;
use std::sync::Arc;

fn server_config(client_ca: &pki::Ca, identity: pki::Identity) -> Arc<ServerConfig> {
    // TODO: require a client certificate signed by `client_ca`: build a `WebPkiClientVerifier`
    // (with `tls::provider()`) and give it to `with_client_cert_verifier`.
    let _ = client_ca;
    let config = tls::server_builder()
        .with_no_client_auth()
        .with_single_cert(identity.chain, identity.key)
        .expect("a certificate chain and its matching key");
    Arc::new(config)
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    let server = tls::serve_tls(server_config(&ca, ca.issue_server(&["localhost"])));
    let client = tls::client_config(ca.roots(), &[]);
    tls::show(tls::get(server.addr, "localhost", client, "/"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::{CertificateError, Error};

    /// A server for `localhost` whose certificate, and whose clients', come from `ca`.
    fn start(ca: &pki::Ca) -> tls::Server {
        tls::serve_tls(server_config(ca, ca.issue_server(&["localhost"])))
    }

    /// How the server's side ended, in words.
    fn ended(outcome: &std::io::Result<()>) -> String {
        outcome
            .as_ref()
            .map_or_else(tls::explain, |()| "it served the request".to_owned())
    }

    #[test]
    fn a_client_with_a_certificate_from_the_test_ca_is_served() {
        let ca = pki::Ca::new("backlings test CA");
        let server = start(&ca);
        let client = tls::client_with_cert(ca.roots(), ca.issue_client("billing-service"));
        let result = tls::get(server.addr, "localhost", client, "/invoices");
        assert!(
            result.is_ok(),
            "a client certificate signed by the test CA is welcome; {}",
            tls::describe(&result)
        );
    }

    #[test]
    fn a_client_without_a_certificate_is_refused() {
        let ca = pki::Ca::new("backlings test CA");
        let server = start(&ca);
        let result = tls::get(
            server.addr,
            "localhost",
            tls::client_config(ca.roots(), &[]),
            "/",
        );
        assert!(
            result.is_err(),
            "the server must require a client certificate: a client without one gets no answer; instead {}",
            tls::describe(&result)
        );
        let outcome = server.outcome();
        assert!(
            matches!(
                outcome.as_ref().err().and_then(tls::tls_error),
                Some(Error::NoCertificatesPresented)
            ),
            "the server refuses because no certificate was presented (NoCertificatesPresented); its side ended with: {}",
            ended(&outcome)
        );
    }

    #[test]
    fn a_client_certificate_from_another_ca_is_refused() {
        let ca = pki::Ca::new("backlings test CA");
        let other = pki::Ca::new("some other CA");
        let server = start(&ca);
        let client = tls::client_with_cert(ca.roots(), other.issue_client("intruder"));
        let result = tls::get(server.addr, "localhost", client, "/");
        assert!(
            result.is_err(),
            "a client certificate no trusted CA signed proves nothing: the server must refuse it; instead {}",
            tls::describe(&result)
        );
        let outcome = server.outcome();
        assert!(
            matches!(
                outcome.as_ref().err().and_then(tls::tls_error),
                Some(Error::InvalidCertificate(CertificateError::UnknownIssuer))
            ),
            "the server's chain check on the client certificate fails (UnknownIssuer); its side ended with: {}",
            ended(&outcome)
        );
    }
}

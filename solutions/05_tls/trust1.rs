// trust1: whom the client trusts
//
// TLS protects you only as far as the client checks the certificate. A client that accepts
// any certificate (`curl -k`, `danger_accept_invalid_certs(true)`, a "temporary" verifier
// that returns Ok) is encrypted, and talking to whoever answered: anyone on the path can
// present a certificate they made themselves for any name. A client needs trust anchors:
// the CA certificates it believes, in a `RootCertStore` (in production, the system's list
// or webpki-roots; here, only the test CA). Then rustls runs both checks for you: the chain
// up to a trusted CA, and the name you dialed against the certificate's names.
//
// `client_config` accepts anything. Make it trust the test CA and nothing else.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use std::sync::Arc;

/// The test client's TLS settings.
fn client_config(test_ca: CertificateDer<'static>) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots.add(test_ca).expect("the test CA is a certificate");
    let config = tls::client_builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    let server = tls::https_server(pki::self_signed(&["localhost"]));
    tls::show(tls::get(
        server.addr,
        "localhost",
        client_config(ca.der()),
        "/",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dials a server presenting `identity` as `host`, with the client of `client_config`.
    fn dial(
        identity: pki::Identity,
        host: &str,
        test_ca: &pki::Ca,
    ) -> Result<tls::Reply, tls::Failure> {
        let server = tls::https_server(identity);
        tls::get(server.addr, host, client_config(test_ca.der()), "/")
    }

    #[test]
    fn the_right_name_signed_by_the_test_ca_is_accepted() {
        let ca = pki::Ca::new("backlings test CA");
        let result = dial(ca.issue_server(&["localhost"]), "localhost", &ca);
        assert!(
            result.is_ok(),
            "a certificate for localhost signed by the test CA passes both checks; the client said: {}",
            tls::describe(&result)
        );
    }

    #[test]
    fn a_certificate_for_another_name_fails_the_name_check() {
        let ca = pki::Ca::new("backlings test CA");
        let result = dial(ca.issue_server(&["localhost"]), "bank.example", &ca);
        assert!(
            tls::failed_name_check(&result),
            "dialing bank.example, a certificate for localhost must fail the name check (NotValidForName), or whoever holds any valid certificate can pose as any site; the client said: {}",
            tls::describe(&result)
        );
    }

    #[test]
    fn a_self_signed_certificate_fails_the_chain_check() {
        let ca = pki::Ca::new("backlings test CA");
        let result = dial(pki::self_signed(&["localhost"]), "localhost", &ca);
        assert!(
            tls::failed_chain_check(&result),
            "anyone can make a self-signed certificate for localhost: no trusted CA signed it, so the chain check must fail (UnknownIssuer); the client said: {}",
            tls::describe(&result)
        );
    }

    #[test]
    fn a_certificate_from_another_ca_fails_the_chain_check() {
        let ca = pki::Ca::new("backlings test CA");
        let other = pki::Ca::new("some other CA");
        let result = dial(other.issue_server(&["localhost"]), "localhost", &ca);
        assert!(
            tls::failed_chain_check(&result),
            "a CA the client does not trust vouches for nothing: the chain check must fail (UnknownIssuer); the client said: {}",
            tls::describe(&result)
        );
    }
}

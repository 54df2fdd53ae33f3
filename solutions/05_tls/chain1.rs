// chain1: a certificate the client will accept
//
// A client believes a server's certificate when two checks pass. The chain check: the
// certificate is signed by a certificate authority (CA) the client already trusts (browsers
// and operating systems ship a list of them; our test client trusts only a test CA made at
// test start). The name check: the certificate names the host the client dialed, in its
// Subject Alternative Name (SAN) extension. The Common Name is for people: rustls, browsers
// and RFC 6125 ignore it when a SAN is present, and webpki ignores it always.
//
// `issue_server_cert` makes a certificate that fails both. Fix it, with rcgen.

#[path = "support/http.rs"]
mod http;
#[path = "support/pki.rs"]
mod pki;
#[path = "support/tls.rs"]
mod tls;

use rcgen::{CertificateParams, DnType, ExtendedKeyUsagePurpose, KeyPair};

/// Issues a certificate for `host`, as a CA does when a server asks for one.
fn issue_server_cert(ca: &pki::Ca, host: &str) -> pki::Identity {
    let key = KeyPair::generate().expect("a fresh key pair");
    let mut params = CertificateParams::new(vec![host.to_owned()]).expect("certificate params");
    params.distinguished_name.push(DnType::CommonName, host);
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let cert = params
        .signed_by(&key, &ca.cert, &ca.key)
        .expect("sign the certificate");
    pki::Identity::new(&cert, &key)
}

fn main() {
    let ca = pki::Ca::new("backlings demo CA");
    let server = tls::https_server(issue_server_cert(&ca, "localhost"));
    let client = tls::client_config(ca.roots(), &[]);
    tls::show(tls::get(server.addr, "localhost", client, "/"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server presenting a certificate for `localhost` issued by `issue_server_cert`.
    fn start() -> (pki::Ca, tls::Server) {
        let ca = pki::Ca::new("backlings test CA");
        let server = tls::https_server(issue_server_cert(&ca, "localhost"));
        (ca, server)
    }

    #[test]
    fn a_client_that_trusts_only_the_test_ca_accepts_the_certificate() {
        let (ca, server) = start();
        let client = tls::client_config(ca.roots(), &[]);
        let reply = tls::get(server.addr, "localhost", client, "/").unwrap_or_else(|e| {
            panic!(
                "dialing localhost: {e}\nThe client trusts the test CA and nothing else: the certificate must be signed by the CA (chain check) and carry `localhost` as a SAN DNS name (name check)"
            )
        });
        assert_eq!(
            reply.response.status, 200,
            "once both checks pass, the request goes through"
        );
    }

    #[test]
    fn the_certificate_is_good_for_its_host_only() {
        let (ca, server) = start();
        let client = tls::client_config(ca.roots(), &[]);
        let result = tls::get(server.addr, "example.com", client, "/");
        assert!(
            tls::failed_name_check(&result),
            "a client that dials example.com must stop at the name check (NotValidForName), after the chain check passed; it got: {}",
            tls::describe(&result)
        );
    }
}

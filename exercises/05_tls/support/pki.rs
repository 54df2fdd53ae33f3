//! The test PKI (support code, not an exercise): a certificate authority made at test start,
//! and the certificates it signs for servers and clients. Nothing is read from disk and
//! nothing outlives the test process.
#![allow(dead_code)]

use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use rustls::RootCertStore;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;

/// A certificate authority: its self-signed certificate and the key it signs with.
pub struct Ca {
    pub cert: Certificate,
    pub key: KeyPair,
}

impl Ca {
    /// A new CA named `name` (its Common Name), with a fresh key.
    pub fn new(name: &str) -> Ca {
        let key = KeyPair::generate().expect("generate the CA's key pair");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let cert = params.self_signed(&key).expect("self-sign the CA");
        Ca { cert, key }
    }

    /// The CA's certificate, as a trust anchor is handed to rustls.
    pub fn der(&self) -> CertificateDer<'static> {
        self.cert.der().clone()
    }

    /// A root store that trusts this CA and nothing else.
    pub fn roots(&self) -> Arc<RootCertStore> {
        let mut roots = RootCertStore::empty();
        roots.add(self.der()).expect("add the CA to a root store");
        Arc::new(roots)
    }

    /// A server certificate for `names`, signed by this CA: what a real CA would issue.
    pub fn issue_server(&self, names: &[&str]) -> Identity {
        let key = KeyPair::generate().expect("generate a key pair");
        let cert = server_params(names)
            .signed_by(&key, &self.cert, &self.key)
            .expect("sign the server certificate");
        Identity::new(&cert, &key)
    }

    /// A client certificate for `user` (its Common Name), signed by this CA.
    pub fn issue_client(&self, user: &str) -> Identity {
        let key = KeyPair::generate().expect("generate a key pair");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("client parameters");
        params.distinguished_name.push(DnType::CommonName, user);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let cert = params
            .signed_by(&key, &self.cert, &self.key)
            .expect("sign the client certificate");
        Identity::new(&cert, &key)
    }
}

/// The parameters of a server certificate for `names`: DNS names in the Subject Alternative
/// Name extension (where clients look), the first one also as the Common Name (for people).
pub fn server_params(names: &[&str]) -> CertificateParams {
    let sans: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(sans).expect("server certificate parameters");
    if let Some(first) = names.first() {
        params.distinguished_name.push(DnType::CommonName, *first);
    }
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params
}

/// A self-signed server certificate for `names`: right name, but no CA vouches for it.
pub fn self_signed(names: &[&str]) -> Identity {
    let key = KeyPair::generate().expect("generate a key pair");
    let cert = server_params(names)
        .self_signed(&key)
        .expect("self-sign the certificate");
    Identity::new(&cert, &key)
}

/// What a server (or a client, in mutual TLS) presents: its certificate chain, leaf first,
/// and the private key of the leaf.
pub struct Identity {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

impl Identity {
    pub fn new(cert: &Certificate, key: &KeyPair) -> Identity {
        Identity {
            chain: vec![cert.der().clone()],
            key: PrivatePkcs8KeyDer::from(key.serialize_der()).into(),
        }
    }
}

impl Clone for Identity {
    fn clone(&self) -> Identity {
        Identity {
            chain: self.chain.clone(),
            key: self.key.clone_key(),
        }
    }
}

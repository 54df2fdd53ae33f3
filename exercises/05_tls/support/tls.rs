//! TLS plumbing for the tests (support code, not an exercise): ring as the crypto provider,
//! config builders that name it, a server thread that hands each accepted connection to the
//! exercise's code, and test clients (TLS and plaintext) that say which check failed.
#![allow(dead_code)]

use crate::http::Response;
use rustls::client::WantsClientCert;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::ServerName;
use rustls::{
    CertificateError, ClientConfig, ClientConnection, ConfigBuilder, RootCertStore, ServerConfig,
    ServerConnection, StreamOwned, WantsVerifier,
};
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

/// A guard against a real hang, never a wait: a wrong answer fails long before it.
pub const GUARD: Duration = Duration::from_secs(1);

/// ring, named explicitly: with more than one provider compiled in, rustls will not pick.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// `ServerConfig::builder()`, with the provider named.
pub fn server_builder() -> ConfigBuilder<ServerConfig, WantsVerifier> {
    ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports TLS 1.2 and 1.3")
}

/// `ClientConfig::builder()`, with the provider named.
pub fn client_builder() -> ConfigBuilder<ClientConfig, WantsVerifier> {
    ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports TLS 1.2 and 1.3")
}

/// A client builder that trusts `roots` and nothing else (no system roots).
pub fn client_trusting(roots: Arc<RootCertStore>) -> ConfigBuilder<ClientConfig, WantsClientCert> {
    client_builder().with_root_certificates(roots)
}

/// A client that trusts `roots`, presents no certificate and offers `alpn`.
pub fn client_config(roots: Arc<RootCertStore>, alpn: &[&str]) -> Arc<ClientConfig> {
    let mut config = client_trusting(roots).with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.as_bytes().to_vec()).collect();
    Arc::new(config)
}

/// A verifier that accepts every certificate: what `curl -k` and `danger_accept_invalid_certs`
/// do. It still checks that the server holds the key of the certificate it sent, which is
/// worth nothing when anyone can make a certificate for any name.
#[derive(Debug)]
pub struct AcceptAnyCertificate;

impl rustls::client::danger::ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A client that trusts `roots` and presents `identity` when the server asks (mutual TLS).
pub fn client_with_cert(
    roots: Arc<RootCertStore>,
    identity: crate::pki::Identity,
) -> Arc<ClientConfig> {
    let config = client_trusting(roots)
        .with_client_auth_cert(identity.chain, identity.key)
        .expect("a client certificate chain and its matching key");
    Arc::new(config)
}

/// The rustls error inside an I/O error, if there is one.
pub fn tls_error(err: &io::Error) -> Option<&rustls::Error> {
    err.get_ref()?.downcast_ref::<rustls::Error>()
}

/// Which check a TLS error reports, in words.
pub fn explain(err: &io::Error) -> String {
    use rustls::Error as E;
    let check = match tls_error(err) {
        Some(E::InvalidCertificate(CertificateError::UnknownIssuer)) => {
            "the chain check failed: no CA the client trusts signed the server's certificate"
        }
        Some(E::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        )) => "the name check failed: the certificate does not name the host the client dialed",
        Some(E::NoApplicationProtocol) => "no application protocol (ALPN) in common",
        Some(E::InvalidMessage(_)) => "the peer sent something that is not a TLS record",
        Some(E::NoCertificatesPresented) => "the server wanted a client certificate, got none",
        Some(E::AlertReceived(_)) => "the peer refused the connection with a TLS alert",
        Some(_) => "TLS error",
        None if err.kind() == io::ErrorKind::UnexpectedEof => "the peer closed the connection",
        None => "I/O error",
    };
    format!("{check} ({err})")
}

/// What the test client saw when a request over TLS did not work out.
#[derive(Debug)]
pub enum Failure {
    Connect(io::Error),
    /// The handshake failed: the client's own checks, or an alert from the server.
    Handshake(io::Error),
    /// The handshake worked, then sending the request or reading the answer failed.
    Exchange(io::Error),
    /// Bytes came back, but not an HTTP response.
    NotHttp(String),
}

impl Failure {
    pub fn tls_error(&self) -> Option<&rustls::Error> {
        match self {
            Failure::Connect(e) | Failure::Handshake(e) | Failure::Exchange(e) => tls_error(e),
            Failure::NotHttp(_) => None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Connect(e) => write!(f, "could not connect: {e}"),
            Failure::Handshake(e) => write!(f, "the TLS handshake failed: {}", explain(e)),
            Failure::Exchange(e) => write!(
                f,
                "the handshake finished, then the exchange failed: {}",
                explain(e)
            ),
            Failure::NotHttp(text) => write!(f, "the answer was not HTTP: {text:?}"),
        }
    }
}

/// A request's result in words, for failure messages.
pub fn describe(result: &Result<Reply, Failure>) -> String {
    match result {
        Ok(reply) => format!(
            "the handshake succeeded (ALPN: {}) and the server answered {}",
            reply.alpn.as_deref().unwrap_or("none"),
            reply.response.status
        ),
        Err(e) => e.to_string(),
    }
}

fn failed_with(result: &Result<Reply, Failure>, wanted: fn(&rustls::Error) -> bool) -> bool {
    result
        .as_ref()
        .err()
        .and_then(Failure::tls_error)
        .is_some_and(wanted)
}

/// The client refused the certificate at the name check.
pub fn failed_name_check(result: &Result<Reply, Failure>) -> bool {
    failed_with(result, |e| {
        matches!(
            e,
            rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
            )
        )
    })
}

/// The client refused the certificate at the chain check: no trusted CA signed it.
pub fn failed_chain_check(result: &Result<Reply, Failure>) -> bool {
    failed_with(result, |e| {
        matches!(
            e,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)
        )
    })
}

/// Prints what a request got, for `cargo run`.
pub fn show(result: Result<Reply, Failure>) {
    match result {
        Ok(reply) => show_response(&reply.response),
        Err(e) => println!("{e}"),
    }
}

/// Prints a response, for `cargo run`.
pub fn show_response(response: &Response) {
    println!("{}", response.status);
    for (name, value) in &response.headers {
        println!("{name}: {value}");
    }
    println!("\n{}", response.body);
}

/// What came back over TLS.
#[derive(Debug)]
pub struct Reply {
    /// The protocol ALPN settled on, as text ("http/1.1"), if any.
    pub alpn: Option<String>,
    pub version: Option<rustls::ProtocolVersion>,
    pub response: Response,
}

/// Dials `addr` over TLS as `host` (the name checked against the certificate and sent as
/// SNI), finishes the handshake, then sends `GET path`.
pub fn get(
    addr: SocketAddr,
    host: &str,
    config: Arc<ClientConfig>,
    path: &str,
) -> Result<Reply, Failure> {
    let mut sock = connect(addr).map_err(Failure::Connect)?;
    let name =
        ServerName::try_from(host.to_owned()).map_err(|e| Failure::Connect(io::Error::other(e)))?;
    let mut conn =
        ClientConnection::new(config, name).map_err(|e| Failure::Handshake(io::Error::other(e)))?;
    while conn.is_handshaking() {
        conn.complete_io(&mut sock).map_err(Failure::Handshake)?;
    }
    let alpn = conn
        .alpn_protocol()
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let version = conn.protocol_version();
    let mut tls = StreamOwned::new(conn, sock);
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes())
        .and_then(|()| tls.flush())
        .map_err(Failure::Exchange)?;
    let raw = read_response(&mut tls).map_err(Failure::Exchange)?;
    let response = Response::parse(&raw)
        .ok_or_else(|| Failure::NotHttp(String::from_utf8_lossy(&raw).into_owned()))?;
    Ok(Reply {
        alpn,
        version,
        response,
    })
}

/// Sends `request` as plaintext and returns every byte that came back (maybe none).
pub fn plain_exchange(addr: SocketAddr, request: &str) -> io::Result<Vec<u8>> {
    let mut sock = connect(addr)?;
    sock.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    // A reset after a refusal is an answer too: keep what arrived before it.
    let _ = sock.read_to_end(&mut raw);
    Ok(raw)
}

/// `GET path` over plain HTTP, parsed.
pub fn plain_get(addr: SocketAddr, host: &str, path: &str) -> Result<Response, Failure> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let raw = plain_exchange(addr, &request).map_err(Failure::Exchange)?;
    Response::parse(&raw)
        .ok_or_else(|| Failure::NotHttp(String::from_utf8_lossy(&raw).into_owned()))
}

fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
    let sock = TcpStream::connect(addr)?;
    sock.set_read_timeout(Some(GUARD))?;
    sock.set_write_timeout(Some(GUARD))?;
    Ok(sock)
}

/// Reads until the response is complete by its Content-Length, or the stream ends.
fn read_response(stream: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if length.is_some_and(|len| raw.len() >= end + 4 + len) {
                return Ok(raw);
            }
        }
        match stream.read(&mut buf) {
            Ok(0) => return Ok(raw),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if raw.is_empty() => return Err(e),
            Err(_) => return Ok(raw),
        }
    }
}

/// A server on 127.0.0.1 whose thread hands every accepted connection to the exercise's
/// code, one at a time, and reports how each one ended.
pub struct Server {
    pub addr: SocketAddr,
    outcomes: Receiver<io::Result<()>>,
}

impl Server {
    pub fn start<F>(mut handle: F) -> Server
    where
        F: FnMut(TcpStream) -> io::Result<()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("the listener's address");
        let (tx, outcomes) = mpsc::channel();
        thread::spawn(move || {
            for tcp in listener.incoming() {
                let Ok(tcp) = tcp else { continue };
                let _ = tcp.set_read_timeout(Some(GUARD));
                let _ = tcp.set_write_timeout(Some(GUARD));
                if tx.send(handle(tcp)).is_err() {
                    return;
                }
            }
        });
        Server { addr, outcomes }
    }

    /// How the server's handling of the next connection ended, in words.
    pub fn report(&self) -> String {
        match self.outcome() {
            Ok(()) => "it served the connection".to_owned(),
            Err(e) => explain(&e),
        }
    }

    /// How the server's handling of the next connection ended.
    pub fn outcome(&self) -> io::Result<()> {
        self.outcomes
            .recv_timeout(GUARD)
            .unwrap_or_else(|_| Err(io::Error::other("the server did not finish the connection")))
    }
}

/// Runs the server side of the handshake to its end. A client that does not speak TLS fails
/// it at once, with the error rustls found in its first bytes.
pub fn handshake(stream: &mut StreamOwned<ServerConnection, TcpStream>) -> io::Result<()> {
    stream.sock.set_read_timeout(Some(GUARD))?;
    stream.sock.set_write_timeout(Some(GUARD))?;
    while stream.conn.is_handshaking() {
        stream.conn.complete_io(&mut stream.sock)?;
    }
    Ok(())
}

/// A server config that presents `identity` and asks clients for no certificate.
pub fn server_config(identity: crate::pki::Identity) -> ServerConfig {
    server_builder()
        .with_no_client_auth()
        .with_single_cert(identity.chain, identity.key)
        .expect("a certificate chain and its matching key")
}

/// A server that answers `hello over TLS: <path>` inside TLS with `config`.
pub fn serve_tls(config: Arc<ServerConfig>) -> Server {
    serve_tls_with(config, |request| {
        Response::new(200, &format!("hello over TLS: {}\n", request.path))
    })
}

/// A server that answers each request inside TLS with `config`, as `respond` says.
pub fn serve_tls_with<F>(config: Arc<ServerConfig>, respond: F) -> Server
where
    F: Fn(&crate::http::Request) -> Response + Send + 'static,
{
    Server::start(move |tcp| {
        let conn = ServerConnection::new(config.clone()).map_err(io::Error::other)?;
        let mut stream = StreamOwned::new(conn, tcp);
        crate::http::answer(&mut stream, &respond)
    })
}

/// A server that answers each request over plain TCP, as `respond` says.
pub fn serve_plain_with<F>(respond: F) -> Server
where
    F: Fn(&crate::http::Request) -> Response + Send + 'static,
{
    Server::start(move |mut tcp| crate::http::answer(&mut tcp, &respond))
}

/// A server that presents `identity` and answers `hello over TLS: <path>`.
pub fn https_server(identity: crate::pki::Identity) -> Server {
    serve_tls(Arc::new(server_config(identity)))
}

/// Runs `serve` on a listener of its own in a thread, and returns the listener's address.
pub fn spawn_listener<F>(serve: F) -> SocketAddr
where
    F: FnOnce(TcpListener) + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("the listener's address");
    thread::spawn(move || serve(listener));
    addr
}

/// Starts a server with the config `make_config` builds around a certificate for `localhost`
/// from a fresh test CA, and dials it with `GET /` as a client that trusts the CA and offers
/// `alpn`. Returns the server (to ask how its side ended) and what the client got.
pub fn dial_localhost<F>(make_config: F, alpn: &[&str]) -> (Server, Result<Reply, Failure>)
where
    F: FnOnce(crate::pki::Identity) -> Arc<ServerConfig>,
{
    let ca = crate::pki::Ca::new("backlings test CA");
    let server = serve_tls(make_config(ca.issue_server(&["localhost"])));
    let client = client_config(ca.roots(), alpn);
    let result = get(server.addr, "localhost", client, "/");
    (server, result)
}

/// Serves `respond` over TLS with a certificate for `localhost` from a fresh test CA, and
/// sends it `GET path` as a client that trusts the CA.
#[track_caller]
pub fn https_get_with<F>(respond: F, path: &str) -> Response
where
    F: Fn(&crate::http::Request) -> Response + Send + 'static,
{
    let ca = crate::pki::Ca::new("backlings test CA");
    let config = Arc::new(server_config(ca.issue_server(&["localhost"])));
    let server = serve_tls_with(config, respond);
    let client = client_config(ca.roots(), &[]);
    match get(server.addr, "localhost", client, path) {
        Ok(reply) => reply.response,
        Err(e) => panic!("GET {path} over TLS: {e}"),
    }
}

/// How the server's side of the next connection ended: the rustls error, if that was one.
pub fn server_tls_error(server: &Server) -> Result<rustls::Error, String> {
    match server.outcome() {
        Ok(()) => Err("it served the connection".to_owned()),
        Err(e) => tls_error(&e).cloned().ok_or_else(|| explain(&e)),
    }
}

//! The code under test for http_stub1: `Client`, which calls an upstream service and retries
//! by the course's policy, and `Stub`, a scripted upstream on a loopback port for its tests.
//! The client is correct; the runner plants bugs in a copy of this file to check your tests.
//! You don't need to edit it.
#![allow(dead_code)]

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Put,
    Delete,
    Post,
}

impl Method {
    /// Sending an idempotent request twice has the same effect as sending it once (RFC 9110
    /// 9.2.2), so it is safe to retry.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post)
    }

    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Post => "POST",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The upstream answered with this status instead of a 2xx.
    Status(u16),
    /// Could not connect, the connection broke, or the upstream did not answer in time.
    Connection(io::ErrorKind),
    /// The answer was not HTTP.
    BadResponse,
}

/// How one attempt failed, with what the retry decision needs.
enum Failure {
    Status { code: u16, retry_after: Option<u64> },
    Connection(io::ErrorKind),
    BadResponse,
}

/// A client for an upstream service. The retry policy:
/// - retry only a request that is idempotent (GET, HEAD, PUT, DELETE) or carries an
///   `Idempotency-Key` (a POST without one is never retried: it might run twice);
/// - retry only on 408, 429, 502, 503, 504, timeouts and connection failures, never on a 500
///   or another 4xx;
/// - wait before each retry: exponential backoff (`base`, doubled each time) with full jitter
///   (a random wait between zero and that), except that a 429 or a 503 with `Retry-After:
///   <seconds>` waits what the server asked;
/// - give up after `attempts` tries, with the last error.
pub struct Client {
    addr: SocketAddr,
    attempts: u32,
    base: Duration,
    /// Picks the wait from the range up to the backoff.
    jitter: fn(Duration) -> Duration,
    /// Waits; a test client only notes the wait down.
    sleep: fn(Duration),
    waits: Mutex<Vec<Duration>>,
}

/// Full jitter: a random wait between zero and `backoff`.
pub fn full_jitter(backoff: Duration) -> Duration {
    let random = RandomState::new().build_hasher().finish();
    backoff.mul_f64(random as f64 / u64::MAX as f64)
}

impl Client {
    /// A client for production: it sleeps, with full jitter.
    pub fn new(addr: SocketAddr) -> Self {
        Client::with(addr, full_jitter, thread::sleep)
    }

    /// A client for tests: it does not sleep, and its jitter always picks the whole backoff,
    /// so that the test can check `waits()` exactly.
    pub fn for_tests(addr: SocketAddr) -> Self {
        Client::with(addr, |backoff| backoff, |_| {})
    }

    fn with(addr: SocketAddr, jitter: fn(Duration) -> Duration, sleep: fn(Duration)) -> Self {
        Client {
            addr,
            attempts: 3,
            base: Duration::from_millis(100),
            jitter,
            sleep,
            waits: Mutex::new(Vec::new()),
        }
    }

    /// Every wait between two tries so far, in order.
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Result<String, FetchError> {
        self.send(Method::Get, path, None)
    }

    /// Sends the request and returns the body of a 2xx, retrying by the policy above.
    pub fn send(
        &self,
        method: Method,
        path: &str,
        idempotency_key: Option<&str>,
    ) -> Result<String, FetchError> {
        let retryable_request = method.is_idempotent() || idempotency_key.is_some();
        let mut attempt = 1;
        loop {
            let failure = match self.send_once(method, path, idempotency_key) {
                Ok(body) => return Ok(body),
                Err(failure) => failure,
            };
            let wait = self.retry_wait(&failure, attempt);
            match wait {
                Some(wait) if retryable_request && attempt < self.attempts => {
                    self.waits.lock().unwrap().push(wait);
                    (self.sleep)(wait);
                    attempt += 1;
                }
                _ => return Err(failure.into_error()),
            }
        }
    }

    /// How long to wait before retrying after `failure`, or `None` if it is not worth a retry.
    fn retry_wait(&self, failure: &Failure, attempt: u32) -> Option<Duration> {
        let backoff = (self.jitter)(self.base * 2u32.pow(attempt - 1));
        match failure {
            Failure::Status {
                code: 429 | 503,
                retry_after: Some(seconds),
            } => Some(Duration::from_secs(*seconds)),
            Failure::Status {
                code: 408 | 429 | 502 | 503 | 504,
                ..
            } => Some(backoff),
            Failure::Status { .. } => None,
            Failure::Connection(_) => Some(backoff),
            Failure::BadResponse => None,
        }
    }

    fn send_once(
        &self,
        method: Method,
        path: &str,
        idempotency_key: Option<&str>,
    ) -> Result<String, Failure> {
        let broken = |e: io::Error| Failure::Connection(e.kind());
        let guard = Duration::from_secs(1); // only against a hang
        let mut stream = TcpStream::connect_timeout(&self.addr, guard).map_err(broken)?;
        stream.set_read_timeout(Some(guard)).map_err(broken)?;
        let key = idempotency_key
            .map(|key| format!("Idempotency-Key: {key}\r\n"))
            .unwrap_or_default();
        let head = format!(
            "{} {path} HTTP/1.1\r\nHost: {}\r\n{key}Content-Length: 0\r\nConnection: close\r\n\r\n",
            method.name(),
            self.addr
        );
        stream.write_all(head.as_bytes()).map_err(broken)?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).map_err(broken)?;
        parse_response(&response)
    }
}

impl Failure {
    fn into_error(self) -> FetchError {
        match self {
            Failure::Status { code, .. } => FetchError::Status(code),
            Failure::Connection(kind) => FetchError::Connection(kind),
            Failure::BadResponse => FetchError::BadResponse,
        }
    }
}

fn parse_response(bytes: &[u8]) -> Result<String, Failure> {
    let text = std::str::from_utf8(bytes).map_err(|_| Failure::BadResponse)?;
    let (head, body) = text.split_once("\r\n\r\n").ok_or(Failure::BadResponse)?;
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let code = match status_line.split(' ').collect::<Vec<_>>()[..] {
        [version, code, ..] if version.starts_with("HTTP/1.") => code.parse::<u16>().ok(),
        _ => None,
    };
    let code = code.ok_or(Failure::BadResponse)?;
    if (200..300).contains(&code) {
        return Ok(body.to_string());
    }
    let retry_after = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("retry-after"))
        .and_then(|(_, value)| value.trim().parse().ok());
    Err(Failure::Status { code, retry_after })
}

/// One scripted answer of the stub.
#[derive(Debug, Clone)]
pub struct Reply {
    code: u16,
    body: &'static str,
    retry_after: Option<u64>,
}

impl Reply {
    /// A `200 OK` with this body.
    pub fn ok(body: &'static str) -> Reply {
        Reply {
            code: 200,
            body,
            retry_after: None,
        }
    }

    /// This status, with an empty body.
    pub fn status(code: u16) -> Reply {
        Reply {
            code,
            body: "",
            retry_after: None,
        }
    }

    /// The same reply with `Retry-After: <seconds>`.
    pub fn retry_after(self, seconds: u64) -> Reply {
        Reply {
            retry_after: Some(seconds),
            ..self
        }
    }
}

/// A fake upstream on a loopback port. It answers requests with the replies of its script,
/// in order (a 500 once the script has run out), and counts them.
pub struct Stub {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Stub {
    pub fn start(script: Vec<Reply>) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (counter, stopped) = (requests.clone(), stop.clone());
        let thread = thread::spawn(move || {
            let mut script = script.into_iter();
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                if !read_request_head(&stream) {
                    continue;
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let reply = script.next().unwrap_or(Reply::status(500));
                respond(&mut stream, &reply);
            }
        });
        Stub {
            addr,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many requests the stub has received.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop with one last connection, and wait until it has finished.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads a request up to its blank line. False if the connection had nothing to say.
fn read_request_head(stream: &TcpStream) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut reader = BufReader::new(stream);
    let mut lines = 0;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line == "\r\n" => return lines > 0,
            Ok(_) => lines += 1,
        }
    }
}

fn respond(stream: &mut TcpStream, reply: &Reply) {
    let retry_after = reply
        .retry_after
        .map(|seconds| format!("Retry-After: {seconds}\r\n"))
        .unwrap_or_default();
    let _ = write!(
        stream,
        "HTTP/1.1 {} Stub\r\n{retry_after}Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        reply.code,
        reply.body.len(),
        reply.body
    );
}

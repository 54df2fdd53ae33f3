//! A tiny blocking HTTP/1.1 client for the tests (support code: you do not need to edit it).
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// How long a read may block: a guard against hangs, never reached by a working program.
pub const READ_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// Sends `GET path` (with `Connection: close`) and returns the open connection: read the
/// answer later with `finish`.
pub fn start_get(addr: SocketAddr, path: &str) -> io::Result<TcpStream> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    Ok(stream)
}

/// Reads the answer until the server closes the connection.
pub fn finish(mut stream: TcpStream) -> io::Result<Response> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not an HTTP response: {text:?}"),
            )
        })?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok(Response { status, body })
}

/// `GET path`, answered.
pub fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    finish(start_get(addr, path)?)
}

/// Asks `GET path` every 10 ms until the answer's status is `want`, for at most `within`.
/// On failure, says what the last attempt got.
pub fn poll_until(addr: SocketAddr, path: &str, want: u16, within: Duration) -> Result<(), String> {
    let deadline = Instant::now() + within;
    loop {
        let last = match get(addr, path) {
            Ok(response) if response.status == want => return Ok(()),
            Ok(response) => format!("{} {}", response.status, response.body.trim()),
            Err(e) => format!("no answer ({e})"),
        };
        if Instant::now() >= deadline {
            return Err(last);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Tries to connect every 10 ms until the connection is refused, for at most `within`.
pub fn until_refused(addr: SocketAddr, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if let Err(e) = TcpStream::connect_timeout(&addr, Duration::from_secs(1))
            && e.kind() == io::ErrorKind::ConnectionRefused
        {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `GET path` on the program at `addr`; a failure panics with what the program did.
#[track_caller]
pub fn get_from(program: &mut crate::process::Program, addr: SocketAddr, path: &str) -> Response {
    match get(addr, path) {
        Ok(response) => response,
        Err(e) => panic!("GET {path} on {addr} failed: {e}\n{}", program.report()),
    }
}

/// Polls `GET path` on the program at `addr` until it answers `want`; if it never does
/// within `PATIENCE`, panics with `why`, the last answer and what the program did.
#[track_caller]
pub fn expect_status(
    program: &mut crate::process::Program,
    addr: SocketAddr,
    path: &str,
    want: u16,
    why: &str,
) {
    if let Err(last) = poll_until(addr, path, want, crate::process::PATIENCE) {
        panic!(
            "{why}; GET {path} still answered: {last}\n{}",
            program.report()
        );
    }
}

impl Response {
    /// The status and the body's first line, as one line: `503 warming up`.
    pub fn summary(&self) -> String {
        format!(
            "{} {}",
            self.status,
            self.body.lines().next().unwrap_or_default()
        )
    }
}

//! A little HTTP/1.1 over any byte stream (support code, not an exercise): the server side
//! reads one request and writes one response, the client side parses a response. The same
//! functions run over a plain `TcpStream` and over a rustls `StreamOwned`.
#![allow(dead_code)]

use std::io::{self, Read, Write};

/// The parts of a request the exercises look at.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub host: String,
}

/// A response to write (server side) or one that was read (client side).
#[derive(Debug, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn new(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: body.to_owned(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The value of the header `name` (case-insensitive), if the response has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Parses a whole response as a client received it.
    pub fn parse(raw: &[u8]) -> Option<Response> {
        let text = std::str::from_utf8(raw).ok()?;
        let (head, body) = text.split_once("\r\n\r\n")?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next()?;
        let status = status_line
            .strip_prefix("HTTP/1.1 ")?
            .get(..3)?
            .parse()
            .ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Some(Response {
            status,
            headers,
            body: body.to_owned(),
        })
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Unknown",
    }
}

/// Reads one request head. Bytes that do not start like an HTTP request (a TLS record, say)
/// are an error at once, not a wait for a blank line that never comes.
pub fn read_request(stream: &mut impl Read) -> io::Result<Request> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 2048];
    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the connection closed before a whole request head",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
        if !raw[0].is_ascii_uppercase() || raw.len() > 16 * 1024 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "not an HTTP request: it starts with {:02x?}",
                    &raw[..raw.len().min(5)]
                ),
            ));
        }
    }
    let text = String::from_utf8_lossy(&raw);
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().unwrap_or_default().split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or("/").to_owned();
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    Ok(Request { method, path, host })
}

/// Writes `response` with its Content-Length, and flushes.
pub fn write_response(stream: &mut impl Write, response: &Response) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
        response.body.len(),
        response.body
    ));
    stream.write_all(out.as_bytes())?;
    stream.flush()
}

/// Serves one request on `stream`: reads it, asks `respond`, writes the answer.
pub fn answer(
    stream: &mut (impl Read + Write),
    respond: impl FnOnce(&Request) -> Response,
) -> io::Result<()> {
    let request = read_request(stream)?;
    write_response(stream, &respond(&request))
}

/// The value of `name=value` among the `;`-separated directives of a header value, such as
/// `max-age` in `max-age=31536000; includeSubDomains`.
pub fn directive<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    let mut directives = value.split(';').map(str::trim);
    directives.find_map(|d| d.strip_prefix(name)?.strip_prefix('='))
}

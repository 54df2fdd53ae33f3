//! HTTP/1.1 for the http stage, built from the pieces the earlier exercises had you write: a
//! strict request reader, header lookup, and a response writer. Later exercises use it so
//! that each can focus on one idea. You don't need to edit it. Reading its top half is fine
//! at any time: the `Request` and `Response` types and their builders (`Response::text`,
//! `Response::empty`, `with_header`). The bottom half holds earlier exercises' answers.
#![allow(dead_code)]

use std::io::{self, BufRead};

/// The largest body `read_request` accepts.
pub const BODY_LIMIT: usize = 1024 * 1024;

#[path = "token.rs"]
mod token;
pub use token::is_token;

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The request target as sent: a path, maybe with a `?query`.
    pub target: String,
    pub version: String,
    /// Header fields in the order they came, names as the client spelled them.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A request with no headers and no body, for tests: `Request::new("GET", "/")`.
    pub fn new(method: &str, target: &str) -> Request {
        Request {
            method: method.to_string(),
            target: target.to_string(),
            version: "HTTP/1.1".to_string(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn with_version(mut self, version: &str) -> Request {
        self.version = version.to_string();
        self
    }

    /// The value of the first header called `name`, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A plain-text response.
    pub fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![(
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A response with no headers and no body.
    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The value of the first header called `name`, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The standard reason phrase of a status code.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "Unknown",
    }
}

/// What `read_request` found on a connection.
#[derive(Debug)]
pub enum Incoming {
    Request(Request),
    /// The client closed the connection instead of sending another request.
    Closed,
    /// The request is malformed (400): where it ends is anyone's guess.
    Malformed,
}

// ---------------------------------------------------------------------------------------
// Below: the earlier exercises' answers (headers1's `header`, response1's `to_bytes`, the
// request reader of request_line1 to framing1, keepalive1's `wants_close`). Solve those
// exercises before you read on.
// ---------------------------------------------------------------------------------------

/// The value of the first field called `name`, ignoring the case of names.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

impl Response {
    /// The response as it goes over the connection, with its `Content-Length`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            self.status,
            reason_phrase(self.status)
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        [head.as_bytes(), &self.body].concat()
    }
}

/// Reads one line, without its CRLF. `Ok(None)` at the end of the input; a line that does
/// not end in CRLF is malformed.
fn read_line(reader: &mut impl BufRead) -> io::Result<Option<Result<String, ()>>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(
        line.strip_suffix("\r\n").map(str::to_string).ok_or(()),
    ))
}

/// Reads one request strictly: the request line (three parts, single spaces), header lines
/// (`token:value`), and a body of `Content-Length` bytes (digits only, at most
/// `BODY_LIMIT`). `Transfer-Encoding` is refused as malformed (this reader does not decode
/// chunks).
pub fn read_request(reader: &mut impl BufRead) -> io::Result<Incoming> {
    let Some(line) = read_line(reader)? else {
        return Ok(Incoming::Closed);
    };
    let Ok(line) = line else {
        return Ok(Incoming::Malformed);
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(Incoming::Malformed);
    };
    if !is_token(method) || !target.starts_with('/') || !version.starts_with("HTTP/1.") {
        return Ok(Incoming::Malformed);
    }
    let mut request = Request::new(method, target).with_version(version);
    loop {
        let Some(Ok(line)) = read_line(reader)? else {
            return Ok(Incoming::Malformed);
        };
        if line.is_empty() {
            break;
        }
        match line.split_once(':') {
            Some((name, value)) if is_token(name) => request.headers.push((
                name.to_string(),
                value.trim_matches([' ', '\t']).to_string(),
            )),
            _ => return Ok(Incoming::Malformed),
        }
    }
    if request.header("Transfer-Encoding").is_some() {
        return Ok(Incoming::Malformed);
    }
    let length = match request.header("Content-Length") {
        None => 0,
        Some(value) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
            match value.parse::<usize>() {
                Ok(length) if length <= BODY_LIMIT => length,
                _ => return Ok(Incoming::Malformed),
            }
        }
        Some(_) => return Ok(Incoming::Malformed),
    };
    request.body = vec![0; length];
    reader.read_exact(&mut request.body)?;
    Ok(Incoming::Request(request))
}

/// Reads one response (status line, headers, `Content-Length` body) from what a server
/// sent. `None` when there is nothing more to read; `Err` says what is wrong with it.
pub fn read_response(reader: &mut impl BufRead) -> Result<Option<Response>, String> {
    let status_line = match read_line(reader) {
        Ok(None) => return Ok(None),
        Ok(Some(Ok(line))) => line,
        Ok(Some(Err(()))) => return Err("a status line that does not end in CRLF".to_string()),
        Err(error) => return Err(format!("reading the response failed: {error}")),
    };
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or(format!("not an HTTP/1.1 status line: {status_line:?}"))?;
    let mut response = Response::empty(status);
    loop {
        let line = match read_line(reader) {
            Ok(Some(Ok(line))) => line,
            _ => return Err("the head of the response does not end in an empty line".into()),
        };
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(": ")
            .ok_or(format!("a malformed header line: {line:?}"))?;
        response.headers.push((name.to_string(), value.to_string()));
    }
    let length: usize = response
        .header("Content-Length")
        .and_then(|value| value.parse().ok())
        .ok_or("the response has no valid Content-Length")?;
    response.body = vec![0; length];
    reader
        .read_exact(&mut response.body)
        .map_err(|_| format!("the body is shorter than its Content-Length {length}"))?;
    Ok(Some(response))
}

/// Whether a read failed because its timeout expired (Unix says `WouldBlock`, Windows
/// `TimedOut`).
pub fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Whether the connection must close after the response to `request`: always for HTTP/1.0,
/// and for HTTP/1.1 when `close` is one of the `Connection` options.
pub fn wants_close(request: &Request) -> bool {
    request.version == "HTTP/1.0"
        || request.header("Connection").is_some_and(|options| {
            options
                .split(',')
                .any(|option| option.trim().eq_ignore_ascii_case("close"))
        })
}

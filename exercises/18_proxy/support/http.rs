//! HTTP/1.1 for the proxy stage: requests and responses, a small strict parser and writer,
//! the connection loop a proxy runs, a plain `forward`, and the test client. The exercises
//! and the stub upstreams use it; you don't need to edit it (reading it is fine).
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

/// Header fields in the order they came, names as written (compare them ignoring case).
pub type Headers = Vec<(String, String)>;

/// How long the test client and `forward` wait before they give up: a guard against a
/// hang, never reached when things work.
pub const GUARD: Duration = Duration::from_secs(1);

/// The value of the first field called `name` (ignoring case).
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// The values of every field called `name` (ignoring case), one per line.
pub fn header_values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|(field, _)| field.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
        .collect()
}

#[derive(Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The request target as sent, such as `/path?query`.
    pub target: String,
    pub headers: Headers,
    /// The body, already decoded from its framing (chunks joined).
    pub body: Vec<u8>,
}

impl Request {
    pub fn get(target: &str) -> Request {
        Request {
            method: "GET".to_string(),
            target: target.to_string(),
            headers: vec![("Host".to_string(), "localhost".to_string())],
            body: Vec::new(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    pub fn header_values(&self, name: &str) -> Vec<&str> {
        header_values(&self.headers, name)
    }

    /// The request on the wire. The body is framed by a fresh `Content-Length` (any
    /// `Content-Length` in `headers` is replaced); every other field is written as it is.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!("{} {} HTTP/1.1\r\n", self.method, self.target);
        let had_length = self.header("Content-Length").is_some();
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("Content-Length") {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        if had_length || !self.body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        head.push_str("\r\n");
        [head.as_bytes(), &self.body].concat()
    }
}

#[derive(Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Headers,
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

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    pub fn header_values(&self, name: &str) -> Vec<&str> {
        header_values(&self.headers, name)
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The response on the wire, framed by a fresh `Content-Length` (any `Content-Length`
    /// in `headers` is replaced); every other field is written as it is.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("Content-Length") {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        [head.as_bytes(), &self.body].concat()
    }
}

// Bodies are shown as text in test messages, not as lists of numbers.
impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl std::fmt::Debug for Response {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Reads a start line and header fields, up to the empty line. Strict: a line without a
/// colon, or a space before the colon, is an error (`InvalidData`).
pub fn read_head(reader: &mut impl BufRead) -> io::Result<(String, Headers)> {
    let mut start = String::new();
    if reader.read_line(&mut start)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the connection closed before a message",
        ));
    }
    let start = start.trim_end_matches(['\r', '\n']).to_string();
    let mut headers = Headers::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the connection closed in the middle of the head",
            ));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok((start, headers));
        }
        if headers.len() >= 100 {
            return Err(invalid("too many header fields"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid(format!("a header line without a colon: {line:?}")));
        };
        if name.is_empty() || name.ends_with([' ', '\t']) {
            return Err(invalid(format!("a malformed header name: {name:?}")));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
}

/// Where a message body ends (RFC 9112 section 6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Framing {
    /// No body.
    Empty,
    /// Exactly this many bytes.
    Length(usize),
    /// `Transfer-Encoding: chunked`: chunks up to a zero-size chunk.
    Chunked,
}

/// The strict framing rules the stub upstreams and most proxies here use: a body is
/// `chunked` or has one valid `Content-Length`, never both.
pub fn strict_framing(headers: &[(String, String)]) -> io::Result<Framing> {
    let lengths = header_values(headers, "Content-Length");
    let encodings = header_values(headers, "Transfer-Encoding");
    if !lengths.is_empty() && !encodings.is_empty() {
        return Err(invalid("both Content-Length and Transfer-Encoding"));
    }
    if !encodings.is_empty() {
        return if encodings.join(",").trim().eq_ignore_ascii_case("chunked") {
            Ok(Framing::Chunked)
        } else {
            Err(invalid("a Transfer-Encoding other than chunked"))
        };
    }
    match lengths.as_slice() {
        [] => Ok(Framing::Empty),
        [one] => one
            .parse()
            .map(Framing::Length)
            .map_err(|_| invalid(format!("a bad Content-Length: {one:?}"))),
        _ => Err(invalid("more than one Content-Length")),
    }
}

/// Reads a body framed by `framing`, decoding chunks.
pub fn read_body(reader: &mut impl BufRead, framing: Framing) -> io::Result<Vec<u8>> {
    match framing {
        Framing::Empty => Ok(Vec::new()),
        Framing::Length(length) => {
            if length > 1 << 20 {
                return Err(invalid("a body over 1 MiB"));
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body)?;
            Ok(body)
        }
        Framing::Chunked => {
            let mut body = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line)?;
                let size = line.trim_end_matches(['\r', '\n']);
                let size = size.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size, 16)
                    .map_err(|_| invalid(format!("a bad chunk size: {size:?}")))?;
                if body.len() + size > 1 << 20 {
                    return Err(invalid("a body over 1 MiB"));
                }
                if size == 0 {
                    // Trailer fields, if any, up to the empty line.
                    loop {
                        let mut trailer = String::new();
                        if reader.read_line(&mut trailer)? == 0
                            || trailer.trim_end_matches(['\r', '\n']).is_empty()
                        {
                            return Ok(body);
                        }
                    }
                }
                let start = body.len();
                body.resize(start + size, 0);
                reader.read_exact(&mut body[start..])?;
                let mut crlf = [0; 2];
                reader.read_exact(&mut crlf)?;
                if &crlf != b"\r\n" {
                    return Err(invalid("a chunk not followed by CRLF"));
                }
            }
        }
    }
}

/// Splits a request line into method and target.
pub fn parse_request_line(line: &str) -> io::Result<(String, String)> {
    let mut parts = line.split(' ');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some("HTTP/1.1" | "HTTP/1.0"), None)
            if !method.is_empty() && !target.is_empty() =>
        {
            Ok((method.to_string(), target.to_string()))
        }
        _ => Err(invalid(format!("a malformed request line: {line:?}"))),
    }
}

/// Reads a whole request with the strict framing rules.
pub fn read_request(reader: &mut impl BufRead) -> io::Result<Request> {
    let (line, headers) = read_head(reader)?;
    let (method, target) = parse_request_line(&line)?;
    let body = read_body(reader, strict_framing(&headers)?)?;
    Ok(Request {
        method,
        target,
        headers,
        body,
    })
}

/// Reads a whole response. Without `Content-Length` or `chunked`, the body runs to the end
/// of the connection.
pub fn read_response(reader: &mut impl BufRead) -> io::Result<Response> {
    let (line, headers) = read_head(reader)?;
    let status = match line.split(' ').collect::<Vec<_>>().as_slice() {
        ["HTTP/1.1" | "HTTP/1.0", code, ..] if code.len() == 3 => code.parse().ok(),
        _ => None,
    };
    let Some(status) = status else {
        return Err(invalid(format!("a malformed status line: {line:?}")));
    };
    let body = if header(&headers, "Content-Length").is_none()
        && header(&headers, "Transfer-Encoding").is_none()
    {
        let mut body = Vec::new();
        reader.read_to_end(&mut body)?;
        body
    } else {
        read_body(reader, strict_framing(&headers)?)?
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// Writes `response` and closes the connection. Each connection to the proxies here
/// carries one request, so the response says `Connection: close` (in place of any
/// `Connection` field it had: that one was about another connection).
pub fn respond(stream: &mut TcpStream, mut response: Response) {
    response
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("Connection"));
    response
        .headers
        .push(("Connection".to_string(), "close".to_string()));
    let _ = stream.write_all(&response.to_bytes());
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
}

/// Listens on `127.0.0.1:0` and gives every connection, in a thread of its own, to
/// `handle` with the client's address. Returns the address to connect to.
pub fn spawn_server<F>(handle: F) -> SocketAddr
where
    F: Fn(TcpStream, SocketAddr) + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local_addr");
    let handle = std::sync::Arc::new(handle);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let Ok(client) = stream.peer_addr() else {
                continue;
            };
            let handle = handle.clone();
            thread::spawn(move || handle(stream, client));
        }
    });
    addr
}

/// A proxy's front door: reads one request per connection (strict framing; a malformed
/// request gets 400), asks `handler` for the response, writes it and closes.
pub fn spawn_proxy<F>(handler: F) -> SocketAddr
where
    F: Fn(Request, SocketAddr) -> Response + Send + Sync + 'static,
{
    let strict = |headers: &Headers| {
        strict_framing(headers)
            .map_err(|error| Response::text(400, &format!("bad request: {error}\n")))
    };
    spawn_proxy_framed(strict, handler)
}

/// Like `spawn_proxy`, but `framing` decides where each request's body ends, or refuses
/// the request with the response it returns (the body is then never read).
pub fn spawn_proxy_framed<G, F>(framing: G, handler: F) -> SocketAddr
where
    G: Fn(&Headers) -> Result<Framing, Response> + Send + Sync + 'static,
    F: Fn(Request, SocketAddr) -> Response + Send + Sync + 'static,
{
    spawn_server(move |mut stream, client| {
        let _ = stream.set_read_timeout(Some(GUARD));
        let response = match read_request_framed(&mut BufReader::new(&stream), &framing) {
            Ok(Ok(request)) => handler(request, client),
            Ok(Err(refusal)) => refusal,
            Err(error) => Response::text(400, &format!("bad request: {error}\n")),
        };
        respond(&mut stream, response);
    })
}

fn read_request_framed<G>(
    reader: &mut impl BufRead,
    framing: &G,
) -> io::Result<Result<Request, Response>>
where
    G: Fn(&Headers) -> Result<Framing, Response>,
{
    let (line, headers) = read_head(reader)?;
    let (method, target) = parse_request_line(&line)?;
    let framing = match framing(&headers) {
        Ok(framing) => framing,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let body = read_body(reader, framing)?;
    Ok(Ok(Request {
        method,
        target,
        headers,
        body,
    }))
}

/// Sends `request` to `upstream` over a new connection and reads its response. The
/// request goes with `Connection: close` (this hop carries one request); connecting and
/// each read are bounded by `GUARD`.
pub fn forward(upstream: SocketAddr, request: &Request) -> io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&upstream, GUARD)?;
    stream.set_read_timeout(Some(GUARD))?;
    stream.set_write_timeout(Some(GUARD))?;
    let mut request = request.clone();
    request
        .headers
        .push(("Connection".to_string(), "close".to_string()));
    stream.write_all(&request.to_bytes())?;
    read_response(&mut BufReader::new(stream))
}

/// `forward`, with `502 Bad Gateway` for an upstream that fails.
pub fn forward_or_502(upstream: SocketAddr, request: &Request) -> Response {
    forward(upstream, request).unwrap_or_else(|_| Response::text(502, "Bad Gateway\n"))
}

/// Forwards a request whose body is already decoded from its framing: the
/// `Transfer-Encoding` field goes (`to_bytes` frames the body with a Content-Length), and an
/// upstream that fails is a 502.
pub fn forward_decoded(upstream: SocketAddr, mut request: Request) -> Response {
    request
        .headers
        .retain(|(name, _)| !name.eq_ignore_ascii_case("Transfer-Encoding"));
    forward_or_502(upstream, &request)
}

/// The test client: sends `raw` to `addr` and reads the response. Panics with a message
/// when the server closes without answering, or does not answer within `GUARD`.
#[track_caller]
pub fn send(addr: SocketAddr, raw: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect to the proxy");
    stream.set_read_timeout(Some(GUARD)).unwrap();
    stream.set_write_timeout(Some(GUARD)).unwrap();
    stream.write_all(raw.as_bytes()).expect("send the request");
    match read_response(&mut BufReader::new(stream)) {
        Ok(response) => response,
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            panic!(
                "no response within {GUARD:?}: the proxy is still waiting for something \
                 (an upstream that never answers?) and the client gave up"
            )
        }
        Err(error) => panic!("no valid response from the proxy ({error}): did it hang up?"),
    }
}

/// `GET path` through `addr`.
#[track_caller]
pub fn get(addr: SocketAddr, path: &str) -> Response {
    send(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    )
}

/// `GET /` through `proxy`; the name of the stub upstream that answered it (its
/// `X-Upstream` header). Panics unless the answer is a 200.
#[track_caller]
pub fn served_by(proxy: SocketAddr) -> String {
    let response = get(proxy, "/");
    assert_eq!(
        response.status, 200,
        "the upstreams answer 200: {response:?}"
    );
    response.header("X-Upstream").unwrap_or("none").to_string()
}

/// `served_by` for `n` clients at once, each on a thread of its own.
pub fn served_concurrently(proxy: SocketAddr, n: usize) -> Vec<String> {
    let clients: Vec<_> = (0..n)
        .map(|_| thread::spawn(move || served_by(proxy)))
        .collect();
    clients.into_iter().map(|c| c.join().unwrap()).collect()
}

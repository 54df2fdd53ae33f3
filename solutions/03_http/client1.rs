// client1: an HTTP client
//
// Backends are clients too: they call payment providers, other internal services, object
// storage. An HTTP client connects, writes a request, and parses the response with the same
// rules a server uses for requests: a status line (`HTTP/1.1 404 Not Found`), header lines,
// an empty line, and a body of `Content-Length` bytes.
//
// Two rules matter more for a client than for anything else in this stage:
//
// - HTTP/1.1 requires a `Host` header: one IP address may serve many sites, and the server
//   uses it to pick one. A server answers a request without it with 400.
// - Never wait forever. A server that accepts the connection and then says nothing (it is
//   overloaded, or stuck) would block the calling thread, and then the request of *your*
//   user that is waiting on it. Every outgoing call gets a timeout.
//
// 1. Set read and write timeouts of `timeout` on the stream.
// 2. Send the `Host` header.
// 3. Make `parse_status_line` return the status code, and `Err(ClientError::BadResponse)`
//    for a line that is not a valid HTTP/1.x status line instead of panicking. The code is
//    exactly three digits, from 100 to 599; the reason phrase after it may be empty, or
//    missing altogether.
//
// Try it: start `cargo run -p exercises-http --bin server2` in another terminal, then
// `cargo run -p exercises-http --bin client1 -- 127.0.0.1:PORT` with the port server2 prints.

use std::fmt;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

#[derive(Debug)]
enum ClientError {
    /// Connecting, sending or receiving failed, or timed out.
    Io(io::Error),
    /// The answer is not valid HTTP.
    BadResponse,
}

impl From<io::Error> for ClientError {
    fn from(error: io::Error) -> Self {
        ClientError::Io(error)
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Io(error) => write!(f, "connection error: {error}"),
            ClientError::BadResponse => f.write_str("the server's answer is not valid HTTP"),
        }
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    /// The value of the first header called `name`, ignoring case.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Parses a status line such as `HTTP/1.1 404 Not Found` into its status code.
fn parse_status_line(line: &str) -> Result<u16, ClientError> {
    let (version, rest) = line.split_once(' ').ok_or(ClientError::BadResponse)?;
    let code = rest.split_once(' ').map_or(rest, |(code, _reason)| code);
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ClientError::BadResponse);
    }
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ClientError::BadResponse);
    }
    match code.parse() {
        Ok(status @ 100..=599) => Ok(status),
        _ => Err(ClientError::BadResponse),
    }
}

/// Reads one line and returns it without its CRLF.
fn read_line(reader: &mut impl BufRead) -> Result<String, ClientError> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    match line.strip_suffix("\r\n") {
        Some(line) => Ok(line.to_string()),
        None => Err(ClientError::BadResponse),
    }
}

/// Sends `GET path` to the server at `addr` (the site `host`) and reads the response.
fn get(
    addr: SocketAddr,
    host: &str,
    path: &str,
    timeout: Duration,
) -> Result<Response, ClientError> {
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;

    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;

    let mut reader = BufReader::new(stream);
    let status = parse_status_line(&read_line(&mut reader)?)?;
    let mut headers = Vec::new();
    loop {
        let line = read_line(&mut reader)?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or(ClientError::BadResponse)?;
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    match response.header("Content-Length") {
        Some(length) => {
            let length: usize = length.parse().map_err(|_| ClientError::BadResponse)?;
            response.body = vec![0; length];
            reader.read_exact(&mut response.body)?;
        }
        // Without a length, the body ends when the server closes the connection.
        None => {
            reader.read_to_end(&mut response.body)?;
        }
    }
    Ok(response)
}

fn main() {
    let Some(addr) = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse::<SocketAddr>().ok())
    else {
        eprintln!("usage: client1 ADDRESS (the address server2 prints, e.g. 127.0.0.1:PORT)");
        eprintln!("  cargo run -p exercises-http --bin client1 -- 127.0.0.1:PORT");
        std::process::exit(2);
    };
    match get(addr, "localhost", "/echo/hello", Duration::from_secs(5)) {
        Ok(response) => {
            println!("status {}", response.status);
            for (name, value) in &response.headers {
                println!("{name}: {value}");
            }
            println!("\n{}", String::from_utf8_lossy(&response.body));
        }
        Err(error) => println!("request failed: {error}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::sync::mpsc;
    use std::thread;

    const TIMEOUT: Duration = Duration::from_secs(5);

    /// A server for one connection: it reads the request's head, answers `response`, and
    /// closes the connection. Joining the thread returns the request it received.
    fn stub(response: &'static [u8]) -> (SocketAddr, thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            stream.set_read_timeout(Some(TIMEOUT)).unwrap();
            stream.set_write_timeout(Some(TIMEOUT)).unwrap();
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                request.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            stream.write_all(response).unwrap();
            request
        });
        (addr, server)
    }

    fn is_bad_response<T: fmt::Debug>(result: Result<T, ClientError>) -> bool {
        matches!(result, Err(ClientError::BadResponse))
    }

    #[test]
    fn sends_a_well_formed_request() {
        let (addr, server) = stub(b"HTTP/1.1 204 No Content\r\n\r\n");
        let response = get(addr, "api.example.test", "/users?page=2", TIMEOUT).unwrap();
        assert_eq!(response.status, 204);
        assert_eq!(
            server.join().unwrap(),
            "GET /users?page=2 HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn reads_status_headers_and_body() {
        let (addr, _server) = stub(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Request-Id: 42\r\n\
              Content-Length: 5\r\n\r\nhello",
        );
        let response = get(addr, "localhost", "/", TIMEOUT).unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), Some("text/plain"));
        assert_eq!(response.header("X-Request-Id"), Some("42"));
        assert_eq!(response.body, b"hello");
    }

    #[test]
    fn reads_an_error_response() {
        let (addr, _server) = stub(b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
        let response = get(addr, "localhost", "/missing", TIMEOUT).unwrap();
        assert_eq!(response.status, 404);
        assert_eq!(response.body, b"not found");
    }

    #[test]
    fn parses_status_lines() {
        assert_eq!(parse_status_line("HTTP/1.1 200 OK").unwrap(), 200);
        assert_eq!(parse_status_line("HTTP/1.1 404 Not Found").unwrap(), 404);
        assert_eq!(
            parse_status_line("HTTP/1.0 503 Service Unavailable").unwrap(),
            503
        );
        assert_eq!(
            parse_status_line("HTTP/1.1 299 ").unwrap(),
            299,
            "empty reason"
        );
        assert_eq!(parse_status_line("HTTP/1.1 100").unwrap(), 100, "no reason");
    }

    #[test]
    fn rejects_malformed_status_lines() {
        for line in [
            "",
            "HTTP/1.1",
            "HTTP/1.1 abc OK",
            "HTTP/1.1 20 OK",
            "HTTP/1.1 2000 OK",
            "HTTP/1.1 +20 OK",
            "HTTP/1.1  200 OK",
            "HTTP/1.1 600 Too Much",
            "HTTP/1.1 099 Too Little",
            "HTTP/2 200 OK",
            "http/1.1 200 OK",
            "SSH-2.0-OpenSSH_9.6 200 OK",
        ] {
            assert!(
                is_bad_response(parse_status_line(line)),
                "{line:?} is not a valid status line"
            );
        }
    }

    #[test]
    fn refuses_an_answer_that_is_not_http() {
        let (addr, _server) = stub(b"SSH-2.0-OpenSSH_9.6\r\n");
        assert!(is_bad_response(get(addr, "localhost", "/", TIMEOUT)));
    }

    #[test]
    fn a_body_cut_short_is_an_error() {
        let (addr, _server) = stub(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello");
        let result = get(addr, "localhost", "/", TIMEOUT);
        assert!(
            matches!(&result, Err(ClientError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof),
            "5 bytes of 10 must be an UnexpectedEof error, got {result:?}"
        );
    }

    #[test]
    fn gives_up_on_a_silent_server() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        // This server accepts the connection and never says a word (until the test ends).
        let (done, wait) = mpsc::channel::<()>();
        thread::spawn(move || {
            let (_stream, _) = listener.accept().unwrap();
            let _ = wait.recv();
        });

        let (sender, result) = mpsc::channel();
        thread::spawn(move || {
            let _ = sender.send(get(addr, "localhost", "/", Duration::from_millis(100)));
        });
        let result = result
            .recv_timeout(TIMEOUT)
            .expect("`get` did not give up within 5 seconds: set the timeouts");
        assert!(
            matches!(&result, Err(ClientError::Io(e))
                if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)),
            "a silent server must end in a timeout error, got {result:?}"
        );
        drop(done);
    }
}

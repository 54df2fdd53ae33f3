// server3: many clients at once
//
// The servers so far answer one connection at a time. While they wait for one client to
// send its request, every other client waits too: one slow phone on a bad network, or one
// client that connects and sends nothing, stops the whole site. The simplest fix is a thread
// per connection: the accept loop hands each connection to a new thread and goes straight
// back to accepting.
//
// A thread that waits forever for a client that never speaks is still wasted, and an
// attacker can open thousands of such connections ("Slowloris"). So the server also gives
// each client a deadline: a read timeout on the socket. When a read times out, the server
// answers `408 Request Timeout` and closes the connection.
//
// 1. In `serve`, handle each connection on a thread of its own (`std::thread::spawn`).
//    `serve` returns once it has accepted `connections` connections; it does not wait for
//    the threads.
// 2. In `handle_connection`, set a read timeout of `idle_timeout` on the stream, and answer
//    408 when reading the request times out (see `is_timeout`).
//
// Try it: `cargo run -p exercises-http --bin server3`, connect with `nc 127.0.0.1 PORT` (the
// port it prints) and type nothing, then `curl -i http://127.0.0.1:PORT/` in another terminal.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

#[derive(Debug)]
struct Request {
    method: String,
    path: String,
}

#[derive(Debug)]
struct Response {
    status: u16,
    body: String,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            body: body.to_string(),
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            408 => "Request Timeout",
            _ => "Unknown",
        };
        format!(
            "HTTP/1.1 {} {reason}\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Length: {}\r\n\
             Connection: close\r\n\
             \r\n\
             {}",
            self.status,
            self.body.len(),
            self.body
        )
        .into_bytes()
    }
}

fn route(request: &Request) -> Response {
    Response::text(200, &format!("{} {}", request.method, request.path))
}

/// Reads the request line and the headers. `None` means the request is malformed.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Request>> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.trim_end_matches("\r\n").split(' ');
    let (Some(method), Some(path), Some(_version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let request = Request {
        method: method.to_string(),
        path: path.to_string(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if line == "\r\n" {
            return Ok(Some(request));
        }
    }
}

/// Whether a read failed because its timeout expired. (Unix reports `WouldBlock`, Windows
/// `TimedOut`.)
fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

fn handle_connection(mut stream: TcpStream, idle_timeout: Duration) -> io::Result<()> {
    // TODO: give the client `idle_timeout` to send its request (`TcpStream::set_read_timeout`).
    let response = match read_request(&mut BufReader::new(&stream)) {
        Ok(Some(request)) => route(&request),
        Ok(None) => Response::text(400, "Bad Request"),
        // TODO: when the error is a timeout, answer `408 Request Timeout` instead.
        Err(error) => return Err(error),
    };
    stream.write_all(&response.to_bytes())
}

/// Accepts `connections` connections and answers each on a thread of its own.
fn serve(listener: TcpListener, connections: usize, idle_timeout: Duration) -> io::Result<()> {
    for stream in listener.incoming().take(connections) {
        let stream = stream?;
        // TODO: while this handles one connection, no other client is even accepted. Move
        // this into a thread of its own (`thread::spawn(move || ...)`).
        if let Err(error) = handle_connection(stream, idle_timeout) {
            eprintln!("connection failed: {error}");
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, usize::MAX, Duration::from_secs(10))
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::SocketAddr;

    /// Longer than the clients' 5-second timeout: a client must never need it.
    const PATIENT: Duration = Duration::from_secs(60);

    fn start(connections: usize, idle_timeout: Duration) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        thread::spawn(move || serve(listener, connections, idle_timeout));
        addr
    }

    fn connect(addr: SocketAddr) -> TcpStream {
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
    }

    /// Reads the response until the server closes the connection.
    fn response(mut stream: TcpStream) -> String {
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("no complete response within 5 seconds");
        response
    }

    fn get(addr: SocketAddr, path: &str) -> String {
        let mut stream = connect(addr);
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        response(stream)
    }

    fn ok(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    const TIMEOUT: &str = "HTTP/1.1 408 Request Timeout\r\n\
                           Content-Type: text/plain; charset=utf-8\r\n\
                           Content-Length: 15\r\n\
                           Connection: close\r\n\
                           \r\n\
                           Request Timeout";

    #[test]
    fn answers_a_request() {
        let addr = start(1, PATIENT);
        assert_eq!(get(addr, "/hello"), ok("GET /hello"));
    }

    #[test]
    fn an_idle_client_blocks_no_one() {
        let addr = start(3, PATIENT);
        // The first client connects and says nothing; the second sends half a request.
        let idle = connect(addr);
        let mut slow = connect(addr);
        slow.write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\n")
            .unwrap();

        assert_eq!(
            get(addr, "/fast"),
            ok("GET /fast"),
            "the third client must be answered while the others are not done"
        );
        slow.write_all(b"\r\n").unwrap();
        assert_eq!(response(slow), ok("GET /slow"));
        drop(idle);
    }

    #[test]
    fn many_clients_at_once() {
        let addr = start(8, PATIENT);
        let mut clients: Vec<TcpStream> = (0..8).map(|_| connect(addr)).collect();
        // The last client to connect sends its request first.
        for (i, client) in clients.iter_mut().enumerate().rev() {
            write!(client, "GET /{i} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        }
        for (i, client) in clients.into_iter().enumerate().rev() {
            assert_eq!(response(client), ok(&format!("GET /{i}")));
        }
    }

    #[test]
    fn idle_clients_get_408() {
        let addr = start(2, Duration::from_millis(50));
        let silent = connect(addr);
        let mut half = connect(addr);
        half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        assert_eq!(response(silent), TIMEOUT, "a client that sends nothing");
        assert_eq!(
            response(half),
            TIMEOUT,
            "a client that sends half a request"
        );
    }

    #[test]
    fn a_malformed_request_is_still_a_bad_request() {
        let addr = start(1, PATIENT);
        let mut stream = connect(addr);
        stream.write_all(b"HELLO\r\n\r\n").unwrap();
        assert!(
            response(stream).starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "a malformed request line must get a 400"
        );
    }
}

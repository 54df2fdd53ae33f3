// keepalive1: persistent connections
//
// Opening a TCP connection costs a round trip (and TLS costs more), so HTTP/1.1 keeps the
// connection open after a response: the client sends its next request on the same
// connection. That is the default in HTTP/1.1. Either side can end it with the header
// `Connection: close`: a client that sends it wants this response to be the last one, and a
// server that sends it closes the connection right after the response. An HTTP/1.0 client
// expects the connection to close after each response.
//
// `Connection` holds a comma-separated list of options, case-insensitive:
// `Connection: TE, Close` asks to close too.
//
// Keeping a connection open only works because each message says where it ends (the empty
// line after the head, then `Content-Length` bytes of body): whatever comes next is the next
// request. Clients may even send several requests before reading any answer ("pipelining"),
// and the server answers them in order. Those requests can already sit together in the
// `BufReader`'s buffer, so the same reader must be used for the whole connection.
//
// 1. Make `handle_connection` answer requests in a loop until the client closes the
//    connection, or a request asks to close it.
// 2. Make `wants_close` say whether the connection must close after this request: for
//    HTTP/1.1 when `Connection` has the option `close`, and always for HTTP/1.0.
//    When it does, the response says `Connection: close`.
//
// Try it: `cargo run -p exercises-http --bin keepalive1`, then, with the port it prints,
// `curl -v http://127.0.0.1:PORT/a http://127.0.0.1:PORT/b` and look for "Re-using existing
// connection".

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

#[derive(Debug)]
struct Request {
    method: String,
    path: String,
    version: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    /// The value of the first header called `name`, ignoring case.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![(
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )],
            body: body.as_bytes().to_vec(),
        }
    }

    fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    fn to_bytes(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            _ => "Unknown",
        };
        let mut head = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        [head.as_bytes(), &self.body].concat()
    }
}

/// `POST` echoes the body; anything else names the method and the path.
fn route(request: &Request) -> Response {
    if request.method == "POST" {
        Response::text(200, &String::from_utf8_lossy(&request.body))
    } else {
        Response::text(200, &format!("{} {}", request.method, request.path))
    }
}

/// What `read_request` found on the connection.
enum Incoming {
    Request(Request),
    /// The client closed the connection instead of sending another request.
    Closed,
    /// The request is malformed.
    Malformed,
}

/// Reads one request: the request line, the headers, and the body by `Content-Length`.
fn read_request(reader: &mut impl BufRead) -> io::Result<Incoming> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(Incoming::Closed);
    }
    let mut parts = line.trim_end_matches("\r\n").split(' ');
    let (Some(method), Some(path), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(Incoming::Malformed);
    };
    let mut request = Request {
        method: method.to_string(),
        path: path.to_string(),
        version: version.to_string(),
        headers: Vec::new(),
        body: Vec::new(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(Incoming::Malformed);
        }
        let line = line.trim_end_matches("\r\n");
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Ok(Incoming::Malformed);
        };
        request
            .headers
            .push((name.to_string(), value.trim().to_string()));
    }
    // The body must be read even when nobody needs it: otherwise its bytes would be taken
    // for the start of the next request.
    let length = match request.header("Content-Length").map(str::parse::<usize>) {
        None => 0,
        Some(Ok(length)) if length <= 1024 * 1024 => length,
        Some(_) => return Ok(Incoming::Malformed),
    };
    request.body = vec![0; length];
    reader.read_exact(&mut request.body)?;
    Ok(Incoming::Request(request))
}

/// Whether the connection must close after answering `request`.
fn wants_close(request: &Request) -> bool {
    // TODO: HTTP/1.1 keeps the connection open unless the `Connection` header lists the
    // option `close` (in any case, maybe among others: split at ',' and trim). HTTP/1.0
    // always closes.
    true
}

fn handle_connection(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut writer = &stream;
    // TODO: this answers one request and closes. Answer requests in a loop instead, with
    // the same `reader`, until the client closes the connection (`Incoming::Closed`) or
    // `wants_close` says to stop; only then does the response say `Connection: close`.
    let request = match read_request(&mut reader)? {
        Incoming::Request(request) => request,
        Incoming::Closed => return Ok(()),
        Incoming::Malformed => {
            // Where a malformed request ends is anyone's guess, so no request can be
            // read after it: answer, and close.
            let response = Response::text(400, "Bad Request").with_header("Connection", "close");
            return writer.write_all(&response.to_bytes());
        }
    };
    let response = route(&request).with_header("Connection", "close");
    writer.write_all(&response.to_bytes())
}

/// Accepts `connections` connections and answers each on a thread of its own.
fn serve(listener: TcpListener, connections: usize) -> io::Result<()> {
    for stream in listener.incoming().take(connections) {
        let stream = stream?;
        // Real servers close connections that stay idle too long.
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        thread::spawn(move || {
            if let Err(error) = handle_connection(stream) {
                eprintln!("connection failed: {error}");
            }
        });
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, usize::MAX)
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::SocketAddr;

    fn start(connections: usize) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        thread::spawn(move || serve(listener, connections));
        addr
    }

    /// A client connection that reads one response at a time, by its `Content-Length`.
    struct Client {
        reader: BufReader<TcpStream>,
    }

    impl Client {
        fn connect(addr: SocketAddr) -> Client {
            let stream = TcpStream::connect(addr).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            stream
                .set_write_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            Client {
                reader: BufReader::new(stream),
            }
        }

        fn send(&mut self, request: &str) {
            self.reader
                .get_mut()
                .write_all(request.as_bytes())
                .expect("the server closed the connection");
        }

        /// Reads one response; returns its head (status line and headers) and its body.
        fn response(&mut self) -> (String, String) {
            let mut head = String::new();
            loop {
                let mut line = String::new();
                let n = self
                    .reader
                    .read_line(&mut line)
                    .expect("no complete response within 5 seconds");
                assert!(
                    n > 0,
                    "the server closed the connection instead of answering"
                );
                if line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("Content-Length: "))
                .expect("a Content-Length header")
                .parse()
                .unwrap();
            let mut body = vec![0; length];
            self.reader.read_exact(&mut body).unwrap();
            (head, String::from_utf8(body).unwrap())
        }

        fn get(&mut self, path: &str) -> (String, String) {
            self.send(&format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));
            self.response()
        }

        fn assert_closed(&mut self) {
            let mut rest = String::new();
            let n = self
                .reader
                .read_line(&mut rest)
                .expect("the server must close the connection");
            assert_eq!(n, 0, "the server must close the connection, got {rest:?}");
        }
    }

    fn says_close(head: &str) -> bool {
        head.contains("\r\nConnection: close\r\n")
    }

    #[test]
    fn answers_several_requests_on_one_connection() {
        let mut client = Client::connect(start(1));
        for path in ["/first", "/second", "/third"] {
            let (head, body) = client.get(path);
            assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "got {head:?}");
            assert!(
                !says_close(&head),
                "the connection should stay open: {head:?}"
            );
            assert_eq!(body, format!("GET {path}"));
        }
    }

    #[test]
    fn answers_pipelined_requests_in_order() {
        let mut client = Client::connect(start(1));
        client.send(
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n\
             POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world\
             GET /c HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        assert_eq!(client.response().1, "GET /a");
        assert_eq!(client.response().1, "hello world");
        assert_eq!(client.response().1, "GET /c");
    }

    #[test]
    fn closes_when_the_client_says_close() {
        let mut client = Client::connect(start(1));
        assert_eq!(client.get("/first").1, "GET /first");
        client.send("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let (head, body) = client.response();
        assert_eq!(body, "GET /last");
        assert!(
            says_close(&head),
            "the response must say `Connection: close`: {head:?}"
        );
        client.assert_closed();
    }

    #[test]
    fn reads_the_connection_options_as_a_list() {
        let addr = start(2);
        let mut client = Client::connect(addr);
        client.send("GET / HTTP/1.1\r\nHost: x\r\nconnection: TE, Close\r\n\r\n");
        let (head, _) = client.response();
        assert!(says_close(&head), "`TE, Close` includes close: {head:?}");
        client.assert_closed();

        let mut client = Client::connect(addr);
        client.send("GET /1 HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
        let (head, _) = client.response();
        assert!(!says_close(&head), "keep-alive is not close: {head:?}");
        assert_eq!(client.get("/2").1, "GET /2", "keep-alive keeps it open");
    }

    #[test]
    fn http10_closes_after_each_response() {
        let mut client = Client::connect(start(1));
        client.send("GET /old HTTP/1.0\r\n\r\n");
        let (head, body) = client.response();
        assert_eq!(body, "GET /old");
        assert!(
            says_close(&head),
            "the response must say `Connection: close`: {head:?}"
        );
        client.assert_closed();
    }

    #[test]
    fn a_malformed_request_ends_the_connection() {
        let mut client = Client::connect(start(1));
        assert_eq!(client.get("/ok").1, "GET /ok");
        client.send("NONSENSE\r\n\r\n");
        let (head, _) = client.response();
        assert!(
            head.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "got {head:?}"
        );
        assert!(says_close(&head));
        client.assert_closed();
    }

    #[test]
    fn connections_stay_open_side_by_side() {
        let addr = start(2);
        let mut a = Client::connect(addr);
        let mut b = Client::connect(addr);
        assert_eq!(a.get("/a1").1, "GET /a1");
        assert_eq!(b.get("/b1").1, "GET /b1");
        assert_eq!(a.get("/a2").1, "GET /a2");
        assert_eq!(b.get("/b2").1, "GET /b2");
    }
}

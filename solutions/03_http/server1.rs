// server1: a server that answers
//
// A web server is a loop: a `TcpListener` bound to an address accepts connections, and for
// each one the server reads a request and writes a response. Binding to port 0 lets the
// operating system pick a free port (the tests do this, and read the port with
// `local_addr`).
//
// TCP carries a stream of bytes, not messages. The client sends its request and then waits,
// connection open, for the answer, so the server cannot read "until the end": the end never
// comes. It reads line by line (`BufRead::read_line`) until the empty line that ends the
// request's head. A request may also arrive in several pieces; reading lines handles that.
//
// This server answers every request with the same text, and closes the connection after
// each response (it says so with `Connection: close`).
//
// 1. Make `serve` accept `connections` connections one after another and hand each to
//    `handle_connection`. An error on one connection must not stop the server: print it
//    (`eprintln!`) and go on with the next one.
// 2. In `handle_connection`, read the request line and the header lines up to the empty line,
//    instead of reading to the end.
// 3. Answer a request line that is not exactly three parts separated by single spaces with
//    `400 Bad Request`.
//
// Try it: `cargo run -p exercises-http --bin server1`, then `curl -i http://127.0.0.1:PORT/`
// with the port it prints.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

const HELLO: &str = "HTTP/1.1 200 OK\r\n\
                     Content-Type: text/plain; charset=utf-8\r\n\
                     Content-Length: 13\r\n\
                     Connection: close\r\n\
                     \r\n\
                     Hello, world!";

const BAD_REQUEST: &str = "HTTP/1.1 400 Bad Request\r\n\
                           Content-Length: 0\r\n\
                           Connection: close\r\n\
                           \r\n";

/// Accepts `connections` connections, one after another, and answers each.
fn serve(listener: TcpListener, connections: usize) -> io::Result<()> {
    for stream in listener.incoming().take(connections) {
        let stream = stream?;
        if let Err(error) = handle_connection(stream) {
            eprintln!("connection failed: {error}");
        }
    }
    Ok(())
}

/// Reads one request from `stream` and answers it. Dropping the stream closes the connection.
fn handle_connection(mut stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut line = String::new();
        // 0 bytes means the client closed the connection.
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }

    let request_line = request_line.trim_end_matches("\r\n");
    let well_formed = request_line.split(' ').count() == 3;
    let response = if well_formed { HELLO } else { BAD_REQUEST };
    stream.write_all(response.as_bytes())
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
    use std::thread;
    use std::time::Duration;

    /// Starts `serve` on a free port in a thread of its own.
    fn start(connections: usize) -> (SocketAddr, thread::JoinHandle<io::Result<()>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        (addr, thread::spawn(move || serve(listener, connections)))
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

    /// Sends `request` and reads the response until the server closes the connection.
    /// The client does not close its side first: it waits, as real clients do.
    fn send(addr: SocketAddr, request: &str) -> String {
        let mut stream = connect(addr);
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("no complete response within 5 seconds");
        response
    }

    #[test]
    fn answers_hello_world_to_each_connection() {
        let (addr, server) = start(5);

        let response = send(
            addr,
            "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\n\r\n",
        );
        assert_eq!(response, HELLO);

        // A request may arrive in pieces.
        let mut stream = connect(addr);
        stream.set_nodelay(true).unwrap();
        for piece in ["GET / HT", "TP/1.1\r\nHo", "st: x\r\n", "\r\n"] {
            stream.write_all(piece.as_bytes()).unwrap();
            thread::sleep(Duration::from_millis(10));
        }
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("no complete response within 5 seconds");
        assert_eq!(response, HELLO, "a request sent in four pieces");

        // This client connects and leaves without a word.
        drop(connect(addr));

        for path in ["/about", "/favicon.ico"] {
            let response = send(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n"));
            assert_eq!(response, HELLO, "GET {path}");
        }
        server
            .join()
            .unwrap()
            .expect("serve returns after its connections");
    }

    #[test]
    fn answers_400_to_a_malformed_request_line() {
        let (addr, server) = start(3);
        for request in [
            "HELLO\r\n\r\n",
            "GET / HTTP/1.1 please\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(send(addr, request), BAD_REQUEST, "request {request:?}");
        }
        server.join().unwrap().unwrap();
    }
}

// keepalive2: many requests on one connection
//
// With keep-alive, a server answers request after request on the same connection, until
// the client closes it or a request asks to close (`http::wants_close`, from keepalive1);
// the last response then says `Connection: close`. Clients may even send several requests
// before reading any answer ("pipelining"), and the server answers them in order. Those
// requests can sit together in the `BufReader`'s buffer, so one reader serves the whole
// connection: a new `BufReader` per request would lose what the old one had buffered.
//
// Make `handle_connection` answer requests in a loop. (The threads that run one
// connection each are in support/conn.rs; threads are the concurrency stage's subject.)

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use std::io::{self, BufReader, Write};
use std::net::{TcpListener, TcpStream};

use http::{Incoming, Request, Response};

/// `POST` echoes the body; anything else names the method and the path.
fn route(request: &Request) -> Response {
    match request.method.as_str() {
        "POST" => Response::text(200, &String::from_utf8_lossy(&request.body)),
        method => Response::text(200, &format!("{method} {}", request.target)),
    }
}

fn handle_connection(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut writer = &stream;
    // TODO: this answers one request and closes. Answer in a loop, with the same `reader`,
    // until the client closes the connection (`Incoming::Closed`) or `http::wants_close`
    // says to; only that last response says `Connection: close`.
    let request = match http::read_request(&mut reader)? {
        Incoming::Request(request) => request,
        Incoming::Closed => return Ok(()),
        Incoming::Malformed => {
            // Where a malformed request ends is anyone's guess: answer, and close.
            let response = Response::text(400, "Bad Request").with_header("Connection", "close");
            return writer.write_all(&response.to_bytes());
        }
    };
    let response = route(&request).with_header("Connection", "close");
    writer.write_all(&response.to_bytes())
}

fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    conn::serve(listener, handle_connection);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = " (` + close` marks a response with `Connection: close`)";
    const GET_A: &str = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
    const POST: &str = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";

    #[test]
    fn answers_pipelined_requests_in_order() {
        let got = conn::exchange_then_close(
            format!("{GET_A}{POST}{GET_A}").as_bytes(),
            handle_connection,
        );
        let why = "three requests, three answers in order; the client closed, so none says close";
        assert_eq!(got.answers(), ["GET /a", "hello", "GET /a"], "{why}{MARK}");
    }

    #[test]
    fn closes_after_a_request_that_asks_to() {
        let request = format!("{GET_A}GET /b HTTP/1.1\r\nConnection: close\r\n\r\n");
        let got = conn::exchange(request.as_bytes(), handle_connection);
        let why = "the second request asks to close: answer it, say so, and stop";
        assert_eq!(got.answers(), ["GET /a", "GET /b + close"], "{why}{MARK}");
    }

    #[test]
    fn a_malformed_request_ends_the_connection() {
        let request = format!("{GET_A}NONSENSE\r\n\r\n{GET_A}");
        let got = conn::exchange(request.as_bytes(), handle_connection);
        let why = "answer 400 and close: nothing after it is read";
        assert_eq!(
            got.answers(),
            ["GET /a", "Bad Request + close"],
            "{why}{MARK}"
        );
    }
}

// server1: a server that answers
//
// A web server accepts connections (`TcpListener`), and on each one reads a request and
// writes a response. TCP carries a stream of bytes, not messages: the client sends its
// request and then waits, connection open, for the answer. So the server cannot read
// "until the end" (the end never comes); it reads line by line (`BufRead::read_line`) up
// to the empty line that ends the request's head.
//
// `handle_connection` reads to the end of the stream. Make it read the head and answer.
// (The accept loop is in support/conn.rs; try it: `cargo run -p exercises-http --bin
// server1`, then `curl -i http://127.0.0.1:PORT/` with the port it prints.)

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use std::io::{self, BufReader, prelude::*};
use std::net::{TcpListener, TcpStream};

/// Reads one request's head from `stream` and answers it. Dropping the stream closes the
/// connection.
fn handle_connection(mut stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(&stream);
    // TODO: the client keeps the connection open while it waits for the answer, so this
    // waits forever. Read lines up to the empty line ("\r\n") instead; `read_line`
    // returning 0 means the client closed the connection: stop there too.
    let mut head = String::new();
    reader.read_to_string(&mut head)?;
    let path = head.split(' ').nth(1).unwrap_or("?");
    stream.write_all(&http::Response::text(200, &format!("Hello from {path}")).to_bytes())
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

    #[test]
    fn answers_a_request_on_an_open_connection() {
        let sent = conn::exchange(
            b"GET /about HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n",
            handle_connection,
        );
        if let Err(error) = &sent.result {
            panic!(
                "handle_connection failed: {error}. It kept reading after the request, and the \
                 test stopped the wait: the client has sent everything and waits for the \
                 answer with the connection open. Read up to the empty line, not to the end"
            );
        }
        let responses = sent.responses();
        assert_eq!(responses.len(), 1, "one request, one response");
        assert_eq!(
            responses[0].body_text(),
            "Hello from /about",
            "the answer names the path"
        );
    }

    #[test]
    fn stops_when_the_client_hangs_up() {
        let sent = conn::exchange_then_close(b"GET / HTTP/1.1\r\nHost:", handle_connection);
        let why = "the client hung up in the middle of the head: read_line returns 0, stop";
        assert!(sent.result.is_ok(), "{why}; got {:?}", sent.result);
    }
}

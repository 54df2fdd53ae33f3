// server3: a deadline for idle clients (408)
//
// A connection costs the server memory and a thread (or a task) for as long as it is open.
// A client that connects and sends nothing, or half a request, would hold them forever,
// and an attacker can open thousands of such connections ("Slowloris"). So a server gives
// each client a deadline, a read timeout on the socket, and when a read times out it
// answers `408 Request Timeout` and closes the connection.
//
// Give the client `idle_timeout` to send its request, and answer 408 when it does not.

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use std::io::{self, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use http::{Incoming, Response};

fn handle_connection(mut stream: TcpStream, idle_timeout: Duration) -> io::Result<()> {
    // TODO: give the client `idle_timeout` to send its request (`TcpStream::set_read_timeout`).
    let response = match http::read_request(&mut BufReader::new(&stream)) {
        Ok(Incoming::Request(_)) => Response::text(200, "hello"),
        Ok(Incoming::Closed) => return Ok(()),
        Ok(Incoming::Malformed) => Response::text(400, "Bad Request"),
        // TODO: when the error is a timeout (`http::is_timeout`), answer 408 instead.
        Err(error) => return Err(error),
    };
    stream.write_all(&response.to_bytes())
}

fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    conn::serve(listener, |s| handle_connection(s, Duration::from_secs(10)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDLE: Duration = Duration::from_millis(50);

    fn statuses(request: &str) -> Vec<u16> {
        let sent = conn::exchange(request.as_bytes(), |stream| handle_connection(stream, IDLE));
        let got = sent.read_timeout;
        let why = "set the read timeout to idle_timeout (50ms), not the test's own guard";
        assert!(sent.read_timeout_is(IDLE), "{why}: it is {got:?}");
        sent.statuses()
    }

    #[test]
    fn answers_a_request_in_time() {
        let got = statuses("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert_eq!(got, [200], "a whole request gets an answer");
    }

    #[test]
    fn a_client_that_sends_nothing_gets_408() {
        assert_eq!(statuses(""), [408], "nothing came within idle_timeout");
    }

    #[test]
    fn a_client_that_sends_half_a_request_gets_408() {
        let got = statuses("GET / HTTP/1.1\r\nHost: x\r\n");
        assert_eq!(got, [408], "the head did not end within idle_timeout");
    }
}

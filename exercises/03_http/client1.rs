// client1: an HTTP client that never waits forever
//
// Backends are clients too: they call payment providers, other services, object storage.
// A server that accepts the connection and then says nothing (it is overloaded, or stuck)
// would block a client's read forever, and with it the request of *your* user that waits
// on it. So every outgoing call gets a deadline: read and write timeouts on the socket.
//
// Make `connect` set read and write timeouts of `timeout` on the stream.

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Connects to `addr` for a call that gives up after `timeout` without progress.
fn connect(addr: SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, timeout)?;
    // TODO: without timeouts, a silent server makes a read wait forever.
    Ok(stream)
}

/// `GET path` from the site `host` at `addr`, giving up after `timeout`.
fn get(addr: SocketAddr, host: &str, path: &str, timeout: Duration) -> io::Result<http::Response> {
    conn::send_get(connect(addr, timeout)?, host, path)
}

fn main() {
    let timeout = Duration::from_millis(200);
    println!(
        "{:?}",
        get(conn::silent_server(), "localhost", "/", timeout)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_millis(100);

    fn close_to(got: io::Result<Option<Duration>>) -> bool {
        matches!(got, Ok(Some(t)) if t.abs_diff(TIMEOUT) < Duration::from_millis(20))
    }

    #[test]
    fn sets_both_timeouts() {
        let stream = connect(conn::silent_server(), TIMEOUT).expect("connect to a test server");
        let why = "`connect` sets the timeout for reads and for writes";
        assert!(close_to(stream.read_timeout()), "{why}: reads have none");
        assert!(close_to(stream.write_timeout()), "{why}: writes have none");
    }

    #[test]
    fn gives_up_on_a_silent_server() {
        let addr = conn::silent_server();
        let probe = connect(addr, TIMEOUT).expect("connect to a test server");
        let why = "without a read timeout, `get` would wait for this server forever";
        assert!(close_to(probe.read_timeout()), "{why}");
        let got = get(addr, "localhost", "/", TIMEOUT);
        let timed_out = matches!(&got, Err(e) if http::is_timeout(e));
        assert!(timed_out, "a silent server: a timeout error, got {got:?}");
    }

    #[test]
    fn reads_an_answer() {
        let addr = conn::stub_server(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        let got = get(addr, "localhost", "/", TIMEOUT).map(|r| r.body_text());
        assert_eq!(got.ok(), Some("hi".into()), "a server that answers is read");
    }
}

//! A DNS server and client over UDP on loopback, for the dns stage. `spawn` runs a handler
//! (query bytes in, response bytes out) on a socket bound to 127.0.0.1:0 in a thread of its
//! own; `exchange` sends one query and waits for one answer. Plain DNS runs over UDP: one
//! datagram out, one back, no connection (RFC 1035 section 4.2.1). You don't need to edit it.
#![allow(dead_code)]

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// The largest datagram the tests read: bigger than 512 bytes, so that a response that is
/// too large for plain DNS arrives whole and can be measured.
const MAX_DATAGRAM: usize = 65_535;

/// Answers each datagram that arrives on `socket` with what `handler` returns; a handler
/// that returns `None` drops the query, as servers do with garbage. Runs forever.
pub fn serve<F>(socket: UdpSocket, mut handler: F) -> io::Result<()>
where
    F: FnMut(&[u8]) -> Option<Vec<u8>>,
{
    let mut buf = vec![0; MAX_DATAGRAM];
    loop {
        let (len, from) = socket.recv_from(&mut buf)?;
        if let Some(response) = handler(&buf[..len]) {
            socket.send_to(&response, from)?;
        }
    }
}

/// Serves `handler` on a free loopback port, and prints the port (for `dig`). Runs forever.
pub fn run<F>(handler: F) -> io::Result<()>
where
    F: FnMut(&[u8]) -> Option<Vec<u8>>,
{
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    println!("DNS on 127.0.0.1 port {}", socket.local_addr()?.port());
    serve(socket, handler)
}

/// Starts a server for `handler` on a free loopback port; returns its address. The thread
/// ends with the test process.
pub fn spawn<F>(handler: F) -> SocketAddr
where
    F: FnMut(&[u8]) -> Option<Vec<u8>> + Send + 'static,
{
    let socket = UdpSocket::bind("127.0.0.1:0").expect("bind a UDP socket on loopback");
    let addr = socket.local_addr().expect("the socket's address");
    thread::spawn(move || serve(socket, handler));
    addr
}

/// Like `spawn`, and also counts the queries the server receives.
pub fn spawn_counting<F>(mut handler: F) -> (SocketAddr, Arc<AtomicUsize>)
where
    F: FnMut(&[u8]) -> Option<Vec<u8>> + Send + 'static,
{
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let addr = spawn(move |query| {
        seen.fetch_add(1, Ordering::SeqCst);
        handler(query)
    });
    (addr, count)
}

/// Sends `query` to `server` and returns the datagram that comes back. Gives up after one
/// second: on loopback an answer takes microseconds, so a second means none is coming.
pub fn exchange(server: SocketAddr, query: &[u8]) -> io::Result<Vec<u8>> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    socket.set_read_timeout(Some(Duration::from_secs(1)))?;
    socket.connect(server)?;
    socket.send(query)?;
    let mut buf = vec![0; MAX_DATAGRAM];
    let len = socket.recv(&mut buf)?;
    buf.truncate(len);
    Ok(buf)
}

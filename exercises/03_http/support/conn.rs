//! Connections for the http stage: the servers the exercises' `main`s run (a thread per
//! connection), and the test side: a client that sends bytes to a connection handler and
//! collects what it answers, stub servers, and a reader that behaves like an open
//! connection. Nothing here sleeps. You don't need to edit it (reading it is fine).
#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::Duration;

use crate::http::{self, Incoming, Request, Response};

/// How long a test waits before it calls a connection stuck: a guard against a hang, never
/// reached when things work (every byte a test sends is there before the handler starts).
pub const GUARD: Duration = Duration::from_millis(300);

/// Accepts connections forever and hands each to `handler` on a thread of its own.
/// (Threads are the concurrency stage's subject; production servers use async I/O.)
pub fn serve(listener: TcpListener, handler: fn(TcpStream) -> io::Result<()>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        thread::spawn(move || {
            if let Err(error) = handler(stream) {
                eprintln!("connection failed: {error}");
            }
        });
    }
}

/// Serves `route` on `127.0.0.1:0` forever: prints the address, reads requests with
/// keep-alive (30 s idle timeout), and answers each with `route`.
pub fn serve_routes(route: fn(&Request) -> Response) -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        thread::spawn(move || {
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            let mut reader = BufReader::new(&stream);
            let mut writer = &stream;
            loop {
                let response = match http::read_request(&mut reader)? {
                    Incoming::Request(request) => route(&request),
                    Incoming::Closed => return Ok::<(), io::Error>(()),
                    Incoming::Malformed => Response::text(400, "Bad Request"),
                };
                writer.write_all(&response.to_bytes())?;
            }
        });
    }
    Ok(())
}

/// What a connection handler did with the bytes a test client sent.
#[derive(Debug)]
pub struct Exchange {
    /// Everything the handler wrote, up to the moment it closed the connection.
    pub bytes: Vec<u8>,
    /// What the handler returned.
    pub result: io::Result<()>,
    /// The socket's read timeout when the handler was done.
    pub read_timeout: Option<Duration>,
}

impl Exchange {
    /// What the handler wrote, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Whether the socket's read timeout was `want` when the handler was done (give or take
    /// the few milliseconds the kernel rounds it to).
    pub fn read_timeout_is(&self, want: Duration) -> bool {
        self.read_timeout
            .is_some_and(|got| got.abs_diff(want) < Duration::from_millis(20))
    }

    /// The status codes of the responses, in order. Panics (with the error) when the
    /// handler failed.
    #[track_caller]
    pub fn statuses(&self) -> Vec<u16> {
        if let Err(error) = &self.result {
            panic!("handle_connection failed: {error}");
        }
        self.responses().iter().map(|r| r.status).collect()
    }

    /// Each response's body as text, followed by ` + close` when it says
    /// `Connection: close`. Panics (with the error, explained) when the handler failed.
    #[track_caller]
    pub fn answers(&self) -> Vec<String> {
        match &self.result {
            Ok(()) => {}
            Err(error) if http::is_timeout(error) => panic!(
                "handle_connection failed: {error}.\n\
                 It read again when no request was coming: the client sent all its requests \
                 and keeps the connection open while it waits for the answers. Did it \
                 return right after the response that says `Connection: close`? Does it \
                 keep one `BufReader` for the whole connection (a new one per request \
                 loses the requests the old one had buffered, and waits for more)?\n\
                 What it wrote before it failed: {:?}",
                self.text()
            ),
            Err(error) => panic!("handle_connection failed: {error}"),
        }
        let close = |r: &Response| match r.header("Connection") {
            Some("close") => " + close",
            _ => "",
        };
        let responses = self.responses();
        responses
            .iter()
            .map(|r| format!("{}{}", r.body_text(), close(r)))
            .collect()
    }

    /// The responses the handler wrote, in order. Panics (with the reason) on bytes that are
    /// not responses.
    #[track_caller]
    pub fn responses(&self) -> Vec<Response> {
        let mut reader = &self.bytes[..];
        let mut responses = Vec::new();
        loop {
            match http::read_response(&mut reader) {
                Ok(Some(response)) => responses.push(response),
                Ok(None) => return responses,
                Err(error) => panic!("{error}, in what the server sent: {:?}", self.text()),
            }
        }
    }
}

/// A client connects, sends `request`, and waits for the answer with its side of the
/// connection open, as real clients do. `handler` gets the server's end of the connection
/// and runs right here (every byte of the request is already there). When it returns, the
/// test reads what it wrote. The server's end reads with a `GUARD` timeout, so a handler that
/// waits for more bytes fails with a timeout error instead of hanging the test.
pub fn exchange(request: &[u8], handler: impl FnOnce(TcpStream) -> io::Result<()>) -> Exchange {
    run_exchange(request, false, handler)
}

/// Like `exchange`, but the client closes its sending side after `request`: it will send no
/// more (reading on the server's end then returns 0 bytes).
pub fn exchange_then_close(
    request: &[u8],
    handler: impl FnOnce(TcpStream) -> io::Result<()>,
) -> Exchange {
    run_exchange(request, true, handler)
}

fn run_exchange(
    request: &[u8],
    close: bool,
    handler: impl FnOnce(TcpStream) -> io::Result<()>,
) -> Exchange {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a test port");
    let mut client = TcpStream::connect(listener.local_addr().unwrap()).expect("connect");
    let (server, _) = listener.accept().expect("accept");
    client.write_all(request).expect("send the request");
    if close {
        client
            .shutdown(Shutdown::Write)
            .expect("close the sending side");
    }
    server.set_read_timeout(Some(GUARD)).unwrap();
    server.set_write_timeout(Some(GUARD)).unwrap();
    // A second handle on the same socket, to read its options after the handler is done.
    let spare = server.try_clone().expect("clone the stream");
    let result = handler(server);
    let read_timeout = spare.read_timeout().unwrap_or(None);
    drop(spare);
    client.set_read_timeout(Some(GUARD)).unwrap();
    let mut bytes = Vec::new();
    let _ = client.read_to_end(&mut bytes);
    Exchange {
        bytes,
        result,
        read_timeout,
    }
}

/// A reader over `bytes` that behaves like a connection the client keeps open: after the
/// bytes, a read fails (on a real connection it would wait until the client hangs up,
/// which it won't do while it waits for the answer).
pub fn open_connection(bytes: &[u8]) -> impl BufRead + '_ {
    BufReader::new(bytes.chain(StillOpen))
}

struct StillOpen;

impl Read for StillOpen {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            "read past the bytes the client sent: on a real connection this read would wait \
             until the client hangs up, and the client is waiting for the answer",
        ))
    }
}

/// A server that accepts connections and never says a word (until the test ends, when the
/// process exits). Its address.
pub fn silent_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        let held: Vec<_> = listener.incoming().collect();
        drop(held);
    });
    addr
}

/// A server for one connection: it reads the request's head, answers `response` and closes.
pub fn stub_server(response: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept()?;
        stream.set_read_timeout(Some(GUARD))?;
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        while reader.read_line(&mut line)? > 2 {
            line.clear();
        }
        stream.write_all(response)
    });
    addr
}

/// Sends `GET path` for the site `host` on `stream`, with the `Host` header HTTP/1.1
/// requires (one address may serve many sites), and reads the response. Any timeout is
/// the stream's own.
pub fn send_get(mut stream: TcpStream, host: &str, path: &str) -> io::Result<Response> {
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut reader = BufReader::new(stream);
    // Wait for the first bytes of the answer here, so that a timeout is reported as one.
    reader.fill_buf()?;
    match http::read_response(&mut reader) {
        Ok(Some(response)) => Ok(response),
        Ok(None) => Err(io::ErrorKind::UnexpectedEof.into()),
        Err(error) => Err(io::Error::new(io::ErrorKind::InvalidData, error)),
    }
}

//! Stub upstreams for the proxy stage: small servers on `127.0.0.1:0` that answer, stall
//! until dropped, or hang up, and an address that refuses connections. They record every
//! request they read, so a test can see what the proxy sent. Nothing here sleeps.
#![allow(dead_code)]

use std::io::{BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

use crate::http::{self, Request, Response};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Behaviour {
    /// Reads the request and answers it.
    Answer,
    /// Reads the request and never answers (until the upstream is dropped).
    Stall,
    /// Reads the request and closes the connection without a word.
    HangUp,
}

#[derive(Debug, Default)]
struct Shared {
    received: Mutex<Vec<Request>>,
    /// Connections held open by a stalling upstream, closed on drop.
    held: Mutex<Vec<TcpStream>>,
    unhealthy: AtomicBool,
    stopping: AtomicBool,
}

/// A stub upstream server. Dropping it stops it and closes every connection it holds.
#[derive(Debug)]
pub struct Upstream {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Upstream {
    /// Answers every request with `200 OK`, the header `X-Upstream: {name}` and the body
    /// `hello from {name}`; `503 Service Unavailable` instead while `set_healthy(false)`.
    pub fn answering(name: &str) -> Upstream {
        Upstream::answering_with(name, &[])
    }

    /// Like `answering`, with extra header fields on every response.
    pub fn answering_with(name: &str, extra: &[(&str, &str)]) -> Upstream {
        let extra: Vec<(String, String)> = extra
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Upstream::start(Behaviour::Answer, name.to_string(), extra)
    }

    /// Reads each request and never answers: the connection stays open, silent, until the
    /// upstream is dropped.
    pub fn stalling() -> Upstream {
        Upstream::start(Behaviour::Stall, "stalling".to_string(), Vec::new())
    }

    /// Reads each request, then closes the connection without answering.
    pub fn hanging_up() -> Upstream {
        Upstream::start(Behaviour::HangUp, "hanging-up".to_string(), Vec::new())
    }

    /// An address where nothing listens: connecting to it is refused.
    pub fn refusing() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.local_addr().expect("local_addr")
        // The listener is dropped here, and the port closed with it.
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request this upstream has read so far, in order.
    pub fn received(&self) -> Vec<Request> {
        self.shared.received.lock().unwrap().clone()
    }

    /// The bodies of every request this upstream has read so far, as text, in order.
    pub fn received_bodies(&self) -> Vec<String> {
        let received = self.received();
        received
            .iter()
            .map(|r| String::from_utf8_lossy(&r.body).into_owned())
            .collect()
    }

    /// An unhealthy upstream still accepts connections, but answers everything (its
    /// health check too) with `503 Service Unavailable`.
    pub fn set_healthy(&self, healthy: bool) {
        self.shared.unhealthy.store(!healthy, Ordering::SeqCst);
    }

    fn start(behaviour: Behaviour, name: String, extra: Vec<(String, String)>) -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let shared = Arc::new(Shared::default());
        let accept = {
            let shared = shared.clone();
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if shared.stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let shared = shared.clone();
                    let name = name.clone();
                    let extra = extra.clone();
                    thread::spawn(move || serve(stream, behaviour, &name, &extra, &shared));
                }
            })
        };
        Upstream {
            addr,
            shared,
            accept: Some(accept),
        }
    }
}

fn serve(
    mut stream: TcpStream,
    behaviour: Behaviour,
    name: &str,
    extra: &[(String, String)],
    shared: &Shared,
) {
    let _ = stream.set_read_timeout(Some(http::GUARD));
    let request = http::read_request(&mut BufReader::new(&stream));
    let request = match request {
        Ok(request) => request,
        Err(error) => {
            let response = Response::text(400, &format!("upstream {name}: bad request: {error}\n"));
            let _ = stream.write_all(&response.to_bytes());
            return;
        }
    };
    shared.received.lock().unwrap().push(request);
    match behaviour {
        Behaviour::Answer => {
            let mut response = if shared.unhealthy.load(Ordering::SeqCst) {
                Response::text(503, &format!("{name} is unhealthy\n"))
            } else {
                Response::text(200, &format!("hello from {name}"))
            };
            response
                .headers
                .push(("X-Upstream".to_string(), name.to_string()));
            response.headers.extend(extra.iter().cloned());
            if !response
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("Connection"))
            {
                response
                    .headers
                    .push(("Connection".to_string(), "close".to_string()));
            }
            let _ = stream.write_all(&response.to_bytes());
            let _ = stream.shutdown(Shutdown::Write);
        }
        Behaviour::Stall => {
            if shared.stopping.load(Ordering::SeqCst) {
                return;
            }
            shared.held.lock().unwrap().push(stream);
        }
        Behaviour::HangUp => {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees `stopping`.
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        for stream in self.shared.held.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Sends `raw` through a proxy that runs `handle` (with the address of a fresh answering
/// upstream `a`, the request, and the client's address), and returns the request the
/// upstream received. Panics unless the client got a 200.
#[track_caller]
pub fn relay<F>(raw: &str, handle: F) -> Request
where
    F: Fn(SocketAddr, Request, SocketAddr) -> Response + Send + Sync + 'static,
{
    let up = Upstream::answering("a");
    let addr = up.addr();
    let proxy = http::spawn_proxy(move |request, client| handle(addr, request, client));
    let response = http::send(proxy, raw);
    assert_eq!(
        response.status, 200,
        "the upstream answers 200: {response:?}"
    );
    let received = up.received();
    received
        .into_iter()
        .next()
        .expect("the upstream got the request")
}

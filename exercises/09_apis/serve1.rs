// serve1: a real server on a real port
//
// `axum::serve(listener, app)` accepts connections on a tokio `TcpListener` and runs hyper's
// HTTP/1.1 on each: everything you built by hand in the http stage. Three habits:
// - Port 0: bind `127.0.0.1:0` and the OS picks a free port (`local_addr()` says which), so
//   tests in parallel each get a server and nothing clashes with whatever uses port 3000.
// - In the background: `axum::serve(...)` is a future that runs until the server stops;
//   `tokio::spawn` it so the caller gets the address back.
// - Graceful shutdown: `.with_graceful_shutdown(signal)` stops accepting when `signal`
//   completes, finishes the requests in flight, then returns, so no client sees a dropped
//   connection during a deploy.
//
// Write `start`. (`cargo run -p exercises-apis --bin serve1`, then curl the address.)

#[path = "support/client.rs"]
mod client;

use std::io;
use std::net::SocketAddr;

use axum::{Router, routing::get};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct Server {
    pub addr: SocketAddr,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

/// Starts serving `app` on a free port of 127.0.0.1, in the background.
pub async fn start(app: Router) -> io::Result<Server> {
    // TODO: bind port 0, and ask the listener which port it got.
    let addr: SocketAddr = "127.0.0.1:3000".parse().unwrap();
    let listener = TcpListener::bind(addr).await?;
    let (shutdown, signal) = oneshot::channel::<()>();
    // TODO: serve `app` on `listener` until `signal` completes (a `()` or a dropped sender).
    let task = tokio::spawn(async move {
        drop((listener, app, signal));
        Ok(())
    });
    Ok(Server {
        addr,
        shutdown,
        task,
    })
}

impl Server {
    /// Stops accepting connections, waits for the requests in flight, and returns.
    pub async fn stop(self) -> io::Result<()> {
        let _ = self.shutdown.send(());
        self.task.await.expect("the server task panicked")
    }
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let server = start(Router::new().route("/health", get(|| async { "ok" }))).await?;
    println!("Listening on http://{}/health", server.addr);
    tokio::signal::ctrl_c().await?;
    server.stop().await
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{TCP_TIMEOUT, exchange};
    use std::sync::Arc;
    use tokio::sync::Notify;
    use tokio::time::{Duration, timeout};

    const GET: &str = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    async fn start_ok(app: Router) -> Server {
        let server = start(app).await;
        server.unwrap_or_else(|err| {
            panic!("start failed ({err}): bind 127.0.0.1:0, a fixed port is free once at most")
        })
    }

    fn health() -> Router {
        Router::new().route("/health", get(|| async { "ok" }))
    }

    #[tokio::test]
    async fn two_servers_at_once_over_tcp() {
        let (first, second) = (start_ok(health()).await, start_ok(health()).await);
        let why = "port 0: each server gets its own free port";
        assert_ne!(first.addr, second.addr, "{why}");
        for server in [&first, &second] {
            let response = exchange(server.addr, GET).await;
            let ok = response.starts_with("HTTP/1.1 200 OK\r\n") && response.ends_with("ok");
            let why = format!("{} should answer GET /health: {response:?}", server.addr);
            assert!(ok, "{why}");
        }
        let stopped = timeout(TCP_TIMEOUT, first.stop()).await;
        let why = "stop() returns once the shutdown signal reaches axum::serve";
        assert!(stopped.is_ok(), "{why}");
    }

    #[tokio::test]
    async fn stop_finishes_the_requests_in_flight() {
        let (started, gate) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let (s, g) = (started.clone(), gate.clone());
        let slow = get(move || async move {
            s.notify_one();
            g.notified().await;
            "done"
        });
        let server = start_ok(Router::new().route("/slow", slow)).await;
        let addr = server.addr;
        let slow_get = GET.replace("/health", "/slow");
        let request = tokio::spawn(async move { exchange(addr, &slow_get).await });
        let in_flight = timeout(TCP_TIMEOUT, started.notified()).await;
        let why = format!("GET /slow never reached the handler on {addr}");
        assert!(in_flight.is_ok(), "{why}");
        let mut stopping = tokio::spawn(server.stop());
        let early = timeout(Duration::from_millis(50), &mut stopping).await;
        let early = early.is_ok();
        let why = "the server stopped before answering its request in flight";
        assert!(!early, "{why}");
        gate.notify_one();
        let response = request.await.unwrap();
        let why = format!("the request in flight is answered: {response:?}");
        assert!(response.ends_with("done"), "{why}");
        let stopped = timeout(TCP_TIMEOUT, stopping).await;
        assert!(stopped.is_ok(), "the server stops after its last request");
    }
}

// serve1: a real server on a real port
//
// Until now the tests handed requests to the `Router` in memory. Now it goes on the network:
// `axum::serve(listener, app)` accepts connections on a `tokio::net::TcpListener` and runs
// hyper's HTTP/1.1 on each, which is everything you built by hand in the http stage (request
// lines, headers, bodies, keep-alive, error replies) done by a battle-tested library.
//
// Three habits of a well-behaved server:
//
// - Port 0. Bind `127.0.0.1:0` and the operating system picks a free port; the listener's
//   `local_addr()` says which. Tests running in parallel can each start a server, and nothing
//   breaks because something else already uses port 3000.
// - In the background. `axum::serve(...)` is a future that runs until the server stops.
//   `tokio::spawn` it, so the caller gets the address back and carries on.
// - Graceful shutdown. When a new version is deployed, the old one is told to stop. It should
//   stop accepting connections, finish the requests it is in the middle of, then exit, so no
//   client sees a dropped connection. `.with_graceful_shutdown(signal)` does that when the
//   future `signal` completes; here it is the receiving end of a oneshot channel.
//
// Write `start`. The tests talk to your server over TCP in raw HTTP/1.1, as your client1 did.
// You can also run it (`cargo run -p exercises-apis --bin serve1`) and call it with curl.

use std::io;
use std::net::SocketAddr;

use axum::{
    Json, Router,
    routing::{get, post},
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub fn app() -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/greet", post(greet))
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[derive(Deserialize)]
pub struct GreetRequest {
    pub name: String,
}

#[derive(Serialize)]
pub struct Greeting {
    pub greeting: String,
}

async fn greet(Json(request): Json<GreetRequest>) -> Json<Greeting> {
    Json(Greeting {
        greeting: format!("Hello, {}!", request.name),
    })
}

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Send on it (or drop it) to ask the server to stop.
    shutdown: oneshot::Sender<()>,
    /// The background task that runs `axum::serve`.
    task: JoinHandle<io::Result<()>>,
}

impl Server {
    /// Stops accepting connections, waits for the requests in flight, and returns.
    pub async fn stop(self) -> io::Result<()> {
        let _ = self.shutdown.send(());
        self.task.await.expect("the server task panicked")
    }
}

/// Starts serving `app` on a free port of 127.0.0.1, in the background.
pub async fn start(app: Router) -> io::Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;

    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = signal.await;
            })
            .await
    });

    Ok(Server {
        addr,
        shutdown,
        task,
    })
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let server = start(app()).await?;
    println!("Listening on http://{}", server.addr);
    println!("Try: curl -i http://{}/health", server.addr);
    println!("Press Ctrl+C to stop.");
    tokio::signal::ctrl_c().await?;
    server.stop().await
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::sync::{Notify, mpsc};
    use tokio::time::timeout;

    const TIMEOUT: Duration = Duration::from_secs(5);
    /// Stopping takes milliseconds when nothing is in flight.
    const STOP_TIMEOUT: Duration = Duration::from_secs(2);

    /// Sends raw bytes on a new connection, and reads until the server closes it.
    async fn exchange(addr: SocketAddr, request: &str) -> String {
        let mut stream = timeout(TIMEOUT, TcpStream::connect(addr))
            .await
            .expect("connect timed out")
            .unwrap_or_else(|err| panic!("cannot connect to {addr}: {err}"));
        timeout(TIMEOUT, stream.write_all(request.as_bytes()))
            .await
            .expect("write timed out")
            .unwrap();
        let mut response = Vec::new();
        timeout(TIMEOUT, stream.read_to_end(&mut response))
            .await
            .expect("the server did not answer and close the connection in time")
            .unwrap();
        String::from_utf8(response).unwrap()
    }

    /// Splits one response into its status line, headers (names lowercased) and body.
    fn parse(response: &str) -> (String, Vec<(String, String)>, String) {
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no end of headers in {response:?}"));
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap().to_string();
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.to_ascii_lowercase(), value.trim().to_string())
            })
            .collect();
        (status_line, headers, body.to_string())
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("no {name} header in {headers:?}"))
    }

    async fn start_app() -> Server {
        timeout(TIMEOUT, start(app()))
            .await
            .expect("`start` did not return: is `axum::serve` running in the foreground?")
            .unwrap()
    }

    async fn stop(server: Server) {
        timeout(STOP_TIMEOUT, server.stop())
            .await
            .expect("the server did not stop: does the shutdown signal reach `axum::serve`?")
            .unwrap();
    }

    #[tokio::test]
    async fn health_over_tcp() {
        let server = start_app().await;
        assert_eq!(server.addr.ip().to_string(), "127.0.0.1");
        let response = exchange(
            server.addr,
            "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .await;
        let (status_line, headers, body) = parse(&response);
        assert_eq!(status_line, "HTTP/1.1 200 OK");
        assert_eq!(header(&headers, "content-type"), "application/json");
        assert_eq!(header(&headers, "content-length"), "15");
        assert_eq!(body, r#"{"status":"ok"}"#);
        stop(server).await;
    }

    #[tokio::test]
    async fn json_post_over_tcp() {
        let server = start_app().await;
        let json = r#"{"name":"Ada"}"#;
        let request = format!(
            "POST /greet HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{json}",
            json.len()
        );
        let (status_line, _, body) = parse(&exchange(server.addr, &request).await);
        assert_eq!(status_line, "HTTP/1.1 200 OK");
        assert_eq!(body, r#"{"greeting":"Hello, Ada!"}"#);
        stop(server).await;
    }

    #[tokio::test]
    async fn errors_over_tcp() {
        let server = start_app().await;
        let (status_line, headers, body) = parse(
            &exchange(
                server.addr,
                "GET /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .await,
        );
        assert_eq!(status_line, "HTTP/1.1 404 Not Found");
        assert_eq!(header(&headers, "content-length"), "0");
        assert_eq!(body, "");

        // A malformed request never reaches the router: hyper answers it, as your server did.
        let response = exchange(server.addr, "HELLO THERE\r\n\r\n").await;
        assert!(
            response.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{response:?}"
        );
        stop(server).await;
    }

    #[tokio::test]
    async fn keep_alive_serves_two_requests_on_one_connection() {
        let server = start_app().await;
        let response = exchange(
            server.addr,
            "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n\
             GET /nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(
            response.matches("HTTP/1.1 200 OK\r\n").count(),
            1,
            "{response:?}"
        );
        assert_eq!(
            response.matches("HTTP/1.1 404 Not Found\r\n").count(),
            1,
            "{response:?}"
        );
        assert!(response.find("200 OK") < response.find("404 Not Found"));
        stop(server).await;
    }

    #[tokio::test]
    async fn two_servers_at_once() {
        let first = start_app().await;
        let second = start_app().await;
        assert_ne!(first.addr, second.addr);
        for server in [&first, &second] {
            let response = exchange(
                server.addr,
                "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .await;
            assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response:?}");
        }
        stop(first).await;
        stop(second).await;
    }

    #[tokio::test]
    async fn stop_finishes_the_requests_in_flight() {
        // A handler that tells the test it has started, then waits to be let go.
        let (started_tx, mut started) = mpsc::channel::<()>(1);
        let gate = Arc::new(Notify::new());
        let handler_gate = gate.clone();
        let slow = Router::new().route(
            "/slow",
            get(move || async move {
                started_tx.send(()).await.unwrap();
                handler_gate.notified().await;
                "done"
            }),
        );
        let server = timeout(TIMEOUT, start(slow)).await.unwrap().unwrap();
        let addr = server.addr;

        let request = tokio::spawn(exchange(
            addr,
            "GET /slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        ));
        timeout(TIMEOUT, started.recv()).await.unwrap().unwrap();

        // Ask the server to stop while the request is in flight: it must wait for it.
        let mut stopping = tokio::spawn(server.stop());
        assert!(
            timeout(Duration::from_millis(50), &mut stopping)
                .await
                .is_err(),
            "the server stopped before its request in flight was answered"
        );
        gate.notify_one();

        let response = request.await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response:?}");
        assert!(response.ends_with("\r\n\r\ndone"), "{response:?}");
        timeout(STOP_TIMEOUT, stopping)
            .await
            .expect("the server did not stop after its last request")
            .unwrap()
            .unwrap();

        // Stopped: the port no longer accepts connections.
        let refused = timeout(TIMEOUT, TcpStream::connect(addr)).await.unwrap();
        assert!(refused.is_err(), "{addr} still accepts connections");
    }
}

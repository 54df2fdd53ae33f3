// shutdown1: graceful shutdown
//
// Services are stopped all the time: every deploy replaces the running instances. The
// orchestrator sends a signal (SIGTERM), waits a grace period (30 s by default in
// Kubernetes), then kills whatever is left. Stopping *gracefully* means:
//
// 1. stop accepting new connections (the load balancer sends them to other instances;
//    readiness already answers 503, as in the observability stage);
// 2. let the requests already in flight finish, and close idle keep-alive connections;
// 3. exit once they are done, or when the grace period is over, whichever comes first.
//    A request stuck on a dead dependency must not keep a deploy waiting forever.
//
// axum does steps 1 and 2 for you: `axum::serve(listener, app).with_graceful_shutdown(signal)`
// stops accepting as soon as the `signal` future completes, and the serve future itself
// completes when the last connection is done. Step 3 is yours: the grace period starts when
// the signal arrives, not when the server starts, so you need to know when that happens.
// One way: wrap the signal in a future that also sends on a `tokio::sync::oneshot`
// channel, then `select!` between the server and that channel's receiver, and give the
// server at most `grace` more with `tokio::time::timeout`. (`.into_future()` turns the
// server into a future you can pin and poll in several places.)
//
// Finish `serve`. The tests run a real server on a loopback port.

use axum::{Router, extract::State, routing::get};
use std::future::{Future, IntoFuture};
use std::io;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc, oneshot};
use tokio::time::{Duration, timeout};

#[derive(Debug, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection finished within the grace period.
    Gracefully,
    /// The grace period ran out with requests still in flight.
    GraceExpired,
}

/// Serves `app` on `listener` until `shutdown` completes, then drains for at most `grace`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    grace: Duration,
) -> io::Result<Stopped> {
    // TODO: pass a signal to `.with_graceful_shutdown(...)` so that the server stops when
    // `shutdown` completes, and let it drain for at most `grace` after that (read the top of
    // the file). Return `Stopped::GraceExpired` when the grace period runs out.
    let _ = (shutdown, grace);
    axum::serve(listener, app).await?;
    Ok(Stopped::Gracefully)
}

/// Lets a test (or `main`) see when a slow request has started, and decide when it ends.
#[derive(Clone)]
pub struct Slow {
    pub started: mpsc::UnboundedSender<()>,
    pub release: Arc<Notify>,
}

async fn slow(State(slow): State<Slow>) -> &'static str {
    let _ = slow.started.send(());
    slow.release.notified().await;
    "slow done"
}

async fn fast() -> &'static str {
    "fast done"
}

pub fn app(slow_state: Slow) -> Router {
    Router::new()
        .route("/slow", get(slow))
        .route("/fast", get(fast))
        .with_state(slow_state)
}

#[tokio::main]
async fn main() -> io::Result<()> {
    let (started, _) = mpsc::unbounded_channel();
    let release = Arc::new(Notify::new());
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    println!(
        "listening on http://{}; press Ctrl-C to stop",
        listener.local_addr()?
    );
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.expect("no Ctrl-C handler");
    };
    let stopped = serve(
        listener,
        app(Slow { started, release }),
        ctrl_c,
        Duration::from_secs(10),
    )
    .await?;
    println!("stopped: {stopped:?}");
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::task::JoinHandle;

    const PATIENCE: Duration = Duration::from_secs(5);

    struct Running {
        addr: SocketAddr,
        server: JoinHandle<io::Result<Stopped>>,
        shutdown: oneshot::Sender<()>,
        started: mpsc::UnboundedReceiver<()>,
        release: Arc<Notify>,
    }

    async fn start(grace: Duration) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (started_tx, started) = mpsc::unbounded_channel();
        let release = Arc::new(Notify::new());
        let app = app(Slow {
            started: started_tx,
            release: Arc::clone(&release),
        });
        let (shutdown, shutdown_rx) = oneshot::channel::<()>();
        let signal = async move {
            let _ = shutdown_rx.await;
        };
        let server = tokio::spawn(serve(listener, app, signal, grace));
        Running {
            addr,
            server,
            shutdown,
            started,
            release,
        }
    }

    async fn send_request(addr: SocketAddr, path: &str) -> TcpStream {
        let mut stream = timeout(PATIENCE, TcpStream::connect(addr))
            .await
            .expect("connect timed out")
            .expect("could not connect");
        let request = format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        timeout(PATIENCE, stream.write_all(request.as_bytes()))
            .await
            .expect("write timed out")
            .unwrap();
        stream
    }

    /// Reads until the server closes the connection.
    async fn read_to_close(mut stream: TcpStream) -> String {
        let mut response = Vec::new();
        timeout(PATIENCE, stream.read_to_end(&mut response))
            .await
            .expect("the server neither answered nor closed the connection within 5 s")
            .expect("read failed");
        String::from_utf8(response).unwrap()
    }

    /// Tries to connect, every 5 ms, until the server refuses (for at most 1 s).
    async fn wait_until_refused(addr: SocketAddr) {
        let attempts = async {
            loop {
                match TcpStream::connect(addr).await {
                    Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => return,
                    _ => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            }
        };
        timeout(Duration::from_secs(1), attempts)
            .await
            .expect("new connections were still accepted 1 s after the shutdown signal");
    }

    async fn stopped(server: JoinHandle<io::Result<Stopped>>) -> Stopped {
        timeout(Duration::from_secs(1), server)
            .await
            .expect("serve did not return within 1 s")
            .expect("serve panicked")
            .expect("serve failed")
    }

    #[tokio::test]
    async fn the_server_answers_until_told_to_stop() {
        let running = start(PATIENCE).await;
        let response = read_to_close(send_request(running.addr, "/fast").await).await;
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(response.ends_with("\r\n\r\nfast done"), "{response}");
        assert!(
            !running.server.is_finished(),
            "serve returned before the signal"
        );

        let _ = running.shutdown.send(());
        assert_eq!(stopped(running.server).await, Stopped::Gracefully);
    }

    #[tokio::test]
    async fn the_request_in_flight_finishes_and_new_connections_are_refused() {
        let mut running = start(PATIENCE).await;
        let in_flight = send_request(running.addr, "/slow").await;
        timeout(PATIENCE, running.started.recv())
            .await
            .expect("the slow request never reached its handler");

        let _ = running.shutdown.send(());
        wait_until_refused(running.addr).await;
        assert!(
            !running.server.is_finished(),
            "serve returned while a request was still in flight"
        );

        running.release.notify_one();
        let response = read_to_close(in_flight).await;
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(response.ends_with("\r\n\r\nslow done"), "{response}");
        assert_eq!(stopped(running.server).await, Stopped::Gracefully);
    }

    #[tokio::test]
    async fn an_idle_connection_does_not_hold_up_the_shutdown() {
        let running = start(PATIENCE).await;
        // A client that connected and then went quiet.
        let idle = timeout(PATIENCE, TcpStream::connect(running.addr))
            .await
            .unwrap()
            .unwrap();
        let _ = running.shutdown.send(());
        assert_eq!(stopped(running.server).await, Stopped::Gracefully);
        assert_eq!(read_to_close(idle).await, "", "closed without an answer");
    }

    #[tokio::test]
    async fn a_stuck_request_is_abandoned_after_the_grace_period() {
        let grace = Duration::from_millis(50);
        let mut running = start(grace).await;
        let _stuck = send_request(running.addr, "/slow").await;
        timeout(PATIENCE, running.started.recv())
            .await
            .expect("the slow request never reached its handler");

        let signalled = std::time::Instant::now();
        let _ = running.shutdown.send(());
        // The handler is never released.
        assert_eq!(stopped(running.server).await, Stopped::GraceExpired);
        assert!(
            signalled.elapsed() >= grace,
            "serve gave up after {:?}, before the grace period was over",
            signalled.elapsed()
        );
    }
}

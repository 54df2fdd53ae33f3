// notes8: graceful shutdown, with a deadline
//
// Every deploy stops the old process. Stopping well: stop accepting connections, let the
// requests in flight finish, then return; but not forever: a request stuck on a dead peer
// must not hold up the deploy, so the drain has a deadline, past which the rest is cut off.
// `axum::serve(..).with_graceful_shutdown(signal)` stops accepting and drains when `signal`
// completes; the deadline is yours: `tokio::select!` races two futures. (`main` stops on
// Ctrl-C; an orchestrator sends SIGTERM, as in the deploy stage.)

#[path = "support/csrf.rs"]
mod csrf;
#[path = "support/etag.rs"]
mod etag;
#[path = "support/login.rs"]
mod login;
#[path = "support/observe.rs"]
mod observe;
#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;
#[path = "support/sessions.rs"]
mod sessions;

use std::future::Future;
use std::time::Duration;

#[derive(Debug)]
enum Stopped {
    Drained,
    CutOff,
}

async fn serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    drain: Duration,
) -> std::io::Result<Stopped> {
    let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
    // TODO 1: stop accepting once `shutdown` completes, and send on `stopping` then.
    let signal = async move {
        shutdown.await;
        let _ = stopping.send(());
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(signal);
    let deadline = async move {
        let _ = stopped.await;
        tokio::time::sleep(drain).await;
    };
    // TODO 2: drained, or cut off when `deadline` comes first.
    tokio::select! {
        served = server => served.map(|()| Stopped::Drained),
        () = deadline => Ok(Stopped::CutOff),
    }
}

#[tokio::main]
async fn main() {
    let (listener, state) = service::setup().await;
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let app = observe::app(state);
    println!(
        "{:?}",
        serve(listener, app, ctrl_c, Duration::from_secs(10)).await
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::{ALICE_LOGIN, PATIENCE, Server, finish};

    /// Serves until the returned sender sends.
    fn start(drain: Duration) -> (Server, tokio::sync::oneshot::Sender<()>) {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = Server::spawn(move |listener, state| async move {
            let shutdown = async { stopped.await.unwrap_or_default() };
            format!(
                "{:?}",
                serve(listener, observe::app(state), shutdown, drain).await
            )
        });
        (server, stop)
    }

    #[test]
    fn shutdown_drains_the_requests_in_flight_until_the_deadline() {
        let (server, stop) = start(Duration::from_secs(30));
        let hold = server.passwords.hold();
        let login = server.start_request("POST", "/login", &[], ALICE_LOGIN);
        hold.wait_started();
        let _ = stop.send(()); // shut down
        let refused = server.refuses_connections();
        assert!(refused, "after shutdown, new connections are refused");
        let early = server.outcome(Duration::ZERO);
        assert_eq!(early, None, "serve returned with a request in flight");
        drop(hold);
        let reply = finish(login);
        let body = &reply.body;
        assert_eq!(reply.status, 200, "the login in flight finishes: {body}");
        let outcome = server.outcome(PATIENCE);
        assert_eq!(
            outcome.as_deref(),
            Some("Ok(Drained)"),
            "then serve returns"
        );

        let (server, stop) = start(Duration::from_millis(50));
        let stuck = server.passwords.hold();
        let _login = server.start_request("POST", "/login", &[], ALICE_LOGIN);
        stuck.wait_started();
        let _ = stop.send(());
        let outcome = server.outcome(PATIENCE);
        let why = "a request still running 50 ms after shutdown is cut off";
        assert_eq!(outcome.as_deref(), Some("Ok(CutOff)"), "{why}");
    }

    #[test]
    fn the_deadline_counts_from_shutdown_not_from_start() {
        let (server, _stop) = start(Duration::from_millis(50));
        let outcome = server.outcome(Duration::from_millis(200));
        let why = "the drain deadline starts when shutdown begins (send on `stopping` then), \
                   not at start: a server must not quit `drain` after it boots";
        assert_eq!(
            outcome, None,
            "serve returned 200 ms after start, unasked: {why}"
        );
        let reply = server.send("POST", "/login", &[], ALICE_LOGIN);
        let body = &reply.body;
        assert_eq!(reply.status, 200, "a running server serves a login: {body}");
    }
}

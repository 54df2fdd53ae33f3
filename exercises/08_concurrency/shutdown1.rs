// shutdown1: graceful shutdown, readiness first
//
// Every deploy stops the running instances: the orchestrator sends SIGTERM, waits a grace
// period (30 s by default in Kubernetes), then kills what is left. A graceful stop goes:
//
// 1. Fail readiness at once: `/readyz` answers 503, so the load balancer takes this instance
//    out of rotation. It notices only at its next probe, so requests still arrive for a bit.
// 2. Keep serving, requests in flight and new ones alike, for a short drain delay.
// 3. Then stop accepting, and finish the requests in flight, within the grace period.
//
// Stopping at once (step 3 first) refuses the requests the load balancer still sends: errors
// on every deploy. SIGTERM arrives here on a `watch` channel (no real signals), and the tests
// pause tokio's clock, so the delays take no real time. Put `run`'s steps in order.

#[path = "support/service.rs"]
mod service;

use service::Server;
use tokio::sync::watch;
use tokio::time::{Duration, Instant, sleep, timeout_at};

pub const DRAIN_DELAY: Duration = Duration::from_secs(5);
pub const GRACE: Duration = Duration::from_secs(30);

#[derive(Debug, PartialEq)]
pub enum Stopped {
    Gracefully,
    /// The grace period ran out with requests still in flight.
    GraceExpired,
}

/// Serves until SIGTERM (`true` on `sigterm`), then shuts down gracefully.
pub async fn run(server: Server, mut sigterm: watch::Receiver<bool>) -> Stopped {
    let _ = sigterm.wait_for(|&term| term).await;
    let deadline = Instant::now() + GRACE;
    // TODO: this stops accepting the moment SIGTERM arrives. First fail readiness
    // (`server.fail_readiness()`), then keep serving for `DRAIN_DELAY` (`sleep`), and only
    // then stop accepting.
    server.stop_accepting();
    match timeout_at(deadline, server.finish_in_flight()).await {
        Ok(()) => Stopped::Gracefully,
        Err(_elapsed) => Stopped::GraceExpired,
    }
}

#[tokio::main]
async fn main() {
    let (server, client) = service::start();
    let (sigterm, rx) = watch::channel(false);
    let running = tokio::spawn(run(server, rx));
    println!("GET /readyz: {:?}", client.get("/readyz").await);
    sigterm.send(true).expect("the server is listening");
    println!("SIGTERM sent: the drain delay is {DRAIN_DELAY:?}");
    sleep(Duration::from_millis(1)).await;
    println!(
        "after SIGTERM, GET /readyz: {:?}",
        client.get("/readyz").await
    );
    println!("stopped: {:?}", running.await.expect("run panicked"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use service::{Client, Refused};
    use tokio::task::JoinHandle;
    use tokio::time::sleep_until;

    const MS: Duration = Duration::from_millis(1);

    /// Starts `run`, with a request to `path` already in flight (unless it is `None`), and
    /// sends SIGTERM 1 ms later. Returns the client, the running `run`, and when it started.
    async fn sigterm_with(path: Option<&'static str>) -> (Client, JoinHandle<Stopped>, Instant) {
        let (server, client) = service::start();
        let (sigterm, rx) = watch::channel(false);
        let (start, running) = (Instant::now(), tokio::spawn(run(server, rx)));
        assert_eq!(client.get("/readyz").await, Ok(200), "ready before SIGTERM");
        if let Some(path) = path {
            let client = client.clone();
            tokio::spawn(async move { assert_eq!(client.get(path).await, Ok(200), "{path}") });
        }
        sleep(MS).await;
        sigterm.send(true).expect("run is listening");
        (client, running, start)
    }

    #[tokio::test(start_paused = true)]
    async fn readiness_fails_first_then_the_drain_then_no_new_requests() {
        let (client, running, start) = sigterm_with(None).await;
        sleep(MS).await;
        let why = "right after SIGTERM, /readyz answers 503 so the load balancer stops sending";
        assert_eq!(client.get("/readyz").await, Ok(503), "{why}");
        sleep_until(start + DRAIN_DELAY - 100 * MS).await;
        let why = "during the drain delay, new requests are still served: they may still come";
        assert_eq!(client.get("/work").await, Ok(200), "{why}");
        sleep_until(start + DRAIN_DELAY + 100 * MS).await;
        let why = "after the drain delay, the server stops accepting";
        assert_eq!(client.get("/work").await, Err(Refused), "{why}");
        assert_eq!(
            running.await.unwrap(),
            Stopped::Gracefully,
            "nothing was in flight"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn requests_in_flight_finish_before_run_returns() {
        let (_client, running, start) = sigterm_with(Some("/slow")).await;
        assert_eq!(
            running.await.unwrap(),
            Stopped::Gracefully,
            "the slow request finished"
        );
        let why = "run returns when the 10 s request in flight is done, not before";
        assert_eq!(start.elapsed(), Duration::from_secs(10), "{why}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_stuck_request_is_abandoned_when_the_grace_period_ends() {
        let (_client, running, start) = sigterm_with(Some("/stuck")).await;
        assert_eq!(
            running.await.unwrap(),
            Stopped::GraceExpired,
            "/stuck never ends"
        );
        let why = "the grace period counts from SIGTERM, drain delay included";
        assert_eq!(start.elapsed(), MS + GRACE, "{why}");
    }
}

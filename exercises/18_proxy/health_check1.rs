// health_check1: ejecting a failing upstream, and taking it back
//
// A load balancer must stop sending requests to an upstream that is broken, and start
// again once it recovers. Active health checks do it: every few seconds the balancer asks
// each upstream `GET /healthz`, and only a `200` counts as healthy. A TCP connect alone is
// not enough: a server can accept connections and still fail every request. Requests go
// round robin over the upstreams that passed their last check; with none left, `503`.
//
// Here the test runs the checks by calling `check_health` (a real balancer runs them on a
// timer). Finish `probe` and `pick`.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use http::{Request, Response};

struct Backend {
    addr: SocketAddr,
    healthy: AtomicBool,
}

struct Pool {
    backends: Vec<Backend>,
    next: AtomicUsize,
}

/// One health check: is the upstream at `addr` healthy?
fn probe(addr: SocketAddr) -> bool {
    // TODO: ask over HTTP (`GET /healthz`, see `Request::get` and `http::forward`): only a
    // 200 is healthy. A refused connection, a timeout or a 503 are not.
    std::net::TcpStream::connect(addr).is_ok()
}

impl Pool {
    fn new(addrs: &[SocketAddr]) -> Pool {
        let backends = addrs.iter().map(|&addr| Backend {
            addr,
            healthy: AtomicBool::new(true),
        });
        Pool {
            backends: backends.collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// Probes every upstream once and records the verdicts.
    fn check_health(&self) {
        for backend in &self.backends {
            backend.healthy.store(probe(backend.addr), Ordering::SeqCst);
        }
    }

    /// The next upstream, round robin over the healthy ones; `None` when none is healthy.
    fn pick(&self) -> Option<SocketAddr> {
        // TODO: skip the upstreams whose last check failed (try each at most once).
        let turn = self.next.fetch_add(1, Ordering::Relaxed);
        Some(self.backends[turn % self.backends.len()].addr)
    }
}

fn start(pool: Arc<Pool>) -> SocketAddr {
    http::spawn_proxy(move |request, _client| match pool.pick() {
        Some(upstream) => http::forward(upstream, &request)
            .unwrap_or_else(|_| Response::text(502, "Bad Gateway\n")),
        None => Response::text(503, "no healthy upstream\n"),
    })
}

fn main() {
    let (a, b) = (
        upstream::Upstream::answering("a"),
        upstream::Upstream::answering("b"),
    );
    let pool = Arc::new(Pool::new(&[a.addr(), b.addr()]));
    let proxy = start(pool.clone());
    b.set_healthy(false);
    pool.check_health();
    for _ in 0..4 {
        println!("{:?}", http::get(proxy, "/"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    /// Sends `n` requests and returns who answered each, as `status name`.
    fn serve(proxy: SocketAddr, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                let response = http::get(proxy, "/");
                let name = response.header("X-Upstream").unwrap_or("proxy");
                format!("{} {name}", response.status)
            })
            .collect()
    }

    #[test]
    fn an_upstream_failing_its_check_is_ejected() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let pool = Arc::new(Pool::new(&[a.addr(), b.addr()]));
        let proxy = start(pool.clone());
        b.set_healthy(false);
        pool.check_health();
        assert_eq!(
            serve(proxy, 4),
            ["200 a"; 4],
            "b answers GET /healthz with 503 (it still accepts connections): after check_health \
             every request goes to a"
        );
    }

    #[test]
    fn an_upstream_that_recovers_is_readmitted() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let pool = Arc::new(Pool::new(&[a.addr(), b.addr()]));
        let proxy = start(pool.clone());
        b.set_healthy(false);
        pool.check_health();
        b.set_healthy(true);
        pool.check_health();
        let mut served = serve(proxy, 4);
        served.sort();
        assert_eq!(
            served,
            ["200 a", "200 a", "200 b", "200 b"],
            "b passed its latest check: it is back in the rotation, and the two share the requests"
        );
    }

    #[test]
    fn an_upstream_that_refuses_connections_is_ejected() {
        let a = Upstream::answering("a");
        let pool = Arc::new(Pool::new(&[Upstream::refusing(), a.addr()]));
        let proxy = start(pool.clone());
        pool.check_health();
        assert_eq!(
            serve(proxy, 3),
            ["200 a"; 3],
            "the first upstream is down: after check_health no request goes there (no 502s)"
        );
    }

    #[test]
    fn no_healthy_upstream_is_503() {
        let a = Upstream::answering("a");
        let pool = Arc::new(Pool::new(&[a.addr()]));
        let proxy = start(pool.clone());
        a.set_healthy(false);
        pool.check_health();
        assert_eq!(
            serve(proxy, 1),
            ["503 proxy"],
            "with every upstream ejected the balancer answers 503 itself, without trying one"
        );
    }
}

// round_robin1: spreading requests over upstreams
//
// A reverse proxy stands in front of several copies of a service (its upstreams) and
// forwards each client request to one of them. Round robin is the simplest fair choice:
// the first request goes to upstream 0, the next to 1, and so on, wrapping around.
// Many connection threads pick at the same time, so the counter must be shared safely.
//
// Fix `RoundRobin::pick` so the requests take turns.

#[path = "support/http.rs"]
mod http;
#[path = "support/upstream.rs"]
mod upstream;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

use http::{Request, Response};

struct RoundRobin {
    upstreams: Vec<SocketAddr>,
    next: AtomicUsize,
}

impl RoundRobin {
    /// The upstream for the next request: each in turn, wrapping around.
    fn pick(&self) -> SocketAddr {
        let turn = self.next.fetch_add(1, Ordering::Relaxed);
        self.upstreams[turn % self.upstreams.len()]
    }
}

fn handle(balancer: &RoundRobin, request: Request) -> Response {
    http::forward(balancer.pick(), &request)
        .unwrap_or_else(|_| Response::text(502, "Bad Gateway\n"))
}

fn start(upstreams: Vec<SocketAddr>) -> SocketAddr {
    let balancer = RoundRobin {
        upstreams,
        next: AtomicUsize::new(0),
    };
    http::spawn_proxy(move |request, _client| handle(&balancer, request))
}

fn main() {
    let (a, b) = (
        upstream::Upstream::answering("a"),
        upstream::Upstream::answering("b"),
    );
    let proxy = start(vec![a.addr(), b.addr()]);
    for _ in 0..4 {
        println!("{}", http::get(proxy, "/").body_text());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    fn served_by(proxy: SocketAddr) -> String {
        let response = http::get(proxy, "/");
        assert_eq!(
            response.status, 200,
            "the upstreams answer 200: {response:?}"
        );
        response.header("X-Upstream").unwrap_or("none").to_string()
    }

    #[test]
    fn two_upstreams_take_turns() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let proxy = start(vec![a.addr(), b.addr()]);
        let order: Vec<String> = (0..4).map(|_| served_by(proxy)).collect();
        assert_eq!(
            order,
            ["a", "b", "a", "b"],
            "round robin sends request 1 to the first upstream, request 2 to the second, then wraps around"
        );
    }

    #[test]
    fn wraps_around_three_upstreams() {
        let ups = [
            Upstream::answering("a"),
            Upstream::answering("b"),
            Upstream::answering("c"),
        ];
        let proxy = start(ups.iter().map(Upstream::addr).collect());
        let order: Vec<String> = (0..7).map(|_| served_by(proxy)).collect();
        assert_eq!(
            order,
            ["a", "b", "c", "a", "b", "c", "a"],
            "after the last upstream comes the first again"
        );
    }

    #[test]
    fn concurrent_requests_are_shared_evenly() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let proxy = start(vec![a.addr(), b.addr()]);
        let clients: Vec<_> = (0..20)
            .map(|_| std::thread::spawn(move || served_by(proxy)))
            .collect();
        let served: Vec<String> = clients.into_iter().map(|c| c.join().unwrap()).collect();
        let to_a = served.iter().filter(|name| *name == "a").count();
        assert_eq!(
            (to_a, served.len() - to_a),
            (10, 10),
            "20 requests at once over 2 upstreams: each gets exactly 10 when every pick takes its own turn from the shared counter"
        );
        assert_eq!(
            a.received().len() + b.received().len(),
            20,
            "every request reaches exactly one upstream"
        );
    }
}

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

struct RoundRobin {
    upstreams: Vec<SocketAddr>,
    next: AtomicUsize,
}

impl RoundRobin {
    /// The upstream for the next request: each in turn, wrapping around.
    fn pick(&self) -> SocketAddr {
        // TODO: take a turn from the shared counter `self.next` (`AtomicUsize` has a method
        // that adds and returns the old value in one step), and wrap around the upstreams.
        self.upstreams[0]
    }
}

fn start(upstreams: Vec<SocketAddr>) -> SocketAddr {
    let next = AtomicUsize::new(0);
    let balancer = RoundRobin { upstreams, next };
    http::spawn_proxy(move |request, _client| http::forward_or_502(balancer.pick(), &request))
}

fn main() {
    let a = upstream::Upstream::answering("a");
    let b = upstream::Upstream::answering("b");
    let proxy = start(vec![a.addr(), b.addr()]);
    println!("{:?}", [(); 4].map(|_| http::served_by(proxy)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use upstream::Upstream;

    #[test]
    fn two_upstreams_take_turns() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let proxy = start(vec![a.addr(), b.addr()]);
        let order: Vec<String> = (0..4).map(|_| http::served_by(proxy)).collect();
        let why = "request 1 goes to the first upstream, request 2 to the second, then around";
        assert_eq!(order, ["a", "b", "a", "b"], "{why}");
    }

    #[test]
    fn wraps_around_three_upstreams() {
        let ups = ["a", "b", "c"].map(Upstream::answering);
        let proxy = start(ups.iter().map(Upstream::addr).collect());
        let order: Vec<String> = (0..7).map(|_| http::served_by(proxy)).collect();
        let why = "after the last upstream comes the first again";
        assert_eq!(order, ["a", "b", "c", "a", "b", "c", "a"], "{why}");
    }

    #[test]
    fn concurrent_requests_are_shared_evenly() {
        let (a, b) = (Upstream::answering("a"), Upstream::answering("b"));
        let proxy = start(vec![a.addr(), b.addr()]);
        let served = http::served_concurrently(proxy, 20);
        let to_a = served.iter().filter(|name| *name == "a").count();
        let why = "20 requests at once over 2 upstreams: each gets exactly 10 when every pick \
                   takes its own turn from the shared counter";
        assert_eq!((to_a, served.len() - to_a), (10, 10), "{why}");
        let reached = a.received().len() + b.received().len();
        assert_eq!(reached, 20, "every request reaches exactly one upstream");
    }
}

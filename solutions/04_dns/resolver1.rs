// resolver1: a resolver that caches answers for as long as their TTL allows
//
// Applications do not ask authoritative servers themselves: they ask a resolver, which asks
// them and keeps the answers. Every record carries a TTL, the number of seconds it may be
// cached "before the source of the information should again be consulted" (RFC 1035 section
// 3.2.1). A TTL of 0 means: use it for this answer, do not cache it. Honouring the TTL is
// what lets the owner of a name move it to a new address: when the TTL runs out, every
// resolver asks again and learns the new one.
//
// The resolver asks a `Clock` for the time instead of calling `Instant::now()`. That is an
// injected clock (see `support/clock.rs`): the program hands it the real clock, the tests a
// fake one that only moves when they `advance` it, so they check a 300-second TTL in
// microseconds, with no sleeping and no dependence on how fast the machine is.
//
// Fix `lookup` so that a cached answer is used only until its TTL runs out.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/server.rs"]
mod server;
#[path = "support/upstream.rs"]
mod upstream;
#[path = "support/wire.rs"]
mod wire;

use clock::Clock;
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

impl<C: Clock> Resolver<C> {
    /// The `qtype` addresses of `name`, from the cache while they are fresh, else upstream.
    fn lookup(&mut self, name: &str, qtype: u16) -> io::Result<Vec<IpAddr>> {
        let key = (name.to_ascii_lowercase(), qtype);
        let now = self.clock.now();
        if let Some(cached) = self.cache.get(&key)
            && now < cached.expires_at
        {
            return Ok(cached.addrs.clone());
        }

        let answer = upstream::ask(self.upstream, name, qtype)?;
        let expires_at = now + Duration::from_secs(u64::from(answer.ttl));
        let cached = Cached {
            addrs: answer.addrs.clone(),
            expires_at,
        };
        self.cache.insert(key, cached);
        Ok(answer.addrs)
    }
}

/// A cached answer, and the time (on the resolver's clock) from which it is stale.
struct Cached {
    addrs: Vec<IpAddr>,
    expires_at: Duration,
}

struct Resolver<C: Clock> {
    upstream: SocketAddr,
    clock: C,
    /// Keyed by (lowercase name, type): an A answer says nothing about AAAA.
    cache: HashMap<(String, u16), Cached>,
}

impl<C: Clock> Resolver<C> {
    fn new(upstream: SocketAddr, clock: C) -> Self {
        let cache = HashMap::new();
        Resolver {
            upstream,
            clock,
            cache,
        }
    }
}

fn main() -> io::Result<()> {
    let (authority, _) = upstream::authority(wire::sample_zone(), HashMap::new());
    let mut resolver = Resolver::new(authority, clock::SystemClock::new());
    println!("{:?}", resolver.lookup("www.example.com", wire::TYPE_A)?);
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;
    use std::sync::atomic::Ordering::SeqCst;

    const WWW: &str = "www.example.com";

    /// A resolver on a fake clock, asking `upstream::test_authority()`; its query count.
    fn start() -> (Resolver<FakeClock>, impl Fn() -> usize, FakeClock) {
        let (authority, queries) = upstream::test_authority();
        let clock = FakeClock::new();
        let resolver = Resolver::new(authority, clock.clone());
        (resolver, move || queries.load(SeqCst), clock)
    }

    #[track_caller]
    fn lookup(resolver: &mut Resolver<FakeClock>, name: &str, qtype: u16) -> Vec<IpAddr> {
        let got = resolver.lookup(name, qtype);
        got.unwrap_or_else(|err| panic!("looking up {name}: {err}"))
    }

    #[test]
    fn answers_from_the_cache_until_the_ttl_runs_out() {
        let (mut resolver, asked, clock) = start();
        for (wait, queries, why) in [
            (0, 1, "the first lookup asks upstream"),
            (
                299,
                1,
                "after 299 of its 300 seconds the answer is fresh: from the cache",
            ),
            (
                1,
                2,
                "300 seconds have passed and the TTL was 300: stale, ask again",
            ),
        ] {
            clock.advance(wait);
            let got = lookup(&mut resolver, WWW, 1);
            assert_eq!(
                got,
                ["192.0.2.1".parse::<IpAddr>().unwrap()],
                "www's A record"
            );
            assert_eq!(asked(), queries, "{why}");
        }
    }

    #[test]
    fn a_ttl_of_zero_is_not_cached() {
        let (mut resolver, asked, _clock) = start();
        for round in 1..=3 {
            lookup(&mut resolver, "now.example.com", 1);
            let why = "TTL 0: use the answer once, never cache it (RFC 1035 section 3.2.1)";
            assert_eq!(asked(), round, "{why}");
        }
    }

    #[test]
    fn each_name_and_type_has_its_own_ttl() {
        let (mut resolver, asked, clock) = start();
        lookup(&mut resolver, WWW, 1);
        lookup(&mut resolver, "short.example.com", 1);
        let v6 = lookup(&mut resolver, WWW, 28);
        let why = "the AAAA record is a separate answer from the A record";
        assert_eq!(v6, ["2001:db8::1".parse::<IpAddr>().unwrap()], "{why}");
        assert_eq!(asked(), 3, "three questions, three queries");
        clock.advance(5);
        lookup(&mut resolver, WWW, 1);
        lookup(&mut resolver, WWW, 28);
        assert_eq!(asked(), 3, "www's TTL of 300 has not run out");
        lookup(&mut resolver, "short.example.com", 1);
        assert_eq!(
            asked(),
            4,
            "short's TTL of 5 has: after 5 seconds it is asked again"
        );
    }
}

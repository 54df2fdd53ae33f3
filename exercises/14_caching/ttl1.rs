// ttl1: a cache whose entries expire
//
// A cache trades freshness for speed: it answers from memory instead of asking the database or
// another service, so its answer may be out of date. A time-to-live (TTL) bounds how out of
// date: every entry expires a fixed time after it was stored, and the next read goes to the
// source again. This is the same idea as `max-age` in HTTP and `EXPIRE` in Redis.
//
// The cache asks a `Clock` (support/clock.rs) for the time instead of calling `Instant::now()`
// itself, so the tests move time forward by an hour in a nanosecond instead of sleeping.
//
// Make `get` treat an entry as gone from the moment it expires (and drop it), and make
// `purge_expired` clear out every expired entry.

use std::hash::Hash;

#[path = "support/clock.rs"]
mod clock;
#[path = "support/ttl.rs"]
mod ttl;
use clock::Clock;
use ttl::TtlCache;

// `TtlCache` and its `insert` are in support/ttl.rs: each entry knows its `expires_at`.
impl<K: Eq + Hash, V: Clone, C: Clock> TtlCache<K, V, C> {
    /// The value for `key` if there is one that has not expired yet. An entry is fresh strictly
    /// before its `expires_at`; from that instant on it counts as missing and is removed.
    pub fn get(&mut self, key: &K) -> Option<V> {
        // TODO: ask `self.clock` for the time, and treat an expired entry as missing (and
        // remove it) instead of returning a stale value.
        self.entries.get(key).map(|entry| entry.value.clone())
    }

    /// Removes every expired entry and returns how many it removed. A cache that only removes
    /// entries when they are read again would keep keys nobody asks for in memory forever.
    pub fn purge_expired(&mut self) -> usize {
        // TODO: remove the expired entries and count them.
        0
    }
}

fn main() {
    let mut cache = TtlCache::new(clock::SystemClock, std::time::Duration::from_secs(60));
    cache.insert("greeting", "hello");
    println!("{:?} ({} entry)", cache.get(&"greeting"), cache.len());
    println!("purged {}", cache.purge_expired());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FakeClock;
    use std::time::Duration;

    const MINUTE: Duration = Duration::from_secs(60);
    const NANO: Duration = Duration::from_nanos(1);

    #[test]
    fn entries_expire_exactly_at_the_ttl() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        clock.advance(MINUTE - NANO);
        assert_eq!(
            cache.get(&"user:1"),
            Some("Ada"),
            "one nanosecond before the TTL"
        );
        clock.advance(NANO);
        assert_eq!(
            cache.get(&"user:1"),
            None,
            "at the TTL, the entry has expired"
        );
        assert_eq!(cache.len(), 0, "reading an expired entry removes it");
    }

    #[test]
    fn inserting_again_restarts_the_ttl() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        clock.advance(Duration::from_secs(50));
        cache.insert("user:1", "Ada Lovelace");
        clock.advance(Duration::from_secs(50));
        let why = "stored again 50 s ago, it is fresh for 10 s more";
        assert_eq!(cache.get(&"user:1"), Some("Ada Lovelace"), "{why}");
        clock.advance(Duration::from_secs(10));
        assert_eq!(
            cache.get(&"user:1"),
            None,
            "a minute after the second insert"
        );
    }

    #[test]
    fn purge_removes_only_expired_entries() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("old", 1);
        clock.advance(Duration::from_secs(30));
        cache.insert("new", 2);
        clock.advance(Duration::from_secs(30));
        assert_eq!(
            cache.purge_expired(),
            1,
            "\"old\" is a minute old, \"new\" is not"
        );
        assert_eq!(cache.get(&"new"), Some(2), "the fresh entry stays");
        assert_eq!(cache.purge_expired(), 0, "nothing more has expired");
        clock.advance(Duration::from_secs(30));
        assert_eq!(cache.purge_expired(), 1, "now \"new\" has expired too");
        assert_eq!(cache.len(), 0, "and the cache is empty");
    }
}

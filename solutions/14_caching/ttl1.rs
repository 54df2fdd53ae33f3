// ttl1: a cache whose entries expire
//
// A cache trades freshness for speed: it answers from memory instead of asking the database or
// another service, so its answer may be out of date. A time-to-live (TTL) bounds how out of
// date: every entry expires a fixed time after it was stored, and the next read goes to the
// source again. This is the same idea as `max-age` in HTTP and `EXPIRE` in Redis.
//
// The cache asks a `Clock` for the time instead of calling `Instant::now()` itself, so the
// tests can move time forward by an hour in a nanosecond instead of sleeping.
//
// `insert` already stores when each entry expires. Make `get` treat an entry as gone from the
// moment it expires (and drop it), and make `purge_expired` clear out every expired entry.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

pub trait Clock {
    fn now(&self) -> Instant;
}

/// The real clock, for production.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// Lets a cache borrow a clock that the caller (a test) keeps hold of.
impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> Instant {
        (**self).now()
    }
}

/// A clock for tests: it stands still until told to move.
pub struct FakeClock {
    now: Cell<Instant>,
}

impl FakeClock {
    pub fn new() -> Self {
        // Any instant will do as a starting point: only differences matter.
        FakeClock {
            now: Cell::new(Instant::now()),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.now.get()
    }
}

struct Entry<V> {
    value: V,
    expires_at: Instant,
}

pub struct TtlCache<K, V, C> {
    clock: C,
    ttl: Duration,
    entries: HashMap<K, Entry<V>>,
}

impl<K: Eq + Hash, V: Clone, C: Clock> TtlCache<K, V, C> {
    pub fn new(clock: C, ttl: Duration) -> Self {
        TtlCache {
            clock,
            ttl,
            entries: HashMap::new(),
        }
    }

    /// Stores `value`, replacing any older entry; it expires `ttl` from now.
    pub fn insert(&mut self, key: K, value: V) {
        let expires_at = self.clock.now() + self.ttl;
        self.entries.insert(key, Entry { value, expires_at });
    }

    /// The value for `key` if there is one that has not expired yet. An entry is fresh strictly
    /// before its `expires_at`; from that instant on it counts as missing and is removed.
    pub fn get(&mut self, key: &K) -> Option<V> {
        let now = self.clock.now();
        match self.entries.get(key) {
            Some(entry) if now < entry.expires_at => Some(entry.value.clone()),
            Some(_) => {
                self.entries.remove(key);
                None
            }
            None => None,
        }
    }

    /// Removes every expired entry and returns how many it removed. A cache that only removes
    /// entries when they are read again would keep keys nobody asks for in memory forever.
    pub fn purge_expired(&mut self) -> usize {
        let now = self.clock.now();
        let before = self.entries.len();
        self.entries.retain(|_, entry| now < entry.expires_at);
        before - self.entries.len()
    }

    /// How many entries are stored, expired or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn main() {
    let mut cache = TtlCache::new(SystemClock, Duration::from_secs(60));
    cache.insert("greeting", "hello");
    println!("{:?} ({} entry)", cache.get(&"greeting"), cache.len());
    println!("purged {}", cache.purge_expired());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    #[test]
    fn fresh_entries_are_returned() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        assert_eq!(cache.get(&"user:1"), Some("Ada"));
        clock.advance(Duration::from_secs(59));
        assert_eq!(cache.get(&"user:1"), Some("Ada"));
        assert_eq!(cache.get(&"user:2"), None);
    }

    #[test]
    fn entries_expire_exactly_at_the_ttl() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        clock.advance(MINUTE - Duration::from_nanos(1));
        assert_eq!(cache.get(&"user:1"), Some("Ada"), "one nanosecond before");
        clock.advance(Duration::from_nanos(1));
        assert_eq!(cache.get(&"user:1"), None, "at the TTL, the entry is gone");
    }

    #[test]
    fn reading_an_expired_entry_removes_it() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        clock.advance(2 * MINUTE);
        assert_eq!(cache.get(&"user:1"), None);
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn inserting_again_restarts_the_ttl() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("user:1", "Ada");
        clock.advance(Duration::from_secs(50));
        cache.insert("user:1", "Ada Lovelace");
        clock.advance(Duration::from_secs(50));
        assert_eq!(cache.get(&"user:1"), Some("Ada Lovelace"));
        clock.advance(Duration::from_secs(10));
        assert_eq!(cache.get(&"user:1"), None);
    }

    #[test]
    fn purge_removes_only_expired_entries() {
        let clock = FakeClock::new();
        let mut cache = TtlCache::new(&clock, MINUTE);
        cache.insert("old", 1);
        clock.advance(Duration::from_secs(30));
        cache.insert("new", 2);
        clock.advance(Duration::from_secs(30));

        assert_eq!(cache.purge_expired(), 1);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get(&"new"), Some(2));
        assert_eq!(cache.purge_expired(), 0);

        clock.advance(Duration::from_secs(30));
        assert_eq!(cache.purge_expired(), 1);
        assert_eq!(cache.len(), 0);
    }
}

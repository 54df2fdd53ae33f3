// lru1: evicting the least recently used entry
//
// Memory is finite, so a cache has a capacity, and when it is full something must go. The
// classic choice is LRU, least recently used: throw out the entry that nobody has touched for
// the longest time, on the bet that recently used keys will be used again soon. Redis
// (`maxmemory-policy allkeys-lru`), CPU caches and database buffer pools all make this bet.
//
// This cache keeps the recency order with a counter: every use of a key stamps it with the next
// tick, and `order` maps tick -> key, so the smallest tick in `order` is always the least
// recently used key. Both maps must stay in step: every key in `map` has exactly one tick in
// `order`.
//
// Finish `touch`, make `get` count as a use, and make `put` evict the right entry (and nothing
// when it only updates a key that is already there).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

pub struct LruCache<K, V> {
    capacity: usize,
    /// key -> (value, the tick of its last use)
    map: HashMap<K, (V, u64)>,
    /// tick of last use -> key, oldest first
    order: BTreeMap<u64, K>,
    next_tick: u64,
}

impl<K: Eq + Hash + Clone, V> LruCache<K, V> {
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "a cache needs room for at least one entry");
        LruCache {
            capacity,
            map: HashMap::new(),
            order: BTreeMap::new(),
            next_tick: 0,
        }
    }

    /// Marks `key` (which must be in `map`) as used just now.
    fn touch(&mut self, key: &K) {
        // TODO: take the next tick, give it to `key` in `map`, and move `key` in `order` from
        // its old tick to the new one (so it has exactly one tick there).
        let _ = key;
    }

    /// The value for `key`; reading it makes it the most recently used entry.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        // TODO: a read is a use.
        self.map.get(key).map(|(value, _)| value)
    }

    /// Looks without counting as a use (for monitoring and tests).
    pub fn peek(&self, key: &K) -> Option<&V> {
        self.map.get(key).map(|(value, _)| value)
    }

    /// Stores `value` as the most recently used entry. If that makes the cache go over capacity,
    /// removes the least recently used entry and returns it.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        // TODO: if `key` is already cached, replace its value and touch it: nothing is evicted.

        // TODO: which end of `order` holds the least recently used key?
        let evicted = if self.map.len() == self.capacity {
            self.order
                .pop_last()
                .and_then(|(_, oldest)| self.map.remove_entry(&oldest))
                .map(|(key, (value, _))| (key, value))
        } else {
            None
        };
        let tick = self.next_tick;
        self.next_tick += 1;
        self.order.insert(tick, key.clone());
        self.map.insert(key, (value, tick));
        evicted
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn main() {
    let mut cache = LruCache::new(2);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.get(&"a");
    println!("evicted {:?}", cache.put("c", 3));
    println!("{} entries, a = {:?}", cache.len(), cache.peek(&"a"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Every key in `map` has exactly one tick in `order`, and that tick is the one in `map`.
    fn assert_in_step<K: Eq + Hash + Clone + std::fmt::Debug, V>(cache: &LruCache<K, V>) {
        assert_eq!(
            cache.order.len(),
            cache.map.len(),
            "`order` and `map` disagree"
        );
        for (tick, key) in &cache.order {
            assert_eq!(
                cache.map.get(key).map(|(_, t)| t),
                Some(tick),
                "key {key:?}"
            );
        }
    }

    #[test]
    fn evicts_the_oldest_entry_when_full() {
        let mut cache = LruCache::new(2);
        assert_eq!(cache.put("a", 1), None);
        assert_eq!(cache.put("b", 2), None);
        assert_eq!(cache.put("c", 3), Some(("a", 1)));
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.peek(&"a"), None);
        assert_eq!(cache.peek(&"b"), Some(&2));
        assert_eq!(cache.peek(&"c"), Some(&3));
        assert_in_step(&cache);
    }

    #[test]
    fn get_counts_as_a_use() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.get(&"a"), Some(&1));
        assert_eq!(cache.put("c", 3), Some(("b", 2)), "`a` was used after `b`");
        assert_eq!(cache.get(&"a"), Some(&1));
        assert_eq!(cache.get(&"missing"), None);
        assert_in_step(&cache);
    }

    #[test]
    fn peek_does_not_count_as_a_use() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.peek(&"a"), Some(&1));
        assert_eq!(cache.put("c", 3), Some(("a", 1)));
    }

    #[test]
    fn updating_a_key_replaces_it_without_evicting() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(
            cache.put("a", 10),
            None,
            "nothing to evict: `a` is already there"
        );
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.peek(&"a"), Some(&10));
        assert_in_step(&cache);
        assert_eq!(cache.put("c", 3), Some(("b", 2)), "updating `a` was a use");
        assert_in_step(&cache);
    }

    #[test]
    fn never_grows_past_capacity() {
        let mut cache = LruCache::new(3);
        for i in 0..1000 {
            cache.put(i, i * 2);
            if i % 7 == 0 {
                cache.get(&(i / 2));
            }
            assert!(
                cache.len() <= 3,
                "{} entries after putting {i}",
                cache.len()
            );
        }
        assert_eq!(cache.peek(&999), Some(&1998));
        assert_eq!(cache.peek(&998), Some(&1996));
        assert_in_step(&cache);
    }
}

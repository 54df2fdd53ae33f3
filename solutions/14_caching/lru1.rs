// lru1: evicting the least recently used entry
//
// Memory is finite, so a cache has a capacity, and when it is full something must go. The
// classic choice is LRU, least recently used: throw out the entry nobody has touched for the
// longest time, betting that recently used keys will be used again soon. Redis (`allkeys-lru`,
// approximated by sampling), CPU caches and database buffer pools all make this bet.
//
// This cache (support/lru.rs) keeps the recency order with a counter: every use of a key
// stamps it with the next tick, and `order` maps tick -> key, so its smallest tick is the
// least recently used key. Every key in `map` has exactly one tick in `order`.
//
// Finish `touch`, and make `evict_oldest` take from the right end of `order`. (`get` and
// `put`, which call them, are in support/lru.rs.)

use std::hash::Hash;

#[path = "support/lru.rs"]
mod lru;
use lru::LruCache;

impl<K: Eq + Hash + Clone, V> LruCache<K, V> {
    /// Marks `key` (which must be in `map`) as used just now.
    fn touch(&mut self, key: &K) {
        let tick = self.next_tick;
        self.next_tick += 1;
        if let Some((_, last_used)) = self.map.get_mut(key) {
            self.order.remove(last_used);
            *last_used = tick;
            self.order.insert(tick, key.clone());
        }
    }

    /// Removes the least recently used entry, and returns it.
    fn evict_oldest(&mut self) -> Option<(K, V)> {
        // TODO: which end of `order` holds the least recently used key?
        let (_, oldest) = self.order.pop_first()?;
        let (key, (value, _)) = self.map.remove_entry(&oldest)?;
        Some((key, value))
    }
}

fn main() {
    let mut cache = LruCache::new(1);
    cache.put("a", 1);
    println!("evicted {:?}", cache.put("b", 2));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::lru::assert_in_step;

    #[test]
    fn evicts_the_least_recently_put_entry_when_full() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.put("c", 3), Some(("a", 1)), "`a` is the oldest entry");
        assert_eq!(cache.peek(&"c"), Some(&3), "the new entry is stored");
        assert_eq!(cache.len(), 2, "and the cache stays at its capacity");
    }

    #[test]
    fn get_counts_as_a_use() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.get(&"a"), Some(&1), "`a` is there");
        assert_in_step(&cache);
        assert_eq!(cache.put("c", 3), Some(("b", 2)), "`a` was used after `b`");
    }

    #[test]
    fn updating_a_key_counts_as_a_use() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        let evicted = cache.put("a", 10);
        assert_eq!(evicted, None, "`a` is already there: nothing to evict");
        assert_in_step(&cache);
        assert_eq!(cache.put("c", 3), Some(("b", 2)), "updating `a` was a use");
    }
}

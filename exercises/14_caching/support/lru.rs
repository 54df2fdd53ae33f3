//! The LRU cache of lru1: its two maps, `get` and `put`. Marking a key as used (`touch`) and
//! evicting the oldest entry (`evict_oldest`) are the exercise, in lru1.rs (an `impl` block
//! may live in any module of the crate). You don't need to edit it.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::hash::Hash;

pub struct LruCache<K, V> {
    pub capacity: usize,
    /// key -> (value, the tick of its last use)
    pub map: HashMap<K, (V, u64)>,
    /// tick of last use -> key, oldest first
    pub order: BTreeMap<u64, K>,
    /// The tick the next use gets.
    pub next_tick: u64,
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

    /// The value for `key`; reading it makes it the most recently used entry.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        if self.map.contains_key(key) {
            self.touch(key);
        }
        self.peek(key)
    }

    /// Stores `value` as the most recently used entry. If that makes the cache go over
    /// capacity, removes the least recently used entry and returns it.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(entry) = self.map.get_mut(&key) {
            entry.0 = value;
            self.touch(&key);
            return None;
        }
        let evicted = if self.map.len() == self.capacity {
            self.evict_oldest()
        } else {
            None
        };
        let tick = self.next_tick;
        self.next_tick += 1;
        self.order.insert(tick, key.clone());
        self.map.insert(key, (value, tick));
        evicted
    }

    /// Looks without counting as a use (for monitoring and tests).
    pub fn peek(&self, key: &K) -> Option<&V> {
        self.map.get(key).map(|(value, _)| value)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }
}

/// Every key in `map` has exactly one tick in `order`, and that tick is the one in `map`.
#[track_caller]
pub fn assert_in_step<K: Eq + Hash + Clone + Debug, V>(cache: &LruCache<K, V>) {
    let (keys, ticks) = (cache.map.len(), cache.order.len());
    assert_eq!(ticks, keys, "`order` must hold one tick per key of `map`");
    for (tick, key) in &cache.order {
        let in_map = cache.map.get(key).map(|(_, t)| t);
        assert_eq!(
            in_map,
            Some(tick),
            "key {key:?}: `map` and `order` disagree"
        );
    }
}

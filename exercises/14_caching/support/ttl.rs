//! The TTL cache of ttl1: its entries, and storing them. Reading them is the exercise, in
//! ttl1.rs (an `impl` block may live in any module of the crate). You don't need to edit it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

use crate::clock::Clock;

pub struct Entry<V> {
    pub value: V,
    /// The entry is fresh strictly before this instant.
    pub expires_at: Instant,
}

pub struct TtlCache<K, V, C> {
    pub clock: C,
    pub ttl: Duration,
    pub entries: HashMap<K, Entry<V>>,
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

    /// How many entries are stored, expired or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

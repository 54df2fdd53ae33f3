//! A consistent-hash ring for the sharding exercises: key positions (SHA-256, the same on
//! every machine), the ring itself with the exercise's rule plugged in (`with_node_for`,
//! `with_add_node`), and test helpers.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

/// The points on the ring, and the node each belongs to.
pub type Points = BTreeMap<u64, String>;
/// Which node owns `key`.
pub type NodeForFn = for<'a> fn(points: &'a Points, key: &str) -> Option<&'a str>;
/// Puts `node`'s points on the ring.
pub type AddNodeFn = fn(points: &mut Points, node: &str, vnodes: u32);

/// A key's place on the ring: the first 8 bytes of its SHA-256, big-endian. Rust's `HashMap`
/// hasher is seeded per process and `DefaultHasher` may change between releases, so neither
/// would put a key at the same place on every machine.
pub fn position(key: &str) -> u64 {
    let digest = Sha256::digest(key.as_bytes());
    u64::from_be_bytes(digest[..8].try_into().unwrap())
}

/// The naive rule, for comparison: `hash % n`.
pub fn modulo_shard<'a>(key: &str, nodes: &[&'a str]) -> &'a str {
    nodes[(position(key) % nodes.len() as u64) as usize]
}

/// The first point at or after the key's position, going round past the top.
pub fn node_for<'a>(points: &'a Points, key: &str) -> Option<&'a str> {
    points
        .range(position(key)..)
        .next()
        .or_else(|| points.first_key_value())
        .map(|(_, node)| node.as_str())
}

/// `vnodes` points per node, at the positions of `"{node}#0"` ... `"{node}#{vnodes - 1}"`.
pub fn add_node(points: &mut Points, node: &str, vnodes: u32) {
    for i in 0..vnodes {
        points.insert(position(&format!("{node}#{i}")), node.to_string());
    }
}

/// A ring of nodes with `vnodes` points each.
pub struct Ring {
    pub points: Points,
    vnodes: u32,
    node_for: NodeForFn,
    add_node: AddNodeFn,
}

impl Ring {
    pub fn new(vnodes: u32) -> Ring {
        Ring {
            points: Points::new(),
            vnodes,
            node_for,
            add_node,
        }
    }

    /// The same ring, looking keys up with another rule.
    pub fn with_node_for(self, node_for: NodeForFn) -> Ring {
        Ring { node_for, ..self }
    }

    /// The same ring, adding nodes with another rule.
    pub fn with_add_node(self, add_node: AddNodeFn) -> Ring {
        Ring { add_node, ..self }
    }

    /// The same ring with these nodes added.
    pub fn with_nodes(mut self, nodes: &[&str]) -> Ring {
        for node in nodes {
            self.add_node(node);
        }
        self
    }

    pub fn add_node(&mut self, node: &str) {
        (self.add_node)(&mut self.points, node, self.vnodes);
    }

    pub fn remove_node(&mut self, node: &str) {
        self.points.retain(|_, owner| owner != node);
    }

    /// The node that owns `key`, or `None` on an empty ring.
    pub fn node_for(&self, key: &str) -> Option<&str> {
        (self.node_for)(&self.points, key)
    }

    /// The owner of each key (`"(none)"` for a key with no owner).
    pub fn owners(&self, keys: &[String]) -> Vec<String> {
        keys.iter()
            .map(|k| self.node_for(k).unwrap_or("(none)").to_string())
            .collect()
    }

    /// How many of `keys` each node owns.
    pub fn load(&self, keys: &[String]) -> HashMap<String, usize> {
        let mut load = HashMap::new();
        for owner in self.owners(keys) {
            *load.entry(owner).or_default() += 1;
        }
        load
    }
}

/// `user:0` ... `user:{n - 1}`.
pub fn keys(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user:{i}")).collect()
}

/// The share of keys whose owner differs between `before` and `after`, in percent.
pub fn moved_percent(before: &[String], after: &[String]) -> f64 {
    let moved = before.iter().zip(after).filter(|(a, b)| a != b).count();
    100.0 * moved as f64 / before.len() as f64
}

/// Each node's share of `keys(10_000)`, in percent.
pub fn shares(ring: &Ring) -> HashMap<String, f64> {
    let load = ring.load(&keys(10_000));
    load.into_iter()
        .map(|(node, n)| (node, n as f64 / 100.0))
        .collect()
}

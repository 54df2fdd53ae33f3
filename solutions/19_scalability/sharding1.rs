// sharding1: consistent hashing
//
// When one database (or cache) can't hold all the data, you split it across several
// servers: shards. Each key needs a home, and every server in the fleet must agree on it
// without asking anyone. The obvious rule, `hash(key) % number_of_shards`, has a flaw: add a
// fifth shard to four and `% 5` sends about 80% of the keys somewhere else. They all have to
// move (or, for a cache, all miss at once).
//
// Consistent hashing puts both the shards and the keys on a ring: the 2^64 values of a u64,
// where the largest wraps around to 0. A key belongs to the first shard point at or after the
// key's own position, going clockwise (and past the top, back to the smallest point). Adding a
// shard only takes over the keys between its points and the points before them: about 1/5 of
// them when going from 4 shards to 5. Each shard gets many points ("virtual nodes"), named
// `"{node}#{i}"`, so the ring is cut into many small arcs and the load evens out.
//
// The hash must be the same on every machine and in every version of the program. Rust's
// `HashMap` hasher is seeded randomly per process, and `DefaultHasher` may change between Rust
// releases, so `position` uses the first 8 bytes of SHA-256.
//
// Fix `Ring::add_node` (TODO 1) and `Ring::node_for` (TODO 2).

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// A key's place on the ring: the first 8 bytes of its SHA-256, big-endian.
pub fn position(key: &str) -> u64 {
    let digest = Sha256::digest(key.as_bytes());
    u64::from_be_bytes(digest[..8].try_into().unwrap())
}

/// The naive rule, for comparison.
pub fn modulo_shard<'a>(key: &str, nodes: &[&'a str]) -> &'a str {
    nodes[(position(key) % nodes.len() as u64) as usize]
}

pub struct Ring {
    /// The points on the ring, and the node each belongs to.
    points: BTreeMap<u64, String>,
    /// Points per node.
    vnodes: u32,
}

impl Ring {
    pub fn new(vnodes: u32) -> Self {
        Ring {
            points: BTreeMap::new(),
            vnodes,
        }
    }

    /// Puts `vnodes` points for `node` on the ring, at the positions of
    /// `"{node}#0"`, `"{node}#1"`, ... `"{node}#{vnodes - 1}"`.
    pub fn add_node(&mut self, node: &str) {
        for i in 0..self.vnodes {
            self.points
                .insert(position(&format!("{node}#{i}")), node.to_string());
        }
    }

    pub fn remove_node(&mut self, node: &str) {
        self.points.retain(|_, owner| owner != node);
    }

    /// The node that owns `key`, or `None` on an empty ring.
    pub fn node_for(&self, key: &str) -> Option<&str> {
        self.points
            .range(position(key)..)
            .next()
            .or_else(|| self.points.first_key_value())
            .map(|(_, node)| node.as_str())
    }
}

fn main() {
    let mut ring = Ring::new(100);
    for node in ["db-a", "db-b", "db-c"] {
        ring.add_node(node);
    }
    for user in ["user:1", "user:2", "user:3", "user:4"] {
        println!("{user} lives on {}", ring.node_for(user).unwrap());
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const KEYS: usize = 10_000;

    fn keys() -> Vec<String> {
        (0..KEYS).map(|i| format!("user:{i}")).collect()
    }

    fn ring_of(nodes: &[&str]) -> Ring {
        let mut ring = Ring::new(100);
        for node in nodes {
            ring.add_node(node);
        }
        ring
    }

    fn owners(ring: &Ring, keys: &[String]) -> Vec<String> {
        keys.iter()
            .map(|k| {
                ring.node_for(k)
                    .unwrap_or_else(|| panic!("no node for {k}"))
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn positions_are_the_same_everywhere() {
        // SHA-256("") starts with e3b0c442 98fc1c14.
        assert_eq!(position(""), 0xe3b0c44298fc1c14);
        assert_eq!(position("user:1"), position("user:1"));
    }

    #[test]
    fn an_empty_ring_has_no_node() {
        assert_eq!(Ring::new(100).node_for("user:1"), None);
    }

    #[test]
    fn a_node_gets_one_point_per_virtual_node() {
        let ring = ring_of(&["db-a", "db-b"]);
        assert_eq!(ring.points.len(), 200);
        assert_eq!(
            ring.points.get(&position("db-a#0")).map(String::as_str),
            Some("db-a")
        );
        assert_eq!(
            ring.points.get(&position("db-b#99")).map(String::as_str),
            Some("db-b")
        );
    }

    #[test]
    fn keys_past_the_last_point_wrap_around_to_the_first() {
        let mut ring = Ring::new(1);
        ring.add_node("a");
        ring.add_node("b");
        let (&last, _) = ring.points.last_key_value().unwrap();
        let (_, first_owner) = ring.points.first_key_value().unwrap();
        let past_the_end: Vec<String> = keys()
            .into_iter()
            .filter(|k| position(k) > last)
            .take(20)
            .collect();
        assert!(!past_the_end.is_empty());
        for key in &past_the_end {
            assert_eq!(
                ring.node_for(key),
                Some(first_owner.as_str()),
                "{key} is past the last point: it wraps around to the first"
            );
        }
    }

    #[test]
    fn a_key_on_a_point_belongs_to_that_point() {
        let ring = ring_of(&["db-a", "db-b", "db-c"]);
        // "db-b#7" is where one of db-b's points is.
        assert_eq!(ring.node_for("db-b#7"), Some("db-b"));
        assert_eq!(ring.node_for("db-c#42"), Some("db-c"));
    }

    #[test]
    fn keys_go_to_the_same_nodes_on_every_machine() {
        let ring = ring_of(&["db-a", "db-b", "db-c"]);
        let found: Vec<&str> = ["user:1", "user:2", "user:3", "user:4", "user:5"]
            .iter()
            .map(|k| ring.node_for(k).unwrap())
            .collect();
        assert_eq!(found, ["db-b", "db-b", "db-c", "db-a", "db-c"]);
    }

    #[test]
    fn the_load_is_spread_evenly() {
        let ring = ring_of(&["db-a", "db-b", "db-c", "db-d"]);
        let mut load: HashMap<String, usize> = HashMap::new();
        for owner in owners(&ring, &keys()) {
            *load.entry(owner).or_default() += 1;
        }
        assert_eq!(load.len(), 4, "every node gets keys: {load:?}");
        for (node, n) in &load {
            let share = *n as f64 / KEYS as f64;
            assert!(
                (0.17..=0.33).contains(&share),
                "{node} holds {:.0}% of the keys: {load:?}",
                share * 100.0
            );
        }
    }

    #[test]
    fn adding_a_node_moves_few_keys_and_only_to_it() {
        let keys = keys();
        let before = owners(&ring_of(&["db-a", "db-b", "db-c", "db-d"]), &keys);
        let after = owners(&ring_of(&["db-a", "db-b", "db-c", "db-d", "db-e"]), &keys);
        let mut moved = 0;
        for (old, new) in before.iter().zip(&after) {
            if old != new {
                moved += 1;
                assert_eq!(new, "db-e", "a key moved from {old} to {new}");
            }
        }
        let share = moved as f64 / KEYS as f64;
        assert!(
            (0.1..=0.3).contains(&share),
            "{:.0}% of the keys moved, about 20% should",
            share * 100.0
        );
    }

    #[test]
    fn removing_a_node_only_moves_its_own_keys() {
        let keys = keys();
        let mut ring = ring_of(&["db-a", "db-b", "db-c", "db-d"]);
        let before = owners(&ring, &keys);
        ring.remove_node("db-b");
        let after = owners(&ring, &keys);
        for (old, new) in before.iter().zip(&after) {
            if old == "db-b" {
                assert_ne!(new, "db-b");
            } else {
                assert_eq!(old, new, "a key that was not on db-b moved");
            }
        }
    }

    #[test]
    fn modulo_moves_most_keys() {
        // For comparison: this is why `% n` is a poor way to shard.
        let keys = keys();
        let four = ["db-a", "db-b", "db-c", "db-d"];
        let five = ["db-a", "db-b", "db-c", "db-d", "db-e"];
        let moved = keys
            .iter()
            .filter(|k| modulo_shard(k, &four) != modulo_shard(k, &five))
            .count();
        assert!(moved as f64 / KEYS as f64 > 0.7, "{moved} moved");
    }
}

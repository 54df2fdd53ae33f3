// sharding1: consistent hashing
//
// When one database can't hold all the data, you split it across several: shards. Every
// server must agree on each key's shard without asking anyone. `hash(key) % shards` does, but
// going from 4 shards to 5 moves about 80% of the keys. Consistent hashing puts shards and keys
// on a ring (the 2^64 values of a u64, the largest wrapping round to 0): a key belongs to the
// first shard point at or after its own position, and past the last point, to the first one.
// Adding a shard then moves only the keys it takes over, about 1/5 of them from 4 to 5.
//
// Fix `node_for`: it's a ring, wrap round.

#[path = "support/ring.rs"]
mod ring;

use ring::{Points, Ring, position};

/// The node that owns `key`: the first point at or after the key's position.
fn node_for<'a>(points: &'a Points, key: &str) -> Option<&'a str> {
    let at_or_after = points.range(position(key)..).next();
    let point = at_or_after.or_else(|| points.first_key_value());
    point.map(|(_, node)| node.as_str())
}

fn main() {
    let ring = Ring::new(100)
        .with_node_for(node_for)
        .with_nodes(&["a", "b", "c"]);
    for key in ["user:1", "user:2", "user:3", "user:4"] {
        println!("{key} lives on {:?}", ring.node_for(key));
    }
}

#[cfg(test)]
mod tests {
    use crate::ring::{Ring, keys, moved_percent, position};

    fn ring(vnodes: u32, nodes: &[&str]) -> Ring {
        Ring::new(vnodes)
            .with_node_for(super::node_for)
            .with_nodes(nodes)
    }

    #[test]
    fn keys_past_the_last_point_wrap_round_to_the_first() {
        let ring = ring(1, &["a", "b"]);
        let (&last, _) = ring.points.last_key_value().unwrap();
        let first = ring.points.first_key_value().map(|(_, node)| node.as_str());
        for key in keys(10_000).iter().filter(|k| position(k) > last).take(20) {
            let why = format!("{key} is past the last point: it goes round to the first");
            assert_eq!(ring.node_for(key), first, "{why}");
        }
    }

    #[test]
    fn adding_a_node_moves_few_keys_and_only_to_it() {
        let keys = keys(10_000);
        let before = ring(100, &["db-a", "db-b", "db-c", "db-d"]).owners(&keys);
        let after = ring(100, &["db-a", "db-b", "db-c", "db-d", "db-e"]).owners(&keys);
        for (old, new) in before.iter().zip(&after).filter(|(old, new)| old != new) {
            assert_eq!(
                new, "db-e",
                "a key moved from {old}: only to the new node, db-e"
            );
        }
        let moved = moved_percent(&before, &after);
        let why = format!("{moved:.0}% of the keys moved, about 20% should");
        assert!((10.0..=30.0).contains(&moved), "{why}");
    }
}

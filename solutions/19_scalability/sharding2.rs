// sharding2: virtual nodes
//
// With one point per shard, the ring is cut into as many arcs as there are shards, and their
// lengths are random: one shard may own half the keys and another a tenth. Give each shard
// many points ("virtual nodes", here at the positions of `"{node}#0"`, `"{node}#1"`, ...) and
// the ring is cut into many small arcs, so each shard's share evens out; when a shard leaves,
// its keys spread over all the others instead of landing on one neighbour. A bigger machine
// can get more points than a small one.
//
// Fix `add_node`.

#[path = "support/ring.rs"]
mod ring;

use ring::{Points, Ring, position};

/// Puts `vnodes` points for `node` on the ring, at the positions of `"{node}#{i}"`.
fn add_node(points: &mut Points, node: &str, vnodes: u32) {
    for i in 0..vnodes {
        points.insert(position(&format!("{node}#{i}")), node.to_string());
    }
}

fn main() {
    let ring = Ring::new(100).with_add_node(add_node);
    println!("{:?}", ring::shares(&ring.with_nodes(&["a", "b", "c"])));
}

#[cfg(test)]
mod tests {
    use crate::ring::{Ring, position, shares};

    fn ring(nodes: &[&str]) -> Ring {
        Ring::new(100)
            .with_add_node(super::add_node)
            .with_nodes(nodes)
    }

    #[test]
    fn a_node_gets_one_point_per_virtual_node() {
        let ring = ring(&["db-a", "db-b"]);
        assert_eq!(
            ring.points.len(),
            200,
            "2 nodes with 100 virtual nodes each"
        );
        for (name, node) in [("db-a#0", "db-a"), ("db-b#99", "db-b")] {
            let owner = ring.points.get(&position(name)).map(String::as_str);
            assert_eq!(
                owner,
                Some(node),
                "the point at position(\"{name}\") belongs to {node}"
            );
        }
    }

    #[test]
    fn the_load_is_spread_evenly() {
        let mut ring = ring(&["db-a", "db-b", "db-c", "db-d"]);
        for (nodes, low, high) in [(4, 17.0, 33.0), (3, 25.0, 41.0)] {
            let shares = shares(&ring);
            for (node, share) in &shares {
                let ok = (low..=high).contains(share);
                assert!(
                    ok,
                    "of {nodes} nodes, {node} holds {share}% of the keys: {shares:?}"
                );
            }
            ring.remove_node("db-b");
        }
    }
}

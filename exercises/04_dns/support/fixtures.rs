//! The tests' zones and their DNS client: they start your server on a zone, send it queries
//! built by hickory and read its responses with hickory (support code: you don't need to
//! edit it). Used with `support/server.rs`, `support/wire.rs` and `support/oracle.rs`.
#![allow(dead_code)]

use crate::{oracle, server, wire};
use hickory_proto::op::Message;
use hickory_proto::rr::RecordType;
use std::net::{IpAddr, SocketAddr};

/// www has one IPv4 address, dual one of each kind, many three IPv4 addresses.
pub fn answer_zone() -> wire::Zone {
    wire::zone(&[
        ("www.example.com", "192.0.2.1"),
        ("dual.example.com", "192.0.2.2"),
        ("dual.example.com", "2001:db8::2"),
        ("many.example.com", "192.0.2.10"),
        ("many.example.com", "192.0.2.11"),
        ("many.example.com", "192.0.2.12"),
    ])
}

/// example.com has only an IPv4 address; www.example.com one of each kind.
pub fn nxdomain_zone() -> wire::Zone {
    wire::zone(&[
        ("example.com", "192.0.2.1"),
        ("www.example.com", "192.0.2.1"),
        ("www.example.com", "2001:db8::1"),
    ])
}

/// small.example.com has one IPv6 address; big.example.com 40 (about 1,700 bytes of
/// records); exactlyfitting.fit.example.com 8, which make a response of exactly 512 bytes.
pub fn truncation_zone() -> wire::Zone {
    let mut zone = wire::zone(&[("small.example.com", "2001:db8::1")]);
    let v6 = |n: u16| -> Vec<IpAddr> {
        (1..=n)
            .map(|i| format!("2001:db8::{i:x}").parse().unwrap())
            .collect()
    };
    zone.insert("big.example.com".to_string(), v6(40));
    zone.insert("exactlyfitting.fit.example.com".to_string(), v6(8));
    zone
}

/// Starts a server that answers from `zone` with `respond`.
pub fn start(zone: wire::Zone, respond: fn(&[u8], &wire::Zone) -> Option<Vec<u8>>) -> SocketAddr {
    server::spawn(move |query| respond(query, &zone))
}

/// Sends the query for `name` and `rtype` to `server`: the response's bytes.
#[track_caller]
pub fn ask_bytes(server: SocketAddr, id: u16, name: &str, rtype: RecordType) -> Vec<u8> {
    server::exchange(server, &oracle::query(id, name, rtype))
        .unwrap_or_else(|err| panic!("no response to the query for {name}: {err}"))
}

/// Sends the query for `name` and `rtype` to `server`: the response, as hickory reads it.
#[track_caller]
pub fn ask(server: SocketAddr, id: u16, name: &str, rtype: RecordType) -> Message {
    oracle::parse(&ask_bytes(server, id, name, rtype))
}

/// The question a response repeats, as (name, type).
pub fn echoed(response: &Message) -> Vec<(String, RecordType)> {
    let questions = response.queries().iter();
    questions
        .map(|q| (q.name().to_ascii(), q.query_type()))
        .collect()
}

/// Addresses from text.
pub fn addrs(list: &[&str]) -> Vec<IpAddr> {
    list.iter().map(|addr| addr.parse().unwrap()).collect()
}

/// Queries to `answer_zone()` and the addresses their answers hold, in the zone's order.
pub const ANSWER_CASES: [(&str, RecordType, &[&str]); 4] = [
    (
        "many.example.com.",
        RecordType::A,
        &["192.0.2.10", "192.0.2.11", "192.0.2.12"],
    ),
    ("dual.example.com.", RecordType::AAAA, &["2001:db8::2"]),
    ("dual.example.com.", RecordType::A, &["192.0.2.2"]),
    ("www.example.com.", RecordType::AAAA, &[]),
];

/// Names of `truncation_zone()` whose AAAA answers fit in 512 bytes, and how many records.
pub const FITTING: [(&str, usize); 2] = [
    ("exactlyfitting.fit.example.com.", 8),
    ("small.example.com.", 1),
];

//! The upstream side of the dns stage's resolver: `ask` sends one query to a DNS server and
//! reads the addresses and TTL of its answer; `authority` starts a test server whose records
//! carry the TTLs a test chooses, and counts the queries it gets. Uses `wire` and `server`
//! from this folder. You don't need to edit it.
#![allow(dead_code)]

use crate::server;
use crate::wire::{self, Header, Question};
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

/// What the server said: the addresses, and for how many seconds they may be cached (the
/// smallest TTL among the records; 0 when there are none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub addrs: Vec<IpAddr>,
    pub ttl: u32,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// Asks `server` for the `qtype` addresses of `name`. The answers it reads are uncompressed,
/// as `authority` writes them.
pub fn ask(server: SocketAddr, name: &str, qtype: u16) -> io::Result<Answer> {
    let mut query = Vec::new();
    let header = Header {
        id: 0x2b2b,
        rd: true,
        qdcount: 1,
        ..Header::default()
    };
    header.write(&mut query);
    let question = Question {
        name: name.to_ascii_lowercase(),
        qtype,
        qclass: wire::CLASS_IN,
    };
    question.write(&mut query);

    let response = server::exchange(server, &query)?;
    let header = Header::parse(&response).ok_or_else(|| bad("short response"))?;
    if header.id != 0x2b2b || !header.qr {
        return Err(bad("not the response to our query"));
    }
    let (_, mut at) =
        Question::parse(&response, wire::HEADER_LEN).ok_or_else(|| bad("question"))?;
    let mut answer = Answer {
        addrs: Vec::new(),
        ttl: u32::MAX,
    };
    for _ in 0..header.ancount {
        // NAME (uncompressed), TYPE, CLASS, TTL, RDLENGTH, RDATA
        let (_, end) = Question::parse(&response, at).ok_or_else(|| bad("record"))?;
        let fields = response
            .get(end - 4..end + 6)
            .ok_or_else(|| bad("record"))?;
        let ttl = u32::from_be_bytes([fields[4], fields[5], fields[6], fields[7]]);
        let rdlength = u16::from_be_bytes([fields[8], fields[9]]) as usize;
        let rdata = response
            .get(end + 6..end + 6 + rdlength)
            .ok_or_else(|| bad("rdata"))?;
        let addr = match rdata.len() {
            4 => IpAddr::from(<[u8; 4]>::try_from(rdata).expect("4 bytes")),
            16 => IpAddr::from(<[u8; 16]>::try_from(rdata).expect("16 bytes")),
            _ => return Err(bad("not an address")),
        };
        answer.addrs.push(addr);
        answer.ttl = answer.ttl.min(ttl);
        at = end + 6 + rdlength;
    }
    if answer.addrs.is_empty() {
        answer.ttl = 0;
    }
    Ok(answer)
}

/// Starts an authoritative server for `zone`, whose records for a name carry the TTL that
/// `ttls` gives it (`wire::ZONE_TTL` for names it does not list). Returns its address and
/// the count of queries it has received.
pub fn authority(zone: wire::Zone, ttls: HashMap<String, u32>) -> (SocketAddr, Arc<AtomicUsize>) {
    server::spawn_counting(move |query| {
        let (query_header, question) = wire::parse_query(query)?;
        let addrs = wire::addresses_of(&zone, &question.name, question.qtype);
        let mut header = Header {
            qdcount: 1,
            ancount: addrs.len() as u16,
            ..wire::response_header(&query_header)
        };
        if !zone.contains_key(&question.name) {
            header.rcode = wire::RCODE_NXDOMAIN;
        }
        let ttl = ttls.get(&question.name).copied().unwrap_or(wire::ZONE_TTL);
        let mut response = Vec::new();
        header.write(&mut response);
        question.write(&mut response);
        for addr in addrs {
            wire::write_record(&mut response, &question.name, ttl, addr);
        }
        Some(response)
    })
}

/// The tests' upstream server: www.example.com (TTL 300, one address of each kind),
/// short.example.com (TTL 5) and now.example.com (TTL 0). Returns its address, and the
/// number of queries it has received so far.
pub fn test_authority() -> (SocketAddr, Arc<AtomicUsize>) {
    let zone = wire::zone(&[
        ("www.example.com", "192.0.2.1"),
        ("www.example.com", "2001:db8::1"),
        ("short.example.com", "192.0.2.5"),
        ("now.example.com", "192.0.2.9"),
    ]);
    let ttls = HashMap::from([
        ("www.example.com".to_string(), 300),
        ("short.example.com".to_string(), 5),
        ("now.example.com".to_string(), 0),
    ]);
    authority(zone, ttls)
}

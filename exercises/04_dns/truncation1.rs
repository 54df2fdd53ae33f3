// truncation1: set TC when the answer does not fit
//
// Plain DNS over UDP sends at most 512 bytes in a message (RFC 1035 sections 2.3.4 and
// 4.2.1). A name with many addresses can need more. The server then sends what fits, whole
// records only, and sets the TC ("truncated") bit of the header (RFC 1035 section 4.1.1).
// A client that sees TC knows the answer is incomplete and asks again over TCP, which has no
// such limit (RFC 7766). Sending more than 512 bytes anyway is not a kindness: middleboxes
// and old clients drop or cut such datagrams, and the client gets nothing or garbage.
//
// Fix `respond` so that a response never goes over `wire::UDP_LIMIT` bytes, and says so
// with TC when it had to leave records out.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use std::net::UdpSocket;
use wire::{Header, Zone};

/// Answers a query from `zone`. `None` drops a message that is not a query.
fn respond(query: &[u8], zone: &Zone) -> Option<Vec<u8>> {
    let (query_header, question) = wire::parse_query(query)?;
    let mut header = Header {
        qdcount: 1,
        ..wire::response_header(&query_header)
    };
    if !zone.contains_key(&question.name) {
        header.rcode = wire::RCODE_NXDOMAIN;
    }

    // Everything after the header; the header is written last, once its counts are known.
    let mut body = Vec::new();
    question.write(&mut body);
    for addr in wire::addresses_of(zone, &question.name, question.qtype) {
        let mut record = Vec::new();
        wire::write_record(&mut record, &question.name, wire::ZONE_TTL, addr);
        // TODO: if this record would take the message (its 12-byte header included) past
        // `wire::UDP_LIMIT` bytes, leave it and the rest out, and set the header's TC bit.
        body.extend_from_slice(&record);
        header.ancount += 1;
    }

    let mut response = Vec::new();
    header.write(&mut response);
    response.extend_from_slice(&body);
    Some(response)
}

fn main() -> std::io::Result<()> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    println!("DNS on 127.0.0.1 port {}", socket.local_addr()?.port());
    let zone = wire::sample_zone();
    server::serve(socket, |query| respond(query, &zone))
}

#[cfg(test)]
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::oracle;
    use hickory_proto::rr::RecordType;
    use std::net::{IpAddr, SocketAddr};

    /// 40 IPv6 addresses for big.example.com (about 1,700 bytes of records), and for
    /// exactlyfitting.fit.example.com 8, which make a response of exactly 512 bytes.
    fn start() -> (SocketAddr, Zone) {
        let mut zone = wire::zone(&[("small.example.com", "2001:db8::1")]);
        let big = (1..=40).map(|i| format!("2001:db8::{i:x}").parse().unwrap());
        zone.insert("big.example.com".to_string(), big.collect());
        let exact = (1..=8).map(|i| format!("2001:db8::{i:x}").parse().unwrap());
        zone.insert("exactlyfitting.fit.example.com".into(), exact.collect());
        let served = zone.clone();
        (server::spawn(move |query| respond(query, &served)), zone)
    }

    #[test]
    fn a_big_answer_is_cut_to_512_bytes_with_tc_set() {
        let (server, zone) = start();
        let query = oracle::query(1, "big.example.com.", RecordType::AAAA);
        let bytes = server::exchange(server, &query).expect("a response");
        assert!(
            bytes.len() <= 512,
            "a response over UDP is at most 512 bytes (RFC 1035 section 4.2.1), got {}",
            bytes.len()
        );
        let response = oracle::parse(&bytes);
        assert!(
            response.truncated(),
            "40 AAAA records do not fit in 512 bytes: the response sets TC so the client \
             knows to retry over TCP"
        );
        let got = oracle::addresses(&response);
        let all: &[IpAddr] = &zone["big.example.com"];
        assert!(
            got.len() < all.len() && all.starts_with(&got),
            "the records that fit, whole, with ANCOUNT saying how many: got {got:?}"
        );
    }

    #[test]
    fn exactly_512_bytes_is_not_truncated() {
        let (server, _) = start();
        let query = oracle::query(2, "exactlyfitting.fit.example.com.", RecordType::AAAA);
        let bytes = server::exchange(server, &query).expect("a response");
        assert_eq!(
            bytes.len(),
            512,
            "header, question and 8 AAAA records: 512 bytes"
        );
        let response = oracle::parse(&bytes);
        assert!(
            !response.truncated(),
            "512 bytes fit: the limit includes 512 itself"
        );
        assert_eq!(oracle::addresses(&response).len(), 8, "all 8 records fit");
    }

    #[test]
    fn a_small_answer_is_not_truncated() {
        let (server, _) = start();
        let query = oracle::query(3, "small.example.com.", RecordType::AAAA);
        let bytes = server::exchange(server, &query).expect("a response");
        let response = oracle::parse(&bytes);
        assert!(!response.truncated(), "one record fits easily: TC stays 0");
        assert_eq!(oracle::addresses(&response).len(), 1, "the one AAAA record");
    }
}

// answer1: answer A and AAAA queries from a zone
//
// An authoritative DNS server holds a zone: the records of a set of names. It answers over
// UDP, one datagram in and one out. The response repeats the query's ID and its question,
// then carries one resource record per address in the answer section (RFC 1035 4.1.3):
//
//   NAME | TYPE (2) | CLASS (2) | TTL (4) | RDLENGTH (2) | RDATA (RDLENGTH bytes)
//
// An A record (TYPE 1) holds the 4 bytes of an IPv4 address (RFC 1035 section 3.4.1), an
// AAAA record (TYPE 28) the 16 bytes of an IPv6 address (RFC 3596 section 2.2). CLASS is 1
// (IN). The TTL says how many seconds a resolver may keep the record in its cache.
//
// `support/wire.rs` reads the query and writes the header, names and the question. Write the
// answer records, and answer each query with the addresses of the type it asks for.
//
// Try it: `cargo run -p exercises-dns --bin answer1`, then
// `dig @127.0.0.1 -p PORT www.example.com` with the port it prints.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use std::net::{IpAddr, UdpSocket};
use wire::{Header, Zone};

/// Appends one answer record for `addr` to `out`.
fn write_record(out: &mut Vec<u8>, name: &str, ttl: u32, addr: IpAddr) {
    wire::write_name(name, out);
    let (rtype, rdata) = match addr {
        IpAddr::V4(v4) => (wire::TYPE_A, v4.octets().to_vec()),
        IpAddr::V6(v6) => (wire::TYPE_AAAA, v6.octets().to_vec()),
    };
    out.extend_from_slice(&rtype.to_be_bytes());
    out.extend_from_slice(&wire::CLASS_IN.to_be_bytes());
    out.extend_from_slice(&ttl.to_be_bytes());
    out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
    out.extend_from_slice(&rdata);
}

/// Answers a query from `zone`. `None` drops a message that is not a query.
fn answer(query: &[u8], zone: &Zone) -> Option<Vec<u8>> {
    let (header, question) = wire::parse_query(query)?;
    let all = zone.get(&question.name).cloned().unwrap_or_default();
    let addrs: Vec<IpAddr> = all
        .into_iter()
        .filter(|addr| match question.qtype {
            wire::TYPE_A => addr.is_ipv4(),
            wire::TYPE_AAAA => addr.is_ipv6(),
            _ => false,
        })
        .collect();

    let mut response = Vec::new();
    let header = Header {
        qdcount: 1,
        ancount: addrs.len() as u16,
        ..wire::response_header(&header)
    };
    header.write(&mut response);
    question.write(&mut response);
    for addr in addrs {
        write_record(&mut response, &question.name, wire::ZONE_TTL, addr);
    }
    Some(response)
}

fn main() -> std::io::Result<()> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    println!("DNS on 127.0.0.1 port {}", socket.local_addr()?.port());
    let zone = wire::sample_zone();
    server::serve(socket, |query| answer(query, &zone))
}

#[cfg(test)]
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::oracle;
    use hickory_proto::op::{Message, MessageType, ResponseCode};
    use hickory_proto::rr::{DNSClass, RecordType};
    use std::net::SocketAddr;

    fn start() -> SocketAddr {
        let zone = wire::zone(&[
            ("www.example.com", "192.0.2.1"),
            ("dual.example.com", "192.0.2.2"),
            ("dual.example.com", "2001:db8::2"),
            ("many.example.com", "192.0.2.10"),
            ("many.example.com", "192.0.2.11"),
            ("many.example.com", "192.0.2.12"),
        ]);
        server::spawn(move |query| answer(query, &zone))
    }

    fn ask(server: SocketAddr, id: u16, name: &str, rtype: RecordType) -> Message {
        let response = server::exchange(server, &oracle::query(id, name, rtype))
            .unwrap_or_else(|err| panic!("no response to the query for {name}: {err}"));
        oracle::parse(&response)
    }

    fn addrs(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|addr| addr.parse().unwrap()).collect()
    }

    #[test]
    fn answers_an_a_query() {
        let server = start();
        let response = ask(server, 0x5eed, "www.example.com.", RecordType::A);
        assert_eq!(response.id(), 0x5eed, "the response repeats the query's ID");
        assert_eq!(response.message_type(), MessageType::Response, "QR is set");
        assert!(response.authoritative(), "the zone's own server sets AA");
        assert_eq!(response.response_code(), ResponseCode::NoError, "RCODE 0");
        assert_eq!(
            oracle::addresses(&response),
            addrs(&["192.0.2.1"]),
            "one A record with the zone's address"
        );
        let record = &response.answers()[0];
        assert_eq!(
            record.name().to_ascii(),
            "www.example.com.",
            "the record's NAME"
        );
        assert_eq!(
            record.record_type(),
            RecordType::A,
            "TYPE 1 (A) for an IPv4 address"
        );
        assert_eq!(record.dns_class(), DNSClass::IN, "CLASS 1 (IN)");
        assert_eq!(
            record.ttl(),
            wire::ZONE_TTL,
            "the TTL, a 32-bit number of seconds"
        );
    }

    #[test]
    fn answers_each_type_with_its_own_addresses() {
        let server = start();
        let response = ask(server, 1, "dual.example.com.", RecordType::AAAA);
        assert_eq!(
            oracle::addresses(&response),
            addrs(&["2001:db8::2"]),
            "an AAAA query gets the IPv6 address only, in a record of TYPE 28 with 16 bytes"
        );
        let response = ask(server, 2, "dual.example.com.", RecordType::A);
        assert_eq!(
            oracle::addresses(&response),
            addrs(&["192.0.2.2"]),
            "an A query gets the IPv4 address only"
        );
        let response = ask(server, 3, "www.example.com.", RecordType::AAAA);
        assert_eq!(
            (response.response_code(), response.answers().len()),
            (ResponseCode::NoError, 0),
            "a name with no IPv6 address: no error, and no records"
        );
    }

    #[test]
    fn answers_with_every_address_of_the_name() {
        let server = start();
        let response = ask(server, 9, "many.example.com.", RecordType::A);
        assert_eq!(
            oracle::addresses(&response),
            addrs(&["192.0.2.10", "192.0.2.11", "192.0.2.12"]),
            "one record per address, in the zone's order"
        );
    }
}

// answer1: answer A and AAAA queries from a zone
//
// An authoritative DNS server holds a zone: the records of a set of names. It answers over
// UDP, one datagram in and one out, repeating the query's ID and question, then one
// resource record per address in the answer section (RFC 1035 section 4.1.3):
//
//   NAME | TYPE (2) | CLASS (2) | TTL (4) | RDLENGTH (2) | RDATA (RDLENGTH bytes)
//
// An A record (TYPE 1) holds the 4 bytes of an IPv4 address (RFC 1035 section 3.4.1), an
// AAAA record (TYPE 28) the 16 bytes of an IPv6 address (RFC 3596 section 2.2). CLASS is 1
// (IN). The TTL is how many seconds a resolver may cache the record. Write the records, and
// answer each query with the addresses of the type it asks for (`support/wire.rs` does the
// rest). Try it: `cargo run -p exercises-dns --bin answer1`, then `dig @127.0.0.1 -p PORT
// www.example.com` with the port it prints.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use std::net::IpAddr;

/// Appends one answer record for `addr` to `out`.
fn write_record(out: &mut Vec<u8>, name: &str, ttl: u32, addr: IpAddr) {
    wire::write_name(name, out);
    // TODO: append the TYPE (A for an IPv4 address, AAAA for IPv6), the CLASS (IN), the
    // TTL, the RDATA's length, and the RDATA: the address's bytes (`octets()`). Numbers are
    // big-endian (`to_be_bytes`); mind the size of each (`u16`, `u32`).
}

/// Answers a query from `zone`. `None` drops a message that is not a query.
fn answer(query: &[u8], zone: &wire::Zone) -> Option<Vec<u8>> {
    let (header, question) = wire::parse_query(query)?;
    let all = zone.get(&question.name).cloned().unwrap_or_default();
    // TODO: answer with the addresses of the type the question asks for (`question.qtype`):
    // IPv4 addresses for A (`wire::TYPE_A`), IPv6 for AAAA. Any other type gets none.
    let addrs: Vec<IpAddr> = all;
    Some(wire::response(&header, &question, &addrs, write_record))
}

fn main() -> std::io::Result<()> {
    let zone = wire::sample_zone();
    server::run(|query| answer(query, &zone))
}

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use fixtures::{addrs, ask};
    use hickory_proto::rr::{DNSClass, RecordType};

    #[test]
    fn answers_with_every_address_of_the_type_asked_for() {
        let server = fixtures::start(fixtures::answer_zone(), answer);
        for (name, rtype, want) in fixtures::ANSWER_CASES {
            let got = oracle::addresses(&ask(server, 1, name, rtype));
            let why = format!("the {rtype} records of {name} (AAAA: TYPE 28, 16 bytes)");
            assert_eq!(got, addrs(want), "{why}");
        }
    }

    #[test]
    fn a_record_says_its_type_class_and_ttl() {
        let server = fixtures::start(fixtures::answer_zone(), answer);
        let response = ask(server, 9, "www.example.com.", RecordType::A);
        let record = response.answers().first().expect("one A record for www");
        let got = (record.record_type(), record.dns_class(), record.ttl());
        let why = "TYPE 1 (A), CLASS 1 (IN) and the TTL, a 32-bit number of seconds";
        assert_eq!(got, (RecordType::A, DNSClass::IN, wire::ZONE_TTL), "{why}");
    }
}

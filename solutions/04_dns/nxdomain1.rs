// nxdomain1: say "no such name", and say it about the question asked
//
// Not every answer has records. DNS tells two empty answers apart (RFC 1035 4.1.1, and RFC
// 2308 section 2 names them):
//
// - NXDOMAIN, RCODE 3 ("name error"): the name does not exist in the zone at all.
// - NODATA, RCODE 0 with no answers: the name exists, but has no record of the type asked
//   for (say an AAAA query for a name with only an IPv4 address).
//
// A resolver treats them differently: after NXDOMAIN it stops looking for any type of that
// name, so answering NXDOMAIN for a name that exists hides it.
//
// Either way the response repeats the question, with QDCOUNT 1 (RFC 1035 section 4.1.1): a
// client matches a response to its query by ID *and* question, and discards one that does
// not match (RFC 5452 section 4.3), so a response without its question is thrown away.
//
// Fix `respond`: set the RCODE, and echo the question in every response.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use std::net::UdpSocket;
use wire::{Header, Question, Zone};

/// Answers a query from `zone`. `None` drops a message that is not a query.
fn respond(query: &[u8], zone: &Zone) -> Option<Vec<u8>> {
    let (query_header, question) = wire::parse_query(query)?;
    let addrs = wire::addresses_of(zone, &question.name, question.qtype);

    let rcode = if zone.contains_key(&question.name) {
        wire::RCODE_NOERROR
    } else {
        wire::RCODE_NXDOMAIN
    };
    let questions: &[&Question] = &[&question];

    let header = Header {
        rcode,
        qdcount: questions.len() as u16,
        ancount: addrs.len() as u16,
        ..wire::response_header(&query_header)
    };
    let mut response = Vec::new();
    header.write(&mut response);
    for question in questions {
        question.write(&mut response);
    }
    for addr in addrs {
        wire::write_record(&mut response, &question.name, wire::ZONE_TTL, addr);
    }
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
    use hickory_proto::op::{Message, ResponseCode};
    use hickory_proto::rr::RecordType;
    use std::net::SocketAddr;

    fn start() -> SocketAddr {
        let zone = wire::zone(&[
            ("example.com", "192.0.2.1"),
            ("www.example.com", "192.0.2.1"),
            ("www.example.com", "2001:db8::1"),
        ]);
        server::spawn(move |query| respond(query, &zone))
    }

    fn ask(server: SocketAddr, id: u16, name: &str, rtype: RecordType) -> Message {
        let response = server::exchange(server, &oracle::query(id, name, rtype))
            .unwrap_or_else(|err| panic!("no response to the query for {name}: {err}"));
        oracle::parse(&response)
    }

    /// The question a response repeats, as (name, type).
    fn echoed(response: &Message) -> Vec<(String, RecordType)> {
        let questions = response.queries().iter();
        questions
            .map(|query| (query.name().to_ascii(), query.query_type()))
            .collect()
    }

    #[test]
    fn a_name_not_in_the_zone_is_nxdomain() {
        let server = start();
        for name in ["nope.example.com.", "ftp.www.example.com.", "example.org."] {
            let response = ask(server, 77, name, RecordType::A);
            assert_eq!(
                response.response_code(),
                ResponseCode::NXDomain,
                "{name} is not in the zone: RCODE 3 (NXDOMAIN)"
            );
            assert!(response.answers().is_empty(), "no records for {name}");
            assert_eq!(response.id(), 77, "the response repeats the query's ID");
            assert_eq!(
                echoed(&response),
                [(name.to_string(), RecordType::A)],
                "the NXDOMAIN response repeats the question (QDCOUNT 1), or the client drops it"
            );
        }
    }

    #[test]
    fn a_name_without_that_type_is_nodata_not_nxdomain() {
        let server = start();
        let response = ask(server, 5, "example.com.", RecordType::AAAA);
        assert_eq!(
            response.response_code(),
            ResponseCode::NoError,
            "example.com exists (it has an A record): no AAAA is NODATA, RCODE 0, not NXDOMAIN"
        );
        assert!(response.answers().is_empty(), "no AAAA records to give");
        assert_eq!(
            echoed(&response),
            [("example.com.".to_string(), RecordType::AAAA)],
            "the NODATA response repeats the question too"
        );
    }

    #[test]
    fn an_answer_repeats_its_question() {
        let server = start();
        let response = ask(server, 6, "www.example.com.", RecordType::AAAA);
        assert_eq!(response.response_code(), ResponseCode::NoError, "RCODE 0");
        assert_eq!(
            oracle::addresses(&response),
            ["2001:db8::1".parse::<std::net::IpAddr>().unwrap()],
            "the AAAA record"
        );
        assert_eq!(
            echoed(&response),
            [("www.example.com.".to_string(), RecordType::AAAA)],
            "a response with answers repeats the question as well"
        );
    }
}

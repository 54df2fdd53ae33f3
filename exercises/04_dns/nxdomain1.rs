// nxdomain1: say "no such name", and say it about the question asked
//
// Not every answer has records. DNS tells two empty answers apart (RFC 1035 4.1.1; RFC
// 2308 section 2 names them): NXDOMAIN, RCODE 3 ("name error"), when the name does not exist
// in the zone at all; NODATA, RCODE 0 with no answers, when it exists but has no record of
// the type asked for. After NXDOMAIN a resolver stops looking for any type of that name, so
// answering NXDOMAIN for a name that exists hides it. Either way the response repeats the
// question, with QDCOUNT 1: a client matches a response to its query by ID *and* question,
// and drops one that does not match (RFC 5452 section 4.3).
//
// Fix `respond`: set the RCODE, and echo the question in every response.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use wire::{Question, Zone};

fn respond(query: &[u8], zone: &Zone) -> Option<Vec<u8>> {
    let (query_header, question) = wire::parse_query(query)?;
    let addrs = wire::addresses_of(zone, &question.name, question.qtype);
    // TODO: RCODE 3 (`wire::RCODE_NXDOMAIN`) when the zone has no such name at all.
    let rcode = wire::RCODE_NOERROR;
    // TODO: every response repeats the query's question.
    let questions: &[&Question] = &[];
    let mut header = wire::response_header(&query_header);
    header.rcode = rcode;
    (header.qdcount, header.ancount) = (questions.len() as u16, addrs.len() as u16);
    let mut body = Vec::new();
    questions
        .iter()
        .for_each(|question| question.write(&mut body));
    wire::write_records(&mut body, &question.name, &addrs);
    Some(wire::message(&header, &body))
}

fn main() -> std::io::Result<()> {
    let zone = wire::sample_zone();
    server::run(|query| respond(query, &zone))
}

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use fixtures::{ask, echoed};
    use hickory_proto::op::ResponseCode;
    use hickory_proto::rr::RecordType::{A, AAAA};

    #[test]
    fn a_name_not_in_the_zone_is_nxdomain_with_its_question() {
        let server = fixtures::start(fixtures::nxdomain_zone(), respond);
        for name in ["nope.example.com.", "ftp.www.example.com.", "example.org."] {
            let response = ask(server, 77, name, A);
            let why = format!("{name} is not in the zone: RCODE 3 (NXDOMAIN)");
            assert_eq!(response.response_code(), ResponseCode::NXDomain, "{why}");
            let why = "the response repeats the question (QDCOUNT 1), or the client drops it";
            assert_eq!(echoed(&response), [(name.to_string(), A)], "{why}");
        }
    }

    #[test]
    fn a_name_without_that_type_is_nodata_with_its_question() {
        let server = fixtures::start(fixtures::nxdomain_zone(), respond);
        for (name, answers) in [("example.com.", 0), ("www.example.com.", 1)] {
            let response = ask(server, 5, name, AAAA);
            let got = (response.response_code(), response.answers().len());
            let why = format!("{name} exists: RCODE 0 with its AAAA records, if any");
            assert_eq!(got, (ResponseCode::NoError, answers), "{why}");
            let why = "every response repeats the question, answers or not";
            assert_eq!(echoed(&response), [(name.to_string(), AAAA)], "{why}");
        }
    }
}

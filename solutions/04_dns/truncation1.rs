// truncation1: set TC when the answer does not fit
//
// Plain DNS over UDP sends at most 512 bytes in a message (RFC 1035 sections 2.3.4 and
// 4.2.1). When a name's records need more, the server sends the whole records that fit and
// sets the TC ("truncated") bit (RFC 1035 section 4.1.1); the client then asks again over
// TCP, which has no such limit (RFC 7766). Sending more anyway is no kindness: middleboxes
// and old clients drop or cut such datagrams, and the client gets nothing or garbage.
//
// Fix `respond`: never over `wire::UDP_LIMIT` bytes, and TC when records were left out.

#[path = "support/server.rs"]
mod server;
#[path = "support/wire.rs"]
mod wire;

use wire::Zone;

/// Answers a query from `zone`. `None` drops a message that is not a query.
fn respond(query: &[u8], zone: &Zone) -> Option<Vec<u8>> {
    let (query_header, question) = wire::parse_query(query)?;
    let mut header = wire::answer_header(&query_header, &question, zone);
    // Everything after the header; the header is written last, once its counts are known.
    let mut body = Vec::new();
    question.write(&mut body);
    for addr in wire::addresses_of(zone, &question.name, question.qtype) {
        let mut record = Vec::new();
        wire::write_record(&mut record, &question.name, wire::ZONE_TTL, addr);
        if wire::HEADER_LEN + body.len() + record.len() > wire::UDP_LIMIT {
            header.tc = true;
            break;
        }
        body.extend_from_slice(&record);
        header.ancount += 1;
    }
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
    use hickory_proto::rr::RecordType::AAAA;

    #[test]
    fn a_big_answer_is_cut_to_512_bytes_with_tc_set() {
        let server = fixtures::start(fixtures::truncation_zone(), respond);
        let bytes = fixtures::ask_bytes(server, 1, "big.example.com.", AAAA);
        let why = format!("{} bytes: a UDP response has at most 512", bytes.len());
        assert!(bytes.len() <= 512, "{why}");
        let response = oracle::parse(&bytes);
        let why = "40 AAAA records do not fit in 512 bytes: TC tells the client to retry over TCP";
        assert!(response.truncated(), "{why}");
        let (got, all) = (oracle::addresses(&response), fixtures::truncation_zone());
        let why = format!("the records that fit, whole, with ANCOUNT saying how many: {got:?}");
        let whole_records = got.len() > 1 && all["big.example.com"].starts_with(&got);
        assert!(whole_records, "{why}");
    }

    #[test]
    fn what_fits_is_not_truncated() {
        let server = fixtures::start(fixtures::truncation_zone(), respond);
        for (name, n) in fixtures::FITTING {
            let bytes = fixtures::ask_bytes(server, 2, name, AAAA);
            let response = oracle::parse(&bytes);
            let got = (response.truncated(), oracle::addresses(&response).len());
            let len = bytes.len();
            let why = format!("{n} records in {len} bytes fit: 512 is within the limit");
            assert_eq!(got, (false, n), "{why}");
        }
    }
}

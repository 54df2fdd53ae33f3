// dns_header1: read a DNS message's header
//
// DNS (RFC 1035) turns names into addresses. A query and its response are both a "message":
// a fixed 12-byte header, then four sections (question, answer, authority, additional). The
// header says who asked (an ID the response repeats), what kind of message this is (flag
// bits packed into one 16-bit word), and how many entries each section holds.
//
// Every number on the wire is big-endian ("network byte order", RFC 1035 section 2.3.2).
// The flags word is laid out like this, bit 15 first (RFC 1035 section 4.1.1):
//
//   | QR | OPCODE (4) | AA | TC | RD | RA | Z (3) | RCODE (4) |
//
// Fix `parse_header` so that it reads the flags and the four counts correctly.

fn parse_header(msg: &[u8]) -> Result<Header, TooShort> {
    let Some(bytes) = msg.first_chunk::<12>() else {
        return Err(TooShort(msg.len()));
    };
    let word = |at: usize| u16::from_be_bytes([bytes[at], bytes[at + 1]]);
    let flags = word(2);
    Ok(Header {
        id: word(0),
        // TODO: take each field out of `flags` with a shift (`>>`) and a mask (`&`), at the
        // positions drawn in the comment at the top. QR is bit 15: `flags & 0x8000 != 0`.
        qr: false,
        opcode: 0,
        aa: false,
        tc: false,
        rd: false,
        ra: false,
        rcode: 0,
        // TODO: the counts are numbers on the wire like the ID: read them the same way.
        qdcount: u16::from_le_bytes([bytes[4], bytes[5]]),
        ancount: u16::from_le_bytes([bytes[6], bytes[7]]),
        nscount: u16::from_le_bytes([bytes[8], bytes[9]]),
        arcount: u16::from_le_bytes([bytes[10], bytes[11]]),
    })
}

/// The header of a DNS message (RFC 1035 section 4.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    id: u16,
    qr: bool,   // 0 for a query, 1 for a response
    opcode: u8, // 0 for a standard query
    aa: bool,   // authoritative answer: the server owns the zone
    tc: bool,   // truncated: the message did not fit
    rd: bool,   // recursion desired: set by the client
    ra: bool,   // recursion available: set by the server
    rcode: u8,  // 0 no error, 1 format error, 2 server failure, 3 name error, ...
    qdcount: u16,
    ancount: u16,
    nscount: u16,
    arcount: u16,
}

/// The message was shorter than a header: it held only this many bytes.
#[derive(Debug, PartialEq, Eq)]
struct TooShort(usize);

fn main() {
    // The header of a query `dig` sends: ID 0xbeef, RD set, one question.
    let query = [0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    match parse_header(&query) {
        Ok(header) => println!("{header:?}"),
        Err(err) => println!("{err:?}"),
    }
}

#[cfg(test)]
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::oracle;
    use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
    use hickory_proto::rr::{Name, RData, Record, RecordType, rdata::A};

    #[test]
    fn reads_a_query() {
        let query = oracle::query(0xbeef, "www.example.com.", RecordType::A);
        let header = parse_header(&query).expect("a query hickory built has a whole header");
        assert_eq!(
            header.id, 0xbeef,
            "the ID is the first two bytes, big-endian"
        );
        assert!(!header.qr, "QR is 0 in a query");
        assert_eq!(header.opcode, 0, "a standard query has OPCODE 0");
        assert!(
            header.rd,
            "dig sets RD (recursion desired): bit 8 of the flags word"
        );
        assert!(
            !header.aa && !header.tc && !header.ra,
            "AA, TC and RA are 0 in this query"
        );
        assert_eq!(header.rcode, 0, "a query carries RCODE 0");
        assert_eq!(
            (
                header.qdcount,
                header.ancount,
                header.nscount,
                header.arcount
            ),
            (1, 0, 0, 0),
            "one question, no records; counts are big-endian: bytes 0x00 0x01 mean 1, not 256"
        );
    }

    #[test]
    fn reads_a_response() {
        let mut response = Message::new();
        response
            .set_id(7)
            .set_message_type(MessageType::Response)
            .set_op_code(OpCode::Status)
            .set_authoritative(true)
            .set_truncated(true)
            .set_recursion_available(true)
            .set_response_code(ResponseCode::NXDomain);
        let name = Name::from_ascii("example.com.").unwrap();
        for last in 1..=3 {
            let addr = std::net::Ipv4Addr::new(192, 0, 2, last);
            response.add_answer(Record::from_rdata(name.clone(), 60, RData::A(A(addr))));
        }
        let bytes = response.to_vec().unwrap();

        let header = parse_header(&bytes).expect("a whole header");
        assert_eq!(header.id, 7, "the ID is the first two bytes, big-endian");
        assert!(header.qr, "QR (bit 15) is 1 in a response");
        assert_eq!(header.opcode, 2, "OPCODE is bits 11 to 14; STATUS is 2");
        assert!(header.aa, "AA is bit 10");
        assert!(header.tc, "TC is bit 9");
        assert!(!header.rd, "RD (bit 8) is 0 here");
        assert!(header.ra, "RA is bit 7");
        assert_eq!(header.rcode, 3, "RCODE is the low 4 bits; NXDOMAIN is 3");
        assert_eq!(
            (
                header.qdcount,
                header.ancount,
                header.nscount,
                header.arcount
            ),
            (0, 3, 0, 0),
            "no question and three answers"
        );
    }

    #[test]
    fn a_short_message_is_an_error() {
        for len in [0, 1, 11] {
            let msg = vec![0; len];
            assert_eq!(
                parse_header(&msg),
                Err(TooShort(len)),
                "a {len}-byte message has no whole header: an error, not a panic"
            );
        }
    }
}

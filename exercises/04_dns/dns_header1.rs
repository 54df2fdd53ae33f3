// dns_header1: read a DNS message's header
//
// A DNS query and its response (RFC 1035) are both a "message": a fixed 12-byte header,
// then four sections (question, answer, authority, additional). The header holds an ID (the
// response repeats it), flag bits packed into one 16-bit word, and the number of entries in
// each section. Every number on the wire is big-endian (RFC 1035 section 2.3.2); the flags
// word is, bit 15 first (RFC 1035 section 4.1.1; `Header` is in `support/parsed.rs`):
//
//   | QR | OPCODE (4) | AA | TC | RD | RA | Z (3) | RCODE (4) |
// Fix `parse_header` so that it reads the flags and the four counts correctly.

#[path = "support/parsed.rs"]
mod parsed;

use parsed::{Header, TooShort};

fn parse_header(msg: &[u8]) -> Result<Header, TooShort> {
    let Some(bytes) = msg.first_chunk::<12>() else {
        return Err(TooShort(msg.len()));
    };
    let word = |at: usize| u16::from_be_bytes([bytes[at], bytes[at + 1]]);
    let flags = word(2);
    Ok(Header {
        id: word(0),
        // TODO: each field out of `flags`, with `>>` and `&`. QR is `flags & 0x8000 != 0`.
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

fn main() {
    // The header of a query `dig` sends: ID 0xbeef, RD set, one question.
    let query = [0xbe, 0xef, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    println!("{:?}", parse_header(&query));
}

#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_query() {
        let query = oracle::query(0xbeef, "www.example.com.", oracle::RecordType::A);
        let header = parse_header(&query).expect("a query hickory built has a whole header");
        assert_eq!(header.id, 0xbeef, "the ID: the first two bytes, big-endian");
        let why = "(QR, OPCODE, AA, TC, RD, RA, RCODE) of a query with RD (bit 8) set";
        let want = (false, 0, false, false, true, false, 0);
        assert_eq!(header.flags(), want, "{why}");
        let why = "one question; big-endian: bytes 0x00 0x01 mean 1, not 256";
        assert_eq!(header.counts(), [1, 0, 0, 0], "{why}");
    }

    #[test]
    fn reads_a_response_and_refuses_a_short_message() {
        let header = parse_header(&oracle::flagged_response()).expect("a whole header");
        let why = "(QR, OPCODE, AA, TC, RD, RA, RCODE): QR is bit 15, OPCODE bits 11 to 14 \
                   (STATUS is 2), AA 10, TC 9, RD 8, RA 7, RCODE the low 4 (NXDOMAIN is 3)";
        let want = (true, 2, true, true, false, true, 3);
        assert_eq!(header.flags(), want, "{why}");
        assert_eq!(header.counts(), [0, 3, 0, 0], "no question, three answers");
        for len in [0, 1, 11] {
            let why = format!("a {len}-byte message has no whole header: an error, not a panic");
            assert_eq!(parse_header(&vec![0; len]), Err(TooShort(len)), "{why}");
        }
    }
}

// question1: read the question
//
// After the header comes the question section: what is being asked (RFC 1035 section 4.1.2).
// A question is a name, a type (QTYPE: 1 for A, an IPv4 address; 28 for AAAA, an IPv6 one)
// and a class (QCLASS: 1 for IN, the Internet), the two numbers big-endian.
//
// A name is not sent as text with dots. Each label ("www", "example", "com") goes as one
// length byte and then that many bytes, and a zero length byte (the root's empty label) ends
// the name (RFC 1035 section 3.1):
//
//   3 w w w 7 e x a m p l e 3 c o m 0
//
// A label is at most 63 bytes long (RFC 1035 section 2.3.4): the top two bits of a length
// byte are kept for something else (`compression1` meets it), so a length byte above 63 is
// an error here. So is a name that runs past the end of the message: the bytes come from a
// stranger, and they must never make the server panic.
//
// Fix `parse_question` so that it reads the name's labels.

fn parse_question(msg: &[u8], offset: usize) -> Result<(Question, usize), BadQuestion> {
    let mut labels: Vec<String> = Vec::new();
    let mut at = offset;
    loop {
        let len = *msg.get(at).ok_or(BadQuestion::Truncated)? as usize;
        at += 1;
        if len == 0 {
            break;
        }
        if len > 63 {
            return Err(BadQuestion::BadLabelLength(len as u8));
        }
        let label = msg.get(at..at + len).ok_or(BadQuestion::Truncated)?;
        labels.push(String::from_utf8_lossy(label).into_owned());
        at += len;
    }
    let word = |at: usize| match msg.get(at..at + 2) {
        Some(bytes) => Ok(u16::from_be_bytes([bytes[0], bytes[1]])),
        None => Err(BadQuestion::Truncated),
    };
    let question = Question {
        name: labels.join("."),
        qtype: word(at)?,
        qclass: word(at + 2)?,
    };
    // The caller reads the next section from here.
    Ok((question, at + 4))
}

/// One question (RFC 1035 section 4.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Question {
    /// The labels joined with dots, without a trailing dot: "www.example.com". The root is "".
    name: String,
    qtype: u16,
    qclass: u16,
}

#[derive(Debug, PartialEq, Eq)]
enum BadQuestion {
    /// The message ended in the middle of the question.
    Truncated,
    /// A length byte above 63.
    BadLabelLength(u8),
}

fn main() {
    // A query's header (12 bytes), then its question: www.example.com, type A, class IN.
    let mut query = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    query.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01");
    println!("{:?}", parse_question(&query, 12));
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

    #[test]
    fn reads_the_question_of_a_query() {
        for (name, rtype, want_name, want_type) in [
            ("www.example.com.", RecordType::A, "www.example.com", 1),
            ("example.org.", RecordType::AAAA, "example.org", 28),
            (
                "a.b.c.d.e.example.net.",
                RecordType::A,
                "a.b.c.d.e.example.net",
                1,
            ),
            (".", RecordType::NS, "", 2),
        ] {
            let query = oracle::query(1, name, rtype);
            let (question, end) = parse_question(&query, 12)
                .unwrap_or_else(|err| panic!("the query for {name} is well formed, got {err:?}"));
            assert_eq!(
                question.name, want_name,
                "the labels of {name}, joined with dots (the root is the empty name)"
            );
            assert_eq!(
                question.qtype, want_type,
                "the QTYPE of the query for {name}"
            );
            assert_eq!(
                question.qclass, 1,
                "the QCLASS of the query for {name} is IN (1)"
            );
            assert_eq!(
                end,
                query.len(),
                "parse_question returns the offset just after the question: here, the end"
            );
        }
    }

    #[test]
    fn a_label_may_be_63_bytes_long() {
        let long = "a".repeat(63);
        let query = oracle::query(1, &format!("{long}.example."), RecordType::A);
        let (question, _) = parse_question(&query, 12).expect("a 63-byte label is allowed");
        assert_eq!(
            question.name,
            format!("{long}.example"),
            "a name with a 63-byte label"
        );
    }

    #[test]
    fn a_question_cut_short_is_an_error_not_a_panic() {
        let query = oracle::query(1, "www.example.com.", RecordType::A);
        for len in 12..query.len() {
            assert_eq!(
                parse_question(&query[..len], 12),
                Err(BadQuestion::Truncated),
                "the query cut after {len} of its {} bytes: the name or the numbers after it \
                 run past the end",
                query.len()
            );
        }
    }

    #[test]
    fn a_length_byte_above_63_is_an_error() {
        for len in [64u8, 0x80, 0xC0] {
            let mut query = oracle::query(1, "www.example.com.", RecordType::A);
            query[12 + 4] = len; // the length byte of "example"
            assert_eq!(
                parse_question(&query, 12),
                Err(BadQuestion::BadLabelLength(len)),
                "a length byte of {len:#04x} has one of its top two bits set: not a label"
            );
        }
    }
}

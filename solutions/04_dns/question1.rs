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
// Fix `parse_question` so that it reads the name's labels (`Question` is in
// `support/parsed.rs`).

#[path = "support/parsed.rs"]
mod parsed;

use parsed::{BadQuestion, Question};

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

fn main() {
    // A query's header (12 bytes), then its question: www.example.com, type A, class IN.
    let mut query = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    query.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01");
    println!("{:?}", parse_question(&query, 12));
}

#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use oracle::RecordType::{A, AAAA, NS};

    #[test]
    fn reads_the_question_of_a_query() {
        let long = format!("{}.example.", "a".repeat(63)); // 63 bytes: the longest label
        for (name, rtype, qtype) in [("www.example.com.", A, 1), (".", NS, 2), (&long, AAAA, 28)] {
            let query = oracle::query(1, name, rtype);
            let got = parse_question(&query, 12).map(|(q, end)| (q.name, q.qtype, q.qclass, end));
            let dotted = name.trim_end_matches('.').to_string();
            let want = Ok((dotted, qtype, 1, query.len()));
            let why = "(the labels joined with dots, QTYPE, QCLASS IN, the offset after it)";
            assert_eq!(got, want, "the question for {name} {why}");
        }
    }

    #[test]
    fn a_question_cut_short_or_with_a_long_label_is_an_error_not_a_panic() {
        let query = oracle::query(1, "www.example.com.", A);
        for len in 12..query.len() {
            let why = format!("the query cut to {len} bytes: the question runs past the end");
            let got = parse_question(&query[..len], 12);
            assert_eq!(got, Err(BadQuestion::Truncated), "{why}");
        }
        for len in [64u8, 0x80, 0xC0] {
            let mut query = query.clone();
            query[12 + 4] = len; // the length byte of "example"
            let why = format!("a length byte of {len:#04x} has a top bit set: not a label");
            let got = parse_question(&query, 12);
            assert_eq!(got, Err(BadQuestion::BadLabelLength(len)), "{why}");
        }
    }
}

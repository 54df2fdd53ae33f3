// compression1: follow compression pointers, and never in circles
//
// A response repeats names: the question's, then each record's. To save bytes, a name may end
// with a pointer to a place earlier in the message where the rest of it is written (RFC 1035
// section 4.1.4). A pointer is two bytes whose top two bits are 11; the other 14 bits are an
// offset from the start of the message:
//
//   12: 3 w w w 7 e x a m p l e 3 c o m 0     www.example.com
//   29: 4 m a i l 0xC0 16                      mail + the name at offset 16: example.com
//
// The name's bytes end at its first pointer: the caller goes on reading after those 2 bytes.
//
// The offset comes from whoever sent the message. A pointer to itself, or two pointing at
// each other, would keep a naive reader going round forever: one small datagram that hangs a
// server. RFC 1035 says a pointer points to a *prior* occurrence of a name, so require it:
// each pointer must point before the place where the labels being read began.
//
// Fix `read_name` so that it follows pointers, and fails on one that does not point back.

fn read_name(msg: &[u8], offset: usize) -> Result<(String, usize), NameError> {
    let mut labels: Vec<String> = Vec::new();
    let mut at = offset;
    // Where the caller goes on reading: after the name's own bytes (up to its first pointer).
    let mut end: Option<usize> = None;
    // Where the labels being read began: a pointer must point before it.
    let mut start = offset;
    loop {
        let len = *msg.get(at).ok_or(NameError::Truncated)?;
        match len {
            0 => {
                at += 1;
                break;
            }
            1..=63 => {
                let label = msg.get(at + 1..at + 1 + len as usize);
                let label = label.ok_or(NameError::Truncated)?;
                labels.push(String::from_utf8_lossy(label).into_owned());
                at += 1 + len as usize;
            }
            0xC0..=0xFF => {
                let low = *msg.get(at + 1).ok_or(NameError::Truncated)?;
                let target = (usize::from(len & 0x3F) << 8) | usize::from(low);
                if target >= start {
                    return Err(NameError::PointerLoop(target));
                }
                end.get_or_insert(at + 2);
                start = target;
                at = target;
            }
            _ => return Err(NameError::BadLabelLength(len)),
        }
    }
    Ok((labels.join("."), end.unwrap_or(at)))
}

#[derive(Debug, PartialEq, Eq)]
enum NameError {
    /// The name ran past the end of the message.
    Truncated,
    /// A length byte from 64 to 191: the top bits 01 and 10 are not in use.
    BadLabelLength(u8),
    /// A pointer to this offset, which is not before the labels that led to it.
    PointerLoop(usize),
}

fn main() {
    let mut msg = vec![0; 12];
    msg.extend_from_slice(b"\x03www\x07example\x03com\x00\x04mail\xC0\x10");
    println!("{:?}", read_name(&msg, 29));
}

#[cfg(test)]
#[path = "support/oracle.rs"]
mod oracle;

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// www.example.com at 12, mail + a pointer to 16 at 29, a pointer to 12 at 36, and ftp +
    /// a pointer to 29 (itself ending in a pointer) at 38.
    const MESSAGE: &[u8] = b"\0\0\0\0\0\0\0\0\0\0\0\0\x03www\x07example\x03com\0\
                             \x04mail\xC0\x10\xC0\x0C\x03ftp\xC0\x1D";

    fn read(msg: &[u8], offset: usize) -> Result<(String, usize), NameError> {
        let msg = msg.to_vec();
        let what = format!("read_name for the name at offset {offset}");
        oracle::within_a_second(&what, move || read_name(&msg, offset))
    }

    fn name(dotted: &str, end: usize) -> Result<(String, usize), NameError> {
        Ok((dotted.to_string(), end))
    }

    #[test]
    fn follows_pointers() {
        let why = "labels up to the zero byte; the name's bytes end after it";
        assert_eq!(read(MESSAGE, 12), name("www.example.com", 29), "{why}");
        let why = "mail, then the labels at 16; its own bytes end after the pointer";
        assert_eq!(read(MESSAGE, 29), name("mail.example.com", 36), "{why}");
        let why = "a name that is only a pointer: 2 bytes of its own";
        assert_eq!(read(MESSAGE, 36), name("www.example.com", 38), "{why}");
        let why = "a pointer to a name that ends in a pointer itself: follow both";
        assert_eq!(read(MESSAGE, 38), name("ftp.mail.example.com", 44), "{why}");
        let why = "a pointer needs both its bytes";
        assert_eq!(read(&MESSAGE[..35], 29), Err(NameError::Truncated), "{why}");
    }

    #[test]
    fn reads_the_names_of_a_compressed_response() {
        let bytes = oracle::compressed_response();
        let want = oracle::answer_names(&oracle::parse(&bytes));
        // Walk the message with read_name: the question, then each record.
        let (_, mut at) = read(&bytes, 12).expect("the question's name");
        at += 4; // QTYPE, QCLASS
        let mut got = Vec::new();
        for _ in 0..3 {
            let (name, end) = read(&bytes, at).expect("an answer's name");
            got.push(format!("{name}."));
            let rdlength = u16::from_be_bytes([bytes[end + 8], bytes[end + 9]]);
            at = end + 10 + rdlength as usize; // TYPE, CLASS, TTL, RDLENGTH, RDATA
        }
        assert_eq!(got, want, "each answer's name, as hickory reads it");
        assert_eq!(at, bytes.len(), "every name read ended where hickory's did");
    }

    #[test]
    fn a_pointer_loop_is_an_error_not_a_hang() {
        let mut msg = vec![0; 12];
        msg.extend_from_slice(b"\xC0\x0C"); // at 12: a pointer to 12, itself
        msg.extend_from_slice(b"\xC0\x10\xC0\x0E"); // at 14 and 16: pointers to each other
        msg.extend_from_slice(b"\x01a\xC0\x12"); // at 18: a, then a pointer back to 18
        msg.extend_from_slice(b"\xC0\x1A\x01b\xC0\x0C"); // at 22: a pointer forward to 26
        for offset in [12, 14, 18, 22] {
            let got = read(&msg, offset);
            let why = format!("the name at {offset} leads round in a circle (or forward)");
            assert!(
                matches!(got, Err(NameError::PointerLoop(_))),
                "{why}: {got:?}"
            );
        }
    }
}

//! The DNS wire format (RFC 1035 section 4) for the dns stage: the header, the question, a
//! zone of addresses, and answer records. You write parts of this yourself in the first
//! exercises (`dns_header1`, `question1`, `answer1`); the later exercises use this copy so
//! that each can be about one idea. You don't need to edit or read it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::IpAddr;

/// Record types (RFC 1035 section 3.2.2; AAAA from RFC 3596 section 2.1).
pub const TYPE_A: u16 = 1;
pub const TYPE_AAAA: u16 = 28;
/// The Internet class (RFC 1035 section 3.2.4).
pub const CLASS_IN: u16 = 1;
/// Response codes (RFC 1035 section 4.1.1).
pub const RCODE_NOERROR: u8 = 0;
pub const RCODE_FORMERR: u8 = 1;
pub const RCODE_NXDOMAIN: u8 = 3;
/// The fixed size of the header (RFC 1035 section 4.1.1).
pub const HEADER_LEN: usize = 12;
/// The largest message plain DNS sends over UDP (RFC 1035 sections 2.3.4 and 4.2.1).
pub const UDP_LIMIT: usize = 512;

/// The 12-byte header every DNS message starts with (RFC 1035 section 4.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    pub id: u16,
    pub qr: bool,
    pub opcode: u8,
    pub aa: bool,
    pub tc: bool,
    pub rd: bool,
    pub ra: bool,
    pub rcode: u8,
    pub qdcount: u16,
    pub ancount: u16,
    pub nscount: u16,
    pub arcount: u16,
}

fn word(msg: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*msg.get(at)?, *msg.get(at + 1)?]))
}

impl Header {
    /// Reads the header at the start of `msg`; `None` if the message is shorter than 12 bytes.
    pub fn parse(msg: &[u8]) -> Option<Header> {
        let flags = word(msg, 2)?;
        Some(Header {
            id: word(msg, 0)?,
            qr: flags & 0x8000 != 0,
            opcode: ((flags >> 11) & 0xF) as u8,
            aa: flags & 0x0400 != 0,
            tc: flags & 0x0200 != 0,
            rd: flags & 0x0100 != 0,
            ra: flags & 0x0080 != 0,
            rcode: (flags & 0xF) as u8,
            qdcount: word(msg, 4)?,
            ancount: word(msg, 6)?,
            nscount: word(msg, 8)?,
            arcount: word(msg, 10)?,
        })
    }

    /// Appends the header's 12 bytes to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let flags = (self.qr as u16) << 15
            | (self.opcode as u16 & 0xF) << 11
            | (self.aa as u16) << 10
            | (self.tc as u16) << 9
            | (self.rd as u16) << 8
            | (self.ra as u16) << 7
            | (self.rcode as u16 & 0xF);
        for value in [
            self.id,
            flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount,
        ] {
            out.extend_from_slice(&value.to_be_bytes());
        }
    }
}

/// One entry of the question section (RFC 1035 section 4.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Lowercase, labels joined by dots, no trailing dot; the root is "".
    pub name: String,
    pub qtype: u16,
    pub qclass: u16,
}

impl Question {
    /// Reads the question at `offset`; returns it and the offset just after it. Queries do
    /// not compress their one name, so this does not follow pointers.
    pub fn parse(msg: &[u8], mut offset: usize) -> Option<(Question, usize)> {
        let mut labels = Vec::new();
        loop {
            let len = *msg.get(offset)? as usize;
            offset += 1;
            if len == 0 {
                break;
            }
            if len > 63 {
                return None;
            }
            let label = msg.get(offset..offset + len)?;
            labels.push(String::from_utf8_lossy(label).to_ascii_lowercase());
            offset += len;
        }
        let question = Question {
            name: labels.join("."),
            qtype: word(msg, offset)?,
            qclass: word(msg, offset + 2)?,
        };
        Some((question, offset + 4))
    }

    /// Appends the question's bytes to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        write_name(&self.name, out);
        out.extend_from_slice(&self.qtype.to_be_bytes());
        out.extend_from_slice(&self.qclass.to_be_bytes());
    }
}

/// Appends `name` as length-prefixed labels ending with the zero-length root label
/// (RFC 1035 section 3.1).
pub fn write_name(name: &str, out: &mut Vec<u8>) {
    for label in name.split('.').filter(|label| !label.is_empty()) {
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
}

/// Reads a query: its header and its one question. `None` if it is malformed.
pub fn parse_query(msg: &[u8]) -> Option<(Header, Question)> {
    let header = Header::parse(msg)?;
    if header.qr || header.qdcount != 1 {
        return None;
    }
    let (question, _) = Question::parse(msg, HEADER_LEN)?;
    Some((header, question))
}

/// Appends an answer record for `addr`: an A record for IPv4, AAAA for IPv6, class IN
/// (RFC 1035 sections 4.1.3 and 3.4.1, RFC 3596 section 2.2).
pub fn write_record(out: &mut Vec<u8>, name: &str, ttl: u32, addr: IpAddr) {
    write_name(name, out);
    let (rtype, rdata) = match addr {
        IpAddr::V4(v4) => (TYPE_A, v4.octets().to_vec()),
        IpAddr::V6(v6) => (TYPE_AAAA, v6.octets().to_vec()),
    };
    out.extend_from_slice(&rtype.to_be_bytes());
    out.extend_from_slice(&CLASS_IN.to_be_bytes());
    out.extend_from_slice(&ttl.to_be_bytes());
    out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
    out.extend_from_slice(&rdata);
}

/// A response header for `query`: same ID, opcode and RD, QR and AA set, RA clear (an
/// authoritative server does not recurse), every count 0.
pub fn response_header(query: &Header) -> Header {
    Header {
        id: query.id,
        qr: true,
        opcode: query.opcode,
        aa: true,
        rd: query.rd,
        ..Header::default()
    }
}

/// The addresses a server answers with: lowercase names without the trailing dot.
pub type Zone = HashMap<String, Vec<IpAddr>>;

/// How long, in seconds, the answers from a `Zone` may be cached.
pub const ZONE_TTL: u32 = 300;

/// Builds a zone from `(name, address)` pairs; a name may appear more than once.
pub fn zone(entries: &[(&str, &str)]) -> Zone {
    let mut zone = Zone::new();
    for (name, addr) in entries {
        let addr: IpAddr = addr.parse().expect("a valid address in the zone");
        zone.entry(name.to_string()).or_default().push(addr);
    }
    zone
}

/// The addresses of `name` of the type `qtype` asks for: IPv4 for A, IPv6 for AAAA.
pub fn addresses_of(zone: &Zone, name: &str, qtype: u16) -> Vec<IpAddr> {
    let addrs = zone.get(name).map(Vec::as_slice).unwrap_or_default();
    addrs
        .iter()
        .copied()
        .filter(|addr| match qtype {
            TYPE_A => addr.is_ipv4(),
            TYPE_AAAA => addr.is_ipv6(),
            _ => false,
        })
        .collect()
}

/// The sample zone the exercises' `main`s serve.
pub fn sample_zone() -> Zone {
    zone(&[
        ("example.com", "93.184.215.14"),
        ("example.com", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
        ("www.example.com", "93.184.215.14"),
        ("mail.example.com", "192.0.2.25"),
    ])
}

/// Writes one answer record into a message (the exercises' own `write_record`, or this
/// module's).
pub type WriteRecord = fn(&mut Vec<u8>, &str, u32, IpAddr);

/// A whole response to `query`: the response header (with QDCOUNT 1 and ANCOUNT), the
/// question again, and one record per address, written by `write`.
pub fn response(
    query: &Header,
    question: &Question,
    addrs: &[IpAddr],
    write: WriteRecord,
) -> Vec<u8> {
    let header = Header {
        qdcount: 1,
        ancount: addrs.len() as u16,
        ..response_header(query)
    };
    let mut out = Vec::new();
    header.write(&mut out);
    question.write(&mut out);
    for &addr in addrs {
        write(&mut out, &question.name, ZONE_TTL, addr);
    }
    out
}

/// The message `header` then `body`.
pub fn message(header: &Header, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    header.write(&mut out);
    out.extend_from_slice(body);
    out
}

/// The header of the response to `query` about `question`, before any record: QDCOUNT 1,
/// and RCODE NXDOMAIN when `zone` has no such name.
pub fn answer_header(query: &Header, question: &Question, zone: &Zone) -> Header {
    let mut header = response_header(query);
    header.qdcount = 1;
    if !zone.contains_key(&question.name) {
        header.rcode = RCODE_NXDOMAIN;
    }
    header
}

/// Appends one answer record per address, each for `name` with the zone's TTL.
pub fn write_records(out: &mut Vec<u8>, name: &str, addrs: &[IpAddr]) {
    for &addr in addrs {
        write_record(out, name, ZONE_TTL, addr);
    }
}

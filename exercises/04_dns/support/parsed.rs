//! The types that `dns_header1` and `question1` fill in: a message's header and its
//! question, as read from the wire (support code: you don't need to edit it).
#![allow(dead_code)]

/// The header of a DNS message (RFC 1035 section 4.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub id: u16,
    pub qr: bool,   // 0 for a query, 1 for a response
    pub opcode: u8, // 0 for a standard query
    pub aa: bool,   // authoritative answer: the server owns the zone
    pub tc: bool,   // truncated: the message did not fit
    pub rd: bool,   // recursion desired: set by the client
    pub ra: bool,   // recursion available: set by the server
    pub rcode: u8,  // 0 no error, 1 format error, 2 server failure, 3 name error, ...
    pub qdcount: u16,
    pub ancount: u16,
    pub nscount: u16,
    pub arcount: u16,
}

impl Header {
    /// The flags as (QR, OPCODE, AA, TC, RD, RA, RCODE), to compare in one go.
    pub fn flags(&self) -> (bool, u8, bool, bool, bool, bool, u8) {
        (
            self.qr,
            self.opcode,
            self.aa,
            self.tc,
            self.rd,
            self.ra,
            self.rcode,
        )
    }

    /// The four counts, question first.
    pub fn counts(&self) -> [u16; 4] {
        [self.qdcount, self.ancount, self.nscount, self.arcount]
    }
}

/// The message was shorter than a header: it held only this many bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct TooShort(pub usize);

/// One question (RFC 1035 section 4.1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The labels joined with dots, without a trailing dot: "www.example.com". The root is "".
    pub name: String,
    pub qtype: u16,
    pub qclass: u16,
}

#[derive(Debug, PartialEq, Eq)]
pub enum BadQuestion {
    /// The message ended in the middle of the question.
    Truncated,
    /// A length byte above 63.
    BadLabelLength(u8),
}

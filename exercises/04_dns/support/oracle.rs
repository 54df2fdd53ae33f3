//! The tests' independent check: queries built and responses read by `hickory-proto`, the DNS
//! library behind the hickory resolver and server. If hickory can read your response and
//! finds in it what the test expects, a real DNS client would too. You don't need to edit it.
#![allow(dead_code)]

use hickory_proto::op::{Message, MessageType, OpCode, Query, ResponseCode};
pub use hickory_proto::rr::RecordType;
use hickory_proto::rr::{Name, RData, Record, rdata::A};
use std::net::IpAddr;

/// A standard query for `name` (like "www.example.com.") of type `rtype`, with recursion
/// desired, as `dig` sends it.
pub fn query(id: u16, name: &str, rtype: RecordType) -> Vec<u8> {
    let mut message = Message::new();
    message
        .set_id(id)
        .set_message_type(MessageType::Query)
        .set_op_code(OpCode::Query)
        .set_recursion_desired(true)
        .add_query(Query::query(
            Name::from_ascii(name).expect("a valid name"),
            rtype,
        ));
    message.to_vec().expect("hickory encodes the query")
}

/// Reads `bytes` as a DNS message; panics with an explanation if it is not one.
pub fn parse(bytes: &[u8]) -> Message {
    Message::from_vec(bytes).unwrap_or_else(|err| {
        panic!(
            "hickory could not read the {}-byte response ({err}): it does not follow RFC 1035 \
             section 4.1's layout (header, question, then each record's name, type, class, \
             TTL, RDLENGTH and RDATA)",
            bytes.len()
        )
    })
}

/// The A and AAAA addresses in the answer section, in order.
pub fn addresses(message: &Message) -> Vec<IpAddr> {
    message
        .answers()
        .iter()
        .filter_map(|record| match record.data() {
            RData::A(a) => Some(IpAddr::V4(a.0)),
            RData::AAAA(aaaa) => Some(IpAddr::V6(aaaa.0)),
            _ => None,
        })
        .collect()
}

/// The answer section's names, as hickory reads them ("www.example.com.").
pub fn answer_names(message: &Message) -> Vec<String> {
    message
        .answers()
        .iter()
        .map(|record| record.name().to_ascii())
        .collect()
}

/// A response with every flag but RD set: ID 7, OPCODE STATUS (2), AA, TC, RA, RCODE
/// NXDOMAIN (3), and three A records for example.com in the answer section.
pub fn flagged_response() -> Vec<u8> {
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
        let rdata = RData::A(A::new(192, 0, 2, last));
        response.add_answer(Record::from_rdata(name.clone(), 60, rdata));
    }
    response.to_vec().unwrap()
}

/// A response to www.example.com A with three A records: hickory compresses the repeated
/// names into pointers (0xC0 ...).
pub fn compressed_response() -> Vec<u8> {
    let name = Name::from_ascii("www.example.com.").unwrap();
    let mut response = Message::new();
    response
        .set_message_type(MessageType::Response)
        .add_query(Query::query(name.clone(), RecordType::A));
    for last in 1..=3 {
        let rdata = RData::A(A::new(192, 0, 2, last));
        response.add_answer(Record::from_rdata(name.clone(), 60, rdata));
    }
    response.to_vec().unwrap()
}

/// Runs `f` in a thread, and fails the test if it has not returned within a second: a
/// reader that loops forever on hostile input must fail, not hang the test run.
#[track_caller]
pub fn within_a_second<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(f()));
    match rx.recv_timeout(std::time::Duration::from_secs(1)) {
        Ok(result) => result,
        Err(_) => {
            panic!("{what} did not return within a second: a loop must be an error, not a hang")
        }
    }
}

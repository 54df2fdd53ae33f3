//! The tests' independent check: queries built and responses read by `hickory-proto`, the DNS
//! library behind the hickory resolver and server. If hickory can read your response and
//! finds in it what the test expects, a real DNS client would too. You don't need to edit it.
#![allow(dead_code)]

use hickory_proto::op::{Message, MessageType, OpCode, Query};
use hickory_proto::rr::{Name, RData, RecordType};
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

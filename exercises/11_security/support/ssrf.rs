//! URL parsing, a fake DNS and the address rules for the SSRF exercises (support code: you
//! do not need to edit it).
#![allow(dead_code)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Where a fetch may connect: only to `addrs`, sending `host` as the Host header.
#[derive(Debug, PartialEq)]
pub struct Target {
    pub scheme: String,
    pub host: String,
    pub port: u16,
    pub addrs: Vec<IpAddr>,
}

#[derive(Debug, PartialEq)]
pub enum Blocked {
    Malformed,
    Scheme(String),
    Credentials,
    Unresolved,
    Address(IpAddr),
}

/// Splits `scheme://host[:port]/...` into the lowercased scheme, the lowercased host
/// (without brackets for IPv6) and the port, if any. Strict on purpose: `http://a@b/` is
/// refused, because URL parsers disagree about which host it names.
pub fn parse_url(url: &str) -> Result<(String, String, Option<u16>), Blocked> {
    let (scheme, rest) = url.split_once("://").ok_or(Blocked::Malformed)?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        return Err(Blocked::Malformed);
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.contains('@') {
        return Err(Blocked::Credentials);
    }
    if authority.contains(|c: char| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(Blocked::Malformed);
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (host, after) = bracketed.split_once(']').ok_or(Blocked::Malformed)?;
            host.parse::<Ipv6Addr>().map_err(|_| Blocked::Malformed)?;
            match after {
                "" => (host, None),
                _ => (
                    host,
                    Some(after.strip_prefix(':').ok_or(Blocked::Malformed)?),
                ),
            }
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let port = match port {
        None => None,
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Some(
            digits
                .parse::<u16>()
                .ok()
                .filter(|&p| p != 0)
                .ok_or(Blocked::Malformed)?,
        ),
        Some(_) => return Err(Blocked::Malformed),
    };
    if host.is_empty() {
        return Err(Blocked::Malformed);
    }
    Ok((scheme.to_ascii_lowercase(), host.to_ascii_lowercase(), port))
}

/// A fake DNS. Like the real resolver (getaddrinfo), it reads `2130706433` and `127.1` as
/// old spellings of 127.0.0.1.
pub fn dns(host: &str) -> Vec<IpAddr> {
    let addrs: &[&str] = match host {
        "example.com" => &["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
        "localhost" => &["127.0.0.1", "::1"],
        "metadata.google.internal" => &["169.254.169.254"],
        "2130706433" | "127.1" => &["127.0.0.1"],
        "mixed.attacker.example" => &["93.184.215.14", "127.0.0.1"],
        "nat64.attacker.example" => &["64:ff9b::a9fe:a9fe"],
        _ => &[],
    };
    addrs.iter().map(|a| a.parse().unwrap()).collect()
}

/// Whether an IPv4 address is on the public internet.
pub fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let this_network = a == 0;
    let shared = a == 100 && (64..128).contains(&b);
    !(this_network
        || shared
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast())
}

/// Whether an IPv6 address that carries no IPv4 address is on the public internet.
pub fn is_public_v6(ip: Ipv6Addr) -> bool {
    let local_nat64 = ip.segments()[..3] == [0x64, 0xff9b, 1]; // 64:ff9b:1::/48, RFC 8215
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        || ip.is_multicast()
        || local_nat64)
}

/// Judges an address, with `embedded` finding the IPv4 address an IPv6 address carries.
pub fn is_public_with(ip: IpAddr, embedded: fn(Ipv6Addr) -> Option<Ipv4Addr>) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match embedded(v6) {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), NAT64 (`64:ff9b::/96`) or
/// 6to4 (`2002::/16`) address.
pub fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let o = ip.octets();
    match ip.segments() {
        [0, 0, 0, 0, 0, 0xffff, _, _] | [0x64, 0xff9b, 0, 0, 0, 0, _, _] => {
            Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]))
        }
        [0x2002, ..] => Some(Ipv4Addr::new(o[2], o[3], o[4], o[5])),
        _ => None,
    }
}

/// Whether the server may connect to `ip`.
pub fn is_public(ip: IpAddr) -> bool {
    is_public_with(ip, embedded_ipv4)
}

/// IPv6 addresses and the IPv4 address each one carries ("" for none).
pub const EMBEDDED: [(&str, &str); 7] = [
    ("::ffff:127.0.0.1", "127.0.0.1"),         // IPv4-mapped
    ("64:ff9b::7f00:1", "127.0.0.1"),          // NAT64, RFC 6052
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"), // NAT64: the metadata service
    ("2002:a00:1::", "10.0.0.1"),              // 6to4, RFC 3056
    ("2002:c0a8:101:5::1", "192.168.1.1"),     // 6to4
    ("2606:4700::1111", ""),                   // plain IPv6
    ("64:ff9b::1:a00:1", ""), // 64:ff9b:0:0:0:1::, outside 64:ff9b::/96: the zeros count
];

// ssrf_embedded1: IPv4 addresses hidden inside IPv6 ones
//
// Some IPv6 addresses carry an IPv4 address, and reaching them reaches that IPv4 address:
// - IPv4-mapped, `::ffff:a.b.c.d` (the last 32 bits): `::ffff:127.0.0.1` is loopback;
// - NAT64, `64:ff9b::/96` (RFC 6052, the last 32 bits): on an IPv6-only network a NAT64
//   gateway turns `64:ff9b::7f00:1` into 127.0.0.1 (as seen from the gateway);
// - 6to4, `2002::/16` (RFC 3056, the 32 bits after the prefix): `2002:a00:1::` carries
//   10.0.0.1.
// None of them is loopback, private or link-local by the IPv6 rules, so a guard that only
// applies those lets the metadata service through as `64:ff9b::a9fe:a9fe`. Extract the IPv4
// address and judge it by the IPv4 rules (`ssrf::is_public_with` does the judging).
//
// Fix `embedded_ipv4`. (`octets()` gives the 16 bytes, `segments()` the eight 16-bit groups.)

#[path = "support/ssrf.rs"]
mod ssrf;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 address.
fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    // TODO: NAT64 and 6to4 carry an IPv4 address too.
    ip.to_ipv4_mapped()
}

fn is_public(ip: IpAddr) -> bool {
    ssrf::is_public_with(ip, embedded_ipv4)
}

fn main() {
    let metadata: IpAddr = "64:ff9b::a9fe:a9fe".parse().unwrap();
    println!("{metadata} public: {}", is_public(metadata));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_address_is_extracted() {
        for (v6, v4) in ssrf::EMBEDDED {
            let got = embedded_ipv4(v6.parse().unwrap());
            let what = match v4 {
                "" => "no IPv4 address (a prefix matches in all its bits, zeros too)",
                _ => &format!("the IPv4 address {v4}"),
            };
            assert_eq!(got, v4.parse().ok(), "{v6} carries {what}");
        }
    }

    #[test]
    fn internal_targets_in_disguise_are_refused() {
        for addr in [
            "::ffff:10.0.0.5",
            "64:ff9b::7f00:1",
            "2002:a00:1::",
            "2002:7f00:1::1",
        ] {
            let why = format!("{addr} reaches an internal IPv4 address");
            assert!(!is_public(addr.parse().unwrap()), "{why}");
        }
        for addr in ["64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "2606:4700::1111"] {
            assert!(
                is_public(addr.parse().unwrap()),
                "{addr} reaches a public address"
            );
        }
    }
}

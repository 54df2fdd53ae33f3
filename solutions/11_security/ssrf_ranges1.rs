// ssrf_ranges1: which addresses a server must not fetch
//
// "Import a picture from a URL", "preview this link", "call my webhook": your server
// fetches a URL a user typed. It sits inside your network, so it can reach what the user
// cannot: `127.0.0.1:6379` (the cache, with no password because "only localhost can reach
// it"), `10.0.0.7` (an admin panel) or `169.254.169.254`, the cloud metadata service that
// hands out the server's own credentials. That is server-side request forgery (SSRF). Before
// every such fetch, refuse addresses that are not public. For IPv4:
//     0.0.0.0/8 (this network), 127.0.0.0/8 (loopback), 10.0.0.0/8, 172.16.0.0/12 and
//     192.168.0.0/16 (private), 169.254.0.0/16 (link-local: the metadata service),
//     100.64.0.0/10 (shared address space, used inside clouds), broadcast, multicast.
// `Ipv4Addr` has a method for most of these; `octets()` gives the rest.
//
// Fix `is_public_v4`.

use std::net::Ipv4Addr;

/// Whether `ip` is on the public internet, by the list above.
fn is_public_v4(ip: Ipv4Addr) -> bool {
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

fn main() {
    for ip in [
        Ipv4Addr::new(93, 184, 215, 14),
        Ipv4Addr::new(169, 254, 169, 254),
    ] {
        println!("{ip}: public {}", is_public_v4(ip));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses_are_allowed() {
        for addr in [
            "93.184.215.14",
            "11.0.0.1",
            "172.32.0.1",
            "100.128.0.1",
            "169.255.0.1",
        ] {
            let why = format!("{addr} is public, next to a range that is not");
            assert!(is_public_v4(addr.parse().unwrap()), "{why}");
        }
    }

    #[test]
    fn internal_addresses_are_refused() {
        // (address, why it is not public), as the header comment lists them
        for (addr, what) in INTERNAL {
            let why = format!("{addr} is {what}: the server must not fetch it");
            assert!(!is_public_v4(addr.parse().unwrap()), "{why}");
        }
    }

    const INTERNAL: [(&str, &str); 12] = [
        ("127.0.0.2", "loopback (all of 127.0.0.0/8)"),
        (
            "0.0.0.0",
            "this host: connecting to it reaches the server itself",
        ),
        ("0.1.2.3", "in 0.0.0.0/8"),
        ("10.0.0.5", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local: the cloud metadata service"),
        (
            "100.100.100.200",
            "shared address space: Alibaba Cloud's metadata service",
        ),
        ("100.64.0.1", "shared address space"),
        ("255.255.255.255", "broadcast"),
        ("224.0.0.1", "multicast"),
    ];
}

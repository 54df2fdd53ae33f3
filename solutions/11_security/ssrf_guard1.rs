// ssrf_guard1: the guard in front of every fetch
//
// ssrf_ranges1 and ssrf_embedded1 judged addresses. The guard that runs before the server
// fetches a user's URL also needs:
// - only `http` and `https`: `file://`, `gopher://`, `dict://` reach local files and talk
//   raw TCP to internal services;
// - every resolved address checked, not the text: `localhost`, `2130706433` and a name whose
//   DNS the attacker controls all mean 127.0.0.1, and a name may resolve to several
//   addresses, any of which the fetch may use.
// The fetch then connects only to the addresses checked (`Target::addrs`): resolving again
// lets the attacker's DNS answer differently the second time (DNS rebinding). In production
// an allow-list of destinations, or an egress proxy that applies these rules to every
// outgoing request, does this job (see the README).
//
// Fix `check_url`: refuse other schemes, and check every address.

#[path = "support/ssrf.rs"]
mod ssrf;

use ssrf::{Blocked, Target};
use std::net::IpAddr;

/// Decides whether the server may fetch `url`, and if so where it may connect.
fn check_url(url: &str, resolve: fn(&str) -> Vec<IpAddr>) -> Result<Target, Blocked> {
    let (scheme, host, port) = ssrf::parse_url(url)?;
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return Err(Blocked::Scheme(scheme)),
    };
    let addrs = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => resolve(&host),
    };
    if addrs.is_empty() {
        return Err(Blocked::Unresolved);
    }
    if let Some(&ip) = addrs.iter().find(|ip| !ssrf::is_public(**ip)) {
        return Err(Blocked::Address(ip));
    }
    Ok(Target {
        scheme,
        host,
        port: port.unwrap_or(default_port),
        addrs,
    })
}

fn main() {
    println!(
        "{:?}",
        check_url("http://169.254.169.254/latest/meta-data/", ssrf::dns)
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_gets_its_checked_addresses() {
        let got = check_url("https://Example.COM/feed.xml", ssrf::dns).map(|t| t.addrs);
        let why = "the fetch connects only to the addresses checked";
        assert_eq!(got, Ok(ssrf::dns("example.com")), "{why}");
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        for scheme in ["file", "gopher", "dict", "ftp", "httpx"] {
            let got = check_url(&format!("{scheme}://example.com/"), ssrf::dns);
            let why = format!("{scheme}: URLs reach files or raw TCP services");
            assert_eq!(got, Err(Blocked::Scheme(scheme.to_string())), "{why}");
        }
    }

    #[test]
    fn every_resolved_address_is_checked() {
        for host in ["mixed.attacker.example", "localhost", "2130706433"] {
            let got = check_url(&format!("http://{host}/"), ssrf::dns);
            let why = format!(
                "{host} resolves to {:?}, the fetch may use any",
                ssrf::dns(host)
            );
            assert_eq!(got, Err(Blocked::Address([127, 0, 0, 1].into())), "{why}");
        }
    }

    #[test]
    fn ipv4_targets_inside_ipv6_addresses_are_blocked() {
        for url in [
            "http://[64:ff9b::7f00:1]/",
            "http://[2002:a00:1::]/",
            "http://[::ffff:10.0.0.1]/",
        ] {
            let got = check_url(url, ssrf::dns);
            let why = format!("{url} carries a private IPv4 address (NAT64, 6to4, IPv4-mapped)");
            assert!(matches!(got, Err(Blocked::Address(_))), "{why}: {got:?}");
        }
    }
}

// ssrf1: a guard against server-side request forgery
//
// "Import a picture from a URL", "preview this link", "call my webhook": features where
// your server fetches a URL that a user typed. The server sits inside your network, so the
// user can ask it for things they could never reach themselves: `http://127.0.0.1:6379/`
// (the cache, with no password because "only localhost can reach it"), `http://10.0.0.7/`
// (an internal admin panel), or `http://169.254.169.254/latest/meta-data/iam/...`, the
// cloud metadata service, which hands out the server's own cloud credentials. That is
// server-side request forgery (SSRF).
//
// A guard runs before every such fetch:
//   1. Only `http` and `https`. `file://`, `gopher://`, `dict://` and friends talk to
//      local files and to raw TCP services.
//   2. Resolve the host name, then check the *addresses*, not the text. `localhost`,
//      `2130706433`, `127.1` and `attacker.example` (whose DNS the attacker controls) can
//      all mean 127.0.0.1. A name may resolve to several addresses: check every one.
//   3. Refuse every address that is not public:
//        IPv4: 0.0.0.0/8 ("this host"), 127.0.0.0/8 (loopback), 10.0.0.0/8,
//              172.16.0.0/12, 192.168.0.0/16 (private), 169.254.0.0/16 (link-local, home
//              of the metadata service), 100.64.0.0/10 (shared address space, used inside
//              some clouds), broadcast and multicast;
//        IPv6: `::` and `::1`, fc00::/7 (unique local), fe80::/10 (link-local),
//              multicast, and IPv4-mapped addresses (`::ffff:127.0.0.1`), which must be
//              judged as the IPv4 address they carry.
//      `std::net::Ipv4Addr` and `Ipv6Addr` have a method for most of these.
//   4. Connect to the addresses you checked. Resolving the name again for the actual fetch
//      lets the attacker's DNS answer differently the second time (DNS rebinding), so
//      `check_url` returns them in its `Target`. Redirects must go through the guard again.
//
// `check_url` takes the resolver as a parameter, so the tests use a fake DNS and never send
// a request. Parsing is done for you (and is strict on purpose: `http://a@b/` is refused,
// because URL parsers disagree about which host it names). Fix `check_url` and `is_public`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Where a fetch may connect: only to `addrs`, sending `host` as the Host header.
#[derive(Debug, PartialEq)]
struct Target {
    scheme: String,
    host: String,
    port: u16,
    addrs: Vec<IpAddr>,
}

#[derive(Debug, PartialEq)]
enum Blocked {
    Malformed,
    Scheme(String),
    Credentials,
    Unresolved,
    Address(IpAddr),
}

/// Splits `scheme://rest` and lowercases the scheme.
fn split_scheme(url: &str) -> Result<(String, &str), Blocked> {
    let (scheme, rest) = url.split_once("://").ok_or(Blocked::Malformed)?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        return Err(Blocked::Malformed);
    }
    Ok((scheme.to_ascii_lowercase(), rest))
}

/// The lowercased host (without brackets for IPv6) and the port, if any, of what follows
/// `scheme://`.
fn parse_authority(rest: &str) -> Result<(String, Option<u16>), Blocked> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
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
    if host.is_empty() {
        return Err(Blocked::Malformed);
    }
    let port = match port {
        None => None,
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            match digits.parse::<u16>() {
                Ok(port) if port != 0 => Some(port),
                _ => return Err(Blocked::Malformed),
            }
        }
        Some(_) => return Err(Blocked::Malformed),
    };
    Ok((host.to_ascii_lowercase(), port))
}

/// Whether `ip` is an address on the public internet, by the list in the header comment.
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => {
                !(v6.is_unspecified()
                    || v6.is_loopback()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local()
                    || v6.is_multicast())
            }
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let this_host = a == 0;
    let shared = a == 100 && (64..128).contains(&b);
    !(this_host
        || shared
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast())
}

/// Decides whether the server may fetch `url`, and if so where to connect.
fn check_url(url: &str, resolve: impl Fn(&str) -> Vec<IpAddr>) -> Result<Target, Blocked> {
    let (scheme, rest) = split_scheme(url)?;
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return Err(Blocked::Scheme(scheme)),
    };
    let (host, port) = parse_authority(rest)?;
    let addrs = match host.parse::<IpAddr>() {
        Ok(ip) => vec![ip],
        Err(_) => resolve(&host),
    };
    if addrs.is_empty() {
        return Err(Blocked::Unresolved);
    }
    if let Some(&ip) = addrs.iter().find(|ip| !is_public(**ip)) {
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
    let resolve = |host: &str| match host {
        "example.com" => vec![IpAddr::from([93, 184, 215, 14])],
        _ => vec![],
    };
    for url in ["https://example.com/feed.xml", "http://169.254.169.254/"] {
        println!("{url}: {:?}", check_url(url, resolve));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// A fake DNS. Like the real resolver (getaddrinfo), it reads `2130706433`, `127.1` and
    /// `0x7f000001` as old spellings of 127.0.0.1.
    fn dns(host: &str) -> Vec<IpAddr> {
        let addrs: &[&str] = match host {
            "example.com" => &["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
            "localhost" => &["127.0.0.1", "::1"],
            "metadata.google.internal" => &["169.254.169.254"],
            "intranet.corp.example" => &["10.1.2.3"],
            "2130706433" | "127.1" | "0x7f000001" => &["127.0.0.1"],
            "mixed.attacker.example" => &["93.184.215.14", "127.0.0.1"],
            _ => &[],
        };
        addrs.iter().map(|a| a.parse().unwrap()).collect()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn assert_blocked(url: &str, address: &str) {
        assert_eq!(
            check_url(url, dns),
            Err(Blocked::Address(ip(address))),
            "the server must not fetch {url}"
        );
    }

    #[test]
    fn public_urls_are_allowed() {
        assert_eq!(
            check_url("https://example.com/feed.xml", dns),
            Ok(Target {
                scheme: "https".to_string(),
                host: "example.com".to_string(),
                port: 443,
                addrs: dns("example.com"),
            })
        );
        let target = check_url("HTTP://Example.COM:8080?q=1", dns).unwrap();
        assert_eq!(
            (target.scheme.as_str(), target.host.as_str(), target.port),
            ("http", "example.com", 8080)
        );
        for (url, addr) in [
            ("http://93.184.215.14/", "93.184.215.14"),
            ("http://[2606:4700::1111]/", "2606:4700::1111"),
            ("http://172.32.0.1/", "172.32.0.1"),
            ("http://100.128.0.1/", "100.128.0.1"),
            ("http://11.0.0.1/", "11.0.0.1"),
        ] {
            let target = check_url(url, dns);
            assert_eq!(target.map(|t| t.addrs), Ok(vec![ip(addr)]), "{url}");
        }
    }

    #[test]
    fn loopback_is_blocked() {
        assert_blocked("http://127.0.0.1/admin", "127.0.0.1");
        assert_blocked("http://127.0.0.2:8080/", "127.0.0.2");
        assert_blocked("http://localhost:6379/", "127.0.0.1");
        assert_blocked("http://[::1]/", "::1");
        assert_blocked("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1");
        assert_blocked("http://0.0.0.0:8080/", "0.0.0.0");
        assert_blocked("http://0.1.2.3/", "0.1.2.3");
        assert_blocked("http://[::]/", "::");
    }

    #[test]
    fn cloud_metadata_is_blocked() {
        assert_blocked(
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "169.254.169.254",
        );
        assert_blocked(
            "http://metadata.google.internal/computeMetadata/v1/",
            "169.254.169.254",
        );
        assert_blocked("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254");
        assert_blocked(
            "http://100.100.100.200/latest/meta-data/",
            "100.100.100.200",
        );
        assert_blocked("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254");
        assert_blocked("http://[fe80::1]/", "fe80::1");
    }

    #[test]
    fn private_networks_are_blocked() {
        assert_blocked("http://10.0.0.5/", "10.0.0.5");
        assert_blocked("http://172.16.0.1/", "172.16.0.1");
        assert_blocked("http://172.31.255.255/", "172.31.255.255");
        assert_blocked("https://192.168.1.1/", "192.168.1.1");
        assert_blocked("http://intranet.corp.example/", "10.1.2.3");
        assert_blocked("http://[fc00::1]/", "fc00::1");
        assert_blocked("http://255.255.255.255/", "255.255.255.255");
        assert_blocked("http://224.0.0.1/", "224.0.0.1");
    }

    #[test]
    fn other_spellings_of_loopback_are_blocked() {
        assert_blocked("http://2130706433/", "127.0.0.1");
        assert_blocked("http://127.1/", "127.0.0.1");
        assert_blocked("http://0x7f000001/", "127.0.0.1");
    }

    #[test]
    fn every_resolved_address_is_checked() {
        assert_blocked("http://mixed.attacker.example/", "127.0.0.1");
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        for (url, scheme) in [
            ("file:///etc/passwd", "file"),
            ("gopher://example.com:6379/_FLUSHALL", "gopher"),
            ("dict://example.com:11211/stats", "dict"),
            ("ftp://example.com/", "ftp"),
            ("HTTPX://example.com/", "httpx"),
        ] {
            assert_eq!(
                check_url(url, dns),
                Err(Blocked::Scheme(scheme.to_string())),
                "{url} must be refused for its scheme"
            );
        }
    }

    #[test]
    fn credentials_in_urls_are_refused() {
        for url in [
            "http://example.com@127.0.0.1/",
            "http://user:secret@example.com/",
            "http://example.com\\@127.0.0.1/",
        ] {
            assert_eq!(check_url(url, dns), Err(Blocked::Credentials), "{url}");
        }
    }

    #[test]
    fn unknown_hosts_and_malformed_urls_are_refused() {
        assert_eq!(
            check_url("http://nxdomain.example/", dns),
            Err(Blocked::Unresolved)
        );
        for url in [
            "",
            "example.com",
            "http://",
            "http:///path",
            "http://:80/",
            "http://example.com:/",
            "http://example.com:99999/",
            "http://example.com:0/",
            "http://example.com:+80/",
            "http://[::1/",
            "http://[example.com]/",
            "http://exa mple.com/",
            "1http://example.com/",
        ] {
            assert_eq!(check_url(url, dns), Err(Blocked::Malformed), "{url:?}");
        }
    }
}

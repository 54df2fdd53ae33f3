// url1: URLs, query strings and percent-encoding
//
// A URL such as `https://shop.example:8443/search?q=caf%C3%A9&page=2#results` has parts:
// the scheme (`https`), the host, an optional port, the path, an optional query after `?`,
// and a fragment after `#` that browsers keep to themselves. When the port is missing, the
// scheme decides it: 80 for `http`, 443 for `https`. That is how a client knows where to
// connect, and how a server builds links back to itself.
//
// Some bytes cannot appear in a URL as they are: a space, `?`, `&`, `#`, and anything that
// is not ASCII. They travel "percent-encoded": `%` and two hex digits per *byte*. A space is
// `%20`, and `é`, which is the two bytes C3 A9 in UTF-8, is `%C3%A9`. So decoding produces
// bytes first, and only the finished bytes are turned back into text (they must be valid
// UTF-8). A `%` that is not followed by two hex digits is malformed.
//
// 1. Make `default_port` return the port for `http` and `https`, and `None` for any other
//    scheme (which `parse_url` then refuses).
// 2. `percent_decode` works for `%20` but turns `caf%C3%A9` into `cafÃ©` and panics on a lone
//    `%`. Fix it: collect bytes, then make a `String` of them; return
//    `Err(UrlError::InvalidEncoding)` for malformed escapes and for bytes that are not UTF-8.

#[derive(Debug, PartialEq)]
enum UrlError {
    MissingScheme,
    UnsupportedScheme,
    MissingHost,
    InvalidPort,
    InvalidEncoding,
}

#[derive(Debug, PartialEq)]
struct Url {
    scheme: String,
    host: String,
    port: u16,
    /// The path, still percent-encoded, as it appears in a request line.
    path: String,
    /// The query without its `?`, still encoded.
    query: Option<String>,
}

/// The port a client connects to when the URL does not name one.
fn default_port(scheme: &str) -> Option<u16> {
    // TODO: 80 for "http", 443 for "https", and `None` for any other scheme.
    None
}

fn parse_url(input: &str) -> Result<Url, UrlError> {
    let (scheme, rest) = input.split_once("://").ok_or(UrlError::MissingScheme)?;
    let scheme = scheme.to_ascii_lowercase();
    let default = default_port(&scheme).ok_or(UrlError::UnsupportedScheme)?;

    // The fragment is never sent to a server: drop it.
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    // The authority (host and port) ends where the path or the query starts.
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query.to_string())),
        None => (rest, None),
    };

    let (host, port) = match authority.split_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (host, port.parse().map_err(|_| UrlError::InvalidPort)?)
        }
        Some(_) => return Err(UrlError::InvalidPort),
        None => (authority, default),
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost);
    }

    Ok(Url {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        path: if path.is_empty() { "/" } else { path }.to_string(),
        query,
    })
}

/// Decodes `%XX` escapes into bytes, and the bytes into UTF-8 text.
fn percent_decode(input: &str) -> Result<String, UrlError> {
    // TODO: an escape is one *byte*, but this pushes it as a whole `char` (so C3 becomes
    // `Ã`), and it panics when the two hex digits are missing or not hex. Collect bytes in a
    // `Vec<u8>` instead, check both digits, and turn the bytes into a `String` at the end.
    let mut out = String::new();
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            let byte = u8::from_str_radix(&hex, 16).unwrap();
            out.push(byte as char);
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Splits a query string into decoded `(name, value)` pairs. In a query (unlike a path), `+`
/// also stands for a space; a real `+` is sent as `%2B`. The query is split at `&` and `=`
/// *before* decoding, so an encoded `%26` stays inside its value.
fn query_pairs(query: &str) -> Result<Vec<(String, String)>, UrlError> {
    let decode = |s: &str| percent_decode(&s.replace('+', " "));
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

fn main() {
    let url = parse_url("https://shop.example/search?q=caf%C3%A9+cr%C3%A8me&page=2");
    println!("{url:?}");
    if let Ok(Url {
        query: Some(query), ..
    }) = url
    {
        println!("{:?}", query_pairs(&query));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn url(scheme: &str, host: &str, port: u16, path: &str, query: Option<&str>) -> Url {
        Url {
            scheme: scheme.to_string(),
            host: host.to_string(),
            port,
            path: path.to_string(),
            query: query.map(str::to_string),
        }
    }

    #[test]
    fn fills_in_the_default_port() {
        assert_eq!(
            parse_url("http://example.com/"),
            Ok(url("http", "example.com", 80, "/", None))
        );
        assert_eq!(
            parse_url("https://example.com/"),
            Ok(url("https", "example.com", 443, "/", None))
        );
    }

    #[test]
    fn keeps_an_explicit_port() {
        assert_eq!(
            parse_url("http://localhost:8080/health"),
            Ok(url("http", "localhost", 8080, "/health", None))
        );
        assert_eq!(
            parse_url("https://example.com:80/"),
            Ok(url("https", "example.com", 80, "/", None))
        );
    }

    #[test]
    fn splits_the_path_and_the_query() {
        assert_eq!(
            parse_url("https://example.com/search?q=rust&page=2"),
            Ok(url(
                "https",
                "example.com",
                443,
                "/search",
                Some("q=rust&page=2")
            ))
        );
    }

    #[test]
    fn an_empty_path_is_the_root() {
        assert_eq!(
            parse_url("http://example.com"),
            Ok(url("http", "example.com", 80, "/", None))
        );
        assert_eq!(
            parse_url("HTTP://Example.COM?x=1"),
            Ok(url("http", "example.com", 80, "/", Some("x=1")))
        );
    }

    #[test]
    fn drops_the_fragment() {
        assert_eq!(
            parse_url("http://example.com/docs?v=2#install"),
            Ok(url("http", "example.com", 80, "/docs", Some("v=2")))
        );
    }

    #[test]
    fn rejects_malformed_urls() {
        assert_eq!(parse_url("example.com/"), Err(UrlError::MissingScheme));
        assert_eq!(
            parse_url("ftp://example.com/"),
            Err(UrlError::UnsupportedScheme)
        );
        assert_eq!(
            parse_url("javascript://alert(1)"),
            Err(UrlError::UnsupportedScheme)
        );
        assert_eq!(parse_url("http:///path"), Err(UrlError::MissingHost));
        assert_eq!(parse_url("http://:8080/"), Err(UrlError::MissingHost));
        assert_eq!(
            parse_url("http://example.com:http/"),
            Err(UrlError::InvalidPort)
        );
        assert_eq!(
            parse_url("http://example.com:70000/"),
            Err(UrlError::InvalidPort)
        );
        assert_eq!(
            parse_url("http://example.com:+80/"),
            Err(UrlError::InvalidPort)
        );
    }

    #[test]
    fn decodes_ascii_escapes() {
        assert_eq!(
            percent_decode("hello%20world"),
            Ok("hello world".to_string())
        );
        assert_eq!(percent_decode("a%2Fb%3Fc"), Ok("a/b?c".to_string()));
        assert_eq!(percent_decode("100%25"), Ok("100%".to_string()));
        assert_eq!(percent_decode("plain"), Ok("plain".to_string()));
        assert_eq!(
            percent_decode("a+b"),
            Ok("a+b".to_string()),
            "+ is only special in queries"
        );
    }

    #[test]
    fn decodes_multibyte_characters() {
        assert_eq!(percent_decode("caf%C3%A9"), Ok("café".to_string()));
        assert_eq!(
            percent_decode("caf%c3%a9"),
            Ok("café".to_string()),
            "lowercase hex"
        );
        assert_eq!(percent_decode("%E2%9C%93%20done"), Ok("✓ done".to_string()));
        assert_eq!(percent_decode("d%C3%A9j%C3%A0"), Ok("déjà".to_string()));
    }

    #[test]
    fn rejects_broken_escapes() {
        for input in ["%", "abc%", "%2", "%zz", "%g0", "%+1", "%-1", "50%off"] {
            assert_eq!(
                percent_decode(input),
                Err(UrlError::InvalidEncoding),
                "decoding {input:?}"
            );
        }
    }

    #[test]
    fn rejects_bytes_that_are_not_utf8() {
        assert_eq!(percent_decode("%FF"), Err(UrlError::InvalidEncoding));
        assert_eq!(
            percent_decode("caf%C3"),
            Err(UrlError::InvalidEncoding),
            "half a character"
        );
    }

    #[test]
    fn decodes_query_pairs() {
        assert_eq!(
            query_pairs("q=rust+lang&tag=a%26b&sum=1%2B1&empty=&flag"),
            Ok(vec![
                ("q".to_string(), "rust lang".to_string()),
                ("tag".to_string(), "a&b".to_string()),
                ("sum".to_string(), "1+1".to_string()),
                ("empty".to_string(), String::new()),
                ("flag".to_string(), String::new()),
            ])
        );
        assert_eq!(query_pairs("q=%ZZ"), Err(UrlError::InvalidEncoding));
    }
}

// url1: percent-encoding
//
// Some bytes cannot appear in a URL as they are: a space, `?`, `&`, `#`, and anything that
// is not ASCII. They travel percent-encoded: `%` and two hex digits per *byte*. A space is
// `%20`, and `é`, the two bytes C3 A9 in UTF-8, is `%C3%A9`. So decoding produces bytes
// first, and only the finished bytes become text again (they must be valid UTF-8). A `%`
// that is not followed by two hex digits is malformed, and so are bytes that are not
// UTF-8: a server answers both with 400 rather than guess.
//
// `percent_decode` turns `caf%C3%A9` into `cafÃ©`, and `%zz` into a zero byte. Fix it.

#[derive(Debug, PartialEq)]
struct InvalidEncoding;

/// Decodes `%XX` escapes into bytes, and the bytes into UTF-8 text.
fn percent_decode(input: &str) -> Result<String, InvalidEncoding> {
    let mut bytes = Vec::new();
    let mut it = input.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hi = it.next().and_then(|d| char::from(d).to_digit(16));
            let lo = it.next().and_then(|d| char::from(d).to_digit(16));
            // TODO: a digit that is missing or not hex (`None`) is no reason to guess `0`.
            bytes.push((hi.unwrap_or(0) * 16 + lo.unwrap_or(0)) as u8);
        } else {
            bytes.push(b);
        }
    }
    // TODO: each byte becomes a `char` of its own here, so C3 A9 becomes `Ã©`. The bytes
    // together are UTF-8 text (or not: then they are refused).
    Ok(bytes.iter().map(|&b| char::from(b)).collect())
}

fn main() {
    println!("{:?}", percent_decode("caf%C3%A9%20cr%C3%A8me"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        for (input, want) in [("a%20b", "a b"), ("a%2Fb%3F", "a/b?"), ("100%25", "100%")] {
            let got = percent_decode(input);
            assert_eq!(got, Ok(want.to_string()), "decoding {input:?}");
        }
        let got = percent_decode("a+b");
        assert_eq!(
            got,
            Ok("a+b".to_string()),
            "+ is only special in query strings"
        );
    }

    #[test]
    fn decodes_bytes_then_utf8() {
        for input in ["caf%C3%A9", "caf%c3%a9", "caf%C3%a9"] {
            let got = percent_decode(input);
            let why = "each escape is one byte, and the bytes C3 A9 are UTF-8 for é";
            assert_eq!(got, Ok("café".to_string()), "{input:?}: {why}");
        }
        let got = percent_decode("%E2%9C%93%20done");
        assert_eq!(got, Ok("✓ done".to_string()), "three bytes, one character");
    }

    #[test]
    fn refuses_broken_escapes_and_bytes_that_are_not_utf8() {
        for input in ["%", "abc%", "%2", "%zz", "%+1", "50%off", "%FF", "caf%C3"] {
            let got = percent_decode(input);
            let why = "a % needs two hex digits, and the bytes must be UTF-8";
            assert_eq!(got, Err(InvalidEncoding), "{input:?}: {why}");
        }
    }
}

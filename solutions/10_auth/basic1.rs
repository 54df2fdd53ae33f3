// basic1: reading HTTP Basic credentials
//
// The oldest way to log in over HTTP: the client sends the username and password with every
// request, in one header (RFC 7617):
//
//     Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
//
// After the scheme name comes `username:password` in standard base64 (here
// `Aladdin:open sesame`). Base64 is an encoding, not encryption: Basic auth is only acceptable
// over HTTPS. Scheme names are case-insensitive, and a password may contain `:` (a username
// cannot), so split at the first colon. Make `parse_basic` return the username and password,
// and `None` for anything malformed.

use base64::{Engine, engine::general_purpose::STANDARD};

/// Parses the value of an `Authorization` header that uses the Basic scheme.
pub fn parse_basic(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

fn main() {
    let header = format!("Basic {}", STANDARD.encode("Aladdin:open sesame"));
    println!("{header} -> {:?}", parse_basic(&header));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(user: &str, password: &str) -> Option<(String, String)> {
        Some((user.to_string(), password.to_string()))
    }

    #[test]
    fn parses_the_rfc_example_in_any_letter_case() {
        for scheme in ["Basic", "basic", "BASIC"] {
            assert_eq!(
                parse_basic(&format!("{scheme} QWxhZGRpbjpvcGVuIHNlc2FtZQ==")),
                pair("Aladdin", "open sesame"),
                "`{scheme} <base64 of Aladdin:open sesame>`: scheme names are case-insensitive"
            );
        }
    }

    #[test]
    fn splits_at_the_first_colon_and_decodes_utf8() {
        let cases = [
            ("dXNlcjpwYTpzczp3b3Jk", pair("user", "pa:ss:word")),
            ("dXNlcjo=", pair("user", "")),
            ("asOzemVmOmhhc8WCbw==", pair("józef", "hasło")),
        ];
        for (encoded, want) in cases {
            assert_eq!(
                parse_basic(&format!("Basic {encoded}")),
                want,
                "a password may contain colons or be empty, and both are UTF-8"
            );
        }
    }

    #[test]
    fn refuses_malformed_headers() {
        for header in [
            "Basic",
            "Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basics QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basic not base64!",
            "Basic QWxhZGRpbm9wZW5zZXNhbWU=", // "Aladdinopensesame": no colon
            "Basic /w==",                     // the byte 0xff: not UTF-8
        ] {
            assert_eq!(parse_basic(header), None, "{header:?} must be refused");
        }
    }
}

// client2: reading a status line
//
// A client parses a response with the same strictness a server applies to requests. The
// first line is the status line: `HTTP/1.1 404 Not Found`, the version, a space, a status
// code of exactly three digits (100 to 599), a space, and a reason phrase that may be
// empty (some servers leave the last space out too). Anything else means the other end
// does not speak HTTP (say, an SSH server on the wrong port), and the client must say so
// rather than guess a status.
//
// Make `parse_status_line` check the version and the code.

#[derive(Debug, PartialEq)]
struct BadResponse;

/// Parses a status line such as `HTTP/1.1 404 Not Found` into its status code.
fn parse_status_line(line: &str) -> Result<u16, BadResponse> {
    let (version, rest) = line.split_once(' ').ok_or(BadResponse)?;
    let code = rest.split_once(' ').map_or(rest, |(code, _reason)| code);
    // TODO: check the version (`HTTP/1.1` or `HTTP/1.0`) and the code (three ASCII digits,
    // 100 to 599): `str::parse` alone accepts `+20`, `0200` and `999`.
    let version_ok = version == "HTTP/1.1" || version == "HTTP/1.0";
    if !version_ok || code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadResponse);
    }
    match code.parse() {
        Ok(status @ 100..=599) => Ok(status),
        _ => Err(BadResponse),
    }
}

fn main() {
    println!("{:?}", parse_status_line("SSH-2.0-OpenSSH_9.6 200 OK"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_status_code() {
        for (line, want) in [
            ("HTTP/1.1 200 OK", 200),
            ("HTTP/1.1 404 Not Found", 404),
            ("HTTP/1.0 503 Service Unavailable", 503),
            ("HTTP/1.1 299 ", 299),
            ("HTTP/1.1 100", 100),
        ] {
            let why = "the code follows the version; the reason may be empty or missing";
            assert_eq!(parse_status_line(line), Ok(want), "{line:?}: {why}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_status_line() {
        for (line, why) in [
            ("HTTP/1.1 abc OK", "a code that is not a number"),
            ("HTTP/1.1 20 OK", "two digits"),
            ("HTTP/1.1 0200 OK", "four digits"),
            ("HTTP/1.1 +20 OK", "a sign"),
            ("HTTP/1.1 600 Too Much", "over 599"),
            ("HTTP/1.1 099 Too Little", "under 100"),
            ("HTTP/2 200 OK", "a version we do not speak"),
            ("SSH-2.0-OpenSSH_9.6 200 OK", "not HTTP at all"),
        ] {
            assert_eq!(parse_status_line(line), Err(BadResponse), "{line:?}: {why}");
        }
    }
}

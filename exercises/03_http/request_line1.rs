// request_line1: the request line
//
// Every HTTP/1.1 request starts with `METHOD SP TARGET SP VERSION`, such as
// `GET /index.html HTTP/1.1`: exactly one space between the parts, a method that is not
// empty (RFC 9110 5.6.2 wants a "token", checked in request_line2), a target that starts
// with `/`, a version that starts with `HTTP/` (the line arrives here without its CRLF).
// A server refuses anything else with `400 Bad Request` instead of guessing: a server that
// guesses differently from the proxy in front of it can be tricked into reading one
// request as two.
//
// Make `parse_request_line` refuse malformed lines with `Err(BadRequest)`.

#[derive(Debug, PartialEq)]
struct RequestLine<'a> {
    method: &'a str,
    target: &'a str,
    version: &'a str,
}

/// The request is malformed: the server answers `400 Bad Request`.
#[derive(Debug, PartialEq)]
struct BadRequest;

fn parse_request_line(line: &str) -> Result<RequestLine<'_>, BadRequest> {
    // TODO: `split_whitespace` skips runs of spaces and tabs, and a missing part becomes
    // "". Split on single spaces (`line.split(' ')`), insist on exactly three parts, check
    // the method (not empty), the target and the version, and return `Err(BadRequest)`
    // otherwise.
    let mut parts = line.split_whitespace();
    Ok(RequestLine {
        method: parts.next().unwrap_or(""),
        target: parts.next().unwrap_or(""),
        version: parts.next().unwrap_or(""),
    })
}

fn main() {
    println!("{:?}", parse_request_line("GET  /index.html HTTP/1.1"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Result<(&str, &str, &str), BadRequest> {
        parse_request_line(line).map(|r| (r.method, r.target, r.version))
    }

    #[test]
    fn splits_a_good_line_into_three_parts() {
        let want = Ok(("GET", "/search?q=rust", "HTTP/1.1"));
        assert_eq!(
            parts("GET /search?q=rust HTTP/1.1"),
            want,
            "the query stays in the target"
        );
        let want = Ok(("DELETE", "/users/42", "HTTP/1.0"));
        assert_eq!(
            parts("DELETE /users/42 HTTP/1.0"),
            want,
            "any method, any version"
        );
    }

    #[test]
    fn refuses_malformed_lines() {
        for (line, why) in [
            ("", "an empty line"),
            ("GET /", "no version"),
            ("GET / ", "an empty version"),
            ("GET / HTTP/1.1 x", "a fourth part"),
            ("GET /a b HTTP/1.1", "a space in the target (send %20)"),
            ("GET  / HTTP/1.1", "two spaces"),
            (" GET / HTTP/1.1", "a leading space: an empty method"),
            ("GET\t/\tHTTP/1.1", "tabs instead of spaces"),
            ("GET index.html HTTP/1.1", "a target that is not a path"),
            ("GET / FTP/1.0", "a version that is not HTTP"),
        ] {
            assert_eq!(parts(line), Err(BadRequest), "{line:?}: {why}");
        }
    }
}

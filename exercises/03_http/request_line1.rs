// request_line1: the request line
//
// Every HTTP/1.1 request starts with one line: `METHOD SP TARGET SP VERSION CRLF`, for
// example `GET /index.html HTTP/1.1`. The method says what to do, the target says to what
// (a path, maybe with a `?query`), and the version says which HTTP the client speaks. A
// server's first job is to split that line into its three parts, and to refuse anything
// malformed with `400 Bad Request` instead of guessing what the client meant: a server that
// guesses differently from the proxy in front of it can be tricked into treating one request
// as two ("request smuggling").
//
// The parts are separated by exactly one space each. The target of a normal request is a
// path, so it starts with `/`. The version looks like `HTTP/1.1`. The line arrives here
// without its CRLF.
//
// Make `parse_request_line` return the three parts, and `Err(BadRequest)` for malformed
// lines instead of crashing. The tests show what counts as malformed.

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
    // TODO: this works for a good line, but `split_whitespace` quietly skips extra spaces
    // and tabs, and `parts[2]` panics when a part is missing. Split on single spaces, insist
    // on exactly three parts, check the target and the version, and return
    // `Err(BadRequest)` for everything else.
    let parts: Vec<&str> = line.split_whitespace().collect();
    Ok(RequestLine {
        method: parts[0],
        target: parts[1],
        version: parts[2],
    })
}

fn main() {
    for line in ["GET /index.html HTTP/1.1", "GET /index.html"] {
        println!("{line:?} -> {:?}", parse_request_line(line));
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Result<(&str, &str, &str), BadRequest> {
        parse_request_line(line).map(|r| (r.method, r.target, r.version))
    }

    #[test]
    fn parses_a_simple_get() {
        assert_eq!(parts("GET / HTTP/1.1"), Ok(("GET", "/", "HTTP/1.1")));
    }

    #[test]
    fn parses_other_methods_and_paths() {
        assert_eq!(
            parts("DELETE /users/42 HTTP/1.1"),
            Ok(("DELETE", "/users/42", "HTTP/1.1"))
        );
        assert_eq!(
            parts("POST /api/orders HTTP/1.0"),
            Ok(("POST", "/api/orders", "HTTP/1.0"))
        );
    }

    #[test]
    fn keeps_the_query_in_the_target() {
        assert_eq!(
            parts("GET /search?q=rust&page=2 HTTP/1.1"),
            Ok(("GET", "/search?q=rust&page=2", "HTTP/1.1"))
        );
    }

    #[test]
    fn rejects_an_empty_line() {
        assert_eq!(parts(""), Err(BadRequest));
    }

    #[test]
    fn rejects_missing_parts() {
        assert_eq!(parts("GET"), Err(BadRequest), "only a method");
        assert_eq!(parts("GET /"), Err(BadRequest), "no version");
        assert_eq!(parts("GET / "), Err(BadRequest), "an empty version");
    }

    #[test]
    fn rejects_extra_parts() {
        assert_eq!(parts("GET / HTTP/1.1 extra"), Err(BadRequest));
        assert_eq!(
            parts("GET /my file.txt HTTP/1.1"),
            Err(BadRequest),
            "a space inside the target must be sent as %20"
        );
    }

    #[test]
    fn rejects_extra_spaces() {
        assert_eq!(parts("GET  / HTTP/1.1"), Err(BadRequest), "two spaces");
        assert_eq!(parts(" GET / HTTP/1.1"), Err(BadRequest), "a leading space");
        assert_eq!(
            parts("GET / HTTP/1.1 "),
            Err(BadRequest),
            "a trailing space"
        );
        assert_eq!(parts("GET\t/\tHTTP/1.1"), Err(BadRequest), "tabs");
    }

    #[test]
    fn rejects_a_target_that_is_not_a_path() {
        assert_eq!(parts("GET index.html HTTP/1.1"), Err(BadRequest));
    }

    #[test]
    fn rejects_a_version_that_is_not_http() {
        assert_eq!(parts("GET / FTP/1.0"), Err(BadRequest));
        assert_eq!(parts("GET / 1.1"), Err(BadRequest));
    }
}

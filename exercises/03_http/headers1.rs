// headers1: header fields
//
// After the request line come the header fields, one per line, then an empty line:
//
//     Host: example.com
//     Accept: text/html
//     accept: application/json
//
// Each line is `name: value`. Names are case-insensitive (`Content-Type`, `content-type` and
// `CONTENT-TYPE` are the same header), a name may appear more than once, and the spaces or
// tabs around the value are not part of it. Everything else is malformed and gets a
// `400 Bad Request`: a line without a colon, an empty name, a name with spaces in it, and a
// space between the name and the colon. That last one looks harmless, but two servers that
// read `Content-Length : 5` differently disagree on where the request ends, which is how
// request smuggling attacks work. So the rule is: the name is a token (the same characters
// as a method) and ends right at the colon.
//
// 1. Make `parse_header_line` split a line into its name and its trimmed value, and return
//    `Err(BadRequest)` for a malformed line instead of panicking.
// 2. Make `Headers::get` and `Headers::get_all` ignore the case of the name.
//
// `read_headers` (already written) reads the lines from a `BufRead` up to the empty line.

use std::io::BufRead;

/// The request is malformed: the server answers `400 Bad Request`.
#[derive(Debug, PartialEq)]
struct BadRequest;

/// Header fields in the order they arrived, names as the client spelled them.
#[derive(Debug, Default)]
struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    /// The value of the first field called `name`, if any.
    fn get(&self, name: &str) -> Option<&str> {
        // TODO: `==` is case-sensitive, but header names are not.
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }

    /// The values of every field called `name`, in the order they arrived.
    fn get_all(&self, name: &str) -> Vec<&str> {
        // TODO: the same here.
        self.fields
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }
}

/// Whether `s` is a "token": one or more of the characters HTTP allows in a method or a
/// header name (letters, digits and ``!#$%&'*+-.^_`|~``).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Splits one header line (without its CRLF) into its name and value.
fn parse_header_line(line: &str) -> Result<(&str, &str), BadRequest> {
    // TODO: this panics on a line without ": ", and lets malformed names through. Split at
    // the first colon, return `Err(BadRequest)` when there is none or when the name is not
    // a token (`is_token`), and trim spaces and tabs from both ends of the value.
    let (name, value) = line.split_once(": ").unwrap();
    Ok((name, value))
}

/// Reads header lines up to and including the empty line that ends them. Whatever follows
/// (the body) stays in `reader`.
fn read_headers(reader: &mut impl BufRead) -> Result<Headers, BadRequest> {
    let mut headers = Headers::default();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|_| BadRequest)?;
        // A line must end in CRLF; at the end of the input, `line` is empty and does not.
        let line = line.strip_suffix("\r\n").ok_or(BadRequest)?;
        if line.is_empty() {
            return Ok(headers);
        }
        let (name, value) = parse_header_line(line)?;
        headers.fields.push((name.to_string(), value.to_string()));
    }
}

fn main() {
    let mut request: &[u8] = b"Host: example.com\r\nACCEPT:  text/html \r\n\r\n";
    let headers = read_headers(&mut request).expect("well-formed headers");
    println!("Host is {:?}", headers.get("host"));
    println!("Accept is {:?}", headers.get_all("Accept"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn parse(raw: &str) -> Result<Headers, BadRequest> {
        read_headers(&mut raw.as_bytes())
    }

    #[test]
    fn finds_a_header_by_name() {
        let headers = parse("Host: example.com\r\nAccept: */*\r\n\r\n").unwrap();
        assert_eq!(headers.get("Host"), Some("example.com"));
        assert_eq!(headers.get("Accept"), Some("*/*"));
        assert_eq!(headers.get("Cookie"), None);
        assert_eq!(headers.get_all("Cookie"), Vec::<&str>::new());
    }

    #[test]
    fn names_are_case_insensitive() {
        let headers = parse("content-TYPE: text/html\r\n\r\n").unwrap();
        assert_eq!(headers.get("Content-Type"), Some("text/html"));
        assert_eq!(headers.get("CONTENT-TYPE"), Some("text/html"));
        assert_eq!(headers.get_all("content-type"), vec!["text/html"]);
    }

    #[test]
    fn values_lose_the_whitespace_around_them() {
        let headers = parse("Host:example.com\r\nAccept: \t text/plain \t\r\n\r\n").unwrap();
        assert_eq!(headers.get("Host"), Some("example.com"), "no space is fine");
        assert_eq!(headers.get("Accept"), Some("text/plain"));
    }

    #[test]
    fn keeps_spaces_and_colons_inside_the_value() {
        let headers = parse("User-Agent: curl/8.5 (x86_64)\r\nX-Time: 12:30:00\r\n\r\n").unwrap();
        assert_eq!(headers.get("User-Agent"), Some("curl/8.5 (x86_64)"));
        assert_eq!(headers.get("X-Time"), Some("12:30:00"));
    }

    #[test]
    fn an_empty_value_is_allowed() {
        let headers = parse("X-Empty:\r\nX-Blank:   \r\n\r\n").unwrap();
        assert_eq!(headers.get("X-Empty"), Some(""));
        assert_eq!(headers.get("X-Blank"), Some(""));
    }

    #[test]
    fn keeps_repeated_headers_in_order() {
        let raw = "Accept: text/html\r\nHost: a.test\r\naccept: application/json\r\n\r\n";
        let headers = parse(raw).unwrap();
        assert_eq!(
            headers.get_all("Accept"),
            vec!["text/html", "application/json"]
        );
        assert_eq!(
            headers.get("accept"),
            Some("text/html"),
            "get returns the first"
        );
    }

    #[test]
    fn stops_at_the_empty_line() {
        let mut reader: &[u8] = b"Content-Length: 5\r\n\r\nhello";
        let headers = read_headers(&mut reader).unwrap();
        assert_eq!(headers.get("Content-Length"), Some("5"));
        let mut body = String::new();
        reader.read_to_string(&mut body).unwrap();
        assert_eq!(body, "hello", "the body must stay in the reader");
    }

    #[test]
    fn rejects_a_line_without_a_colon() {
        assert_eq!(parse_header_line("Host example.com"), Err(BadRequest));
        assert!(parse("Host example.com\r\n\r\n").is_err());
    }

    #[test]
    fn rejects_an_empty_name() {
        assert_eq!(parse_header_line(": value"), Err(BadRequest));
    }

    #[test]
    fn rejects_whitespace_before_the_colon() {
        assert_eq!(parse_header_line("Host : example.com"), Err(BadRequest));
        assert_eq!(parse_header_line("Content-Length\t: 5"), Err(BadRequest));
        assert!(parse("Content-Length : 5\r\n\r\n").is_err());
    }

    #[test]
    fn rejects_a_name_that_is_not_a_token() {
        assert_eq!(parse_header_line("Bad Name: x"), Err(BadRequest));
        assert_eq!(parse_header_line("Bad(Name): x"), Err(BadRequest));
    }

    #[test]
    fn rejects_a_line_that_starts_with_whitespace() {
        // An old, now forbidden way to continue the previous header on the next line.
        assert!(parse("Host: a.test\r\n X-Evil: yes\r\n\r\n").is_err());
        assert!(parse("Host: a.test\r\n\tmore\r\n\r\n").is_err());
    }

    #[test]
    fn rejects_headers_that_never_end() {
        assert!(parse("Host: a.test\r\n").is_err(), "no empty line");
        assert!(parse("Host: a.test").is_err(), "no CRLF at all");
    }
}

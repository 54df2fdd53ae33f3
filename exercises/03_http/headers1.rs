// headers1: header fields
//
// After the request line come header fields, one per line (`Host: example.com`), up to an
// empty line. The name is a token (see `token::is_token`) that ends right at the colon, the
// spaces or tabs around the value are not part of it, and names are case-insensitive
// (`content-type` is `Content-Type`). Anything else is malformed (400): two servers that
// read `Content-Length : 5` differently disagree on where the request ends, and that is
// how request smuggling works.
//
// Make `parse_header_line` strict, and `Headers::get` ignore the case of names.

#[path = "support/token.rs"]
mod token;

/// The request is malformed: the server answers `400 Bad Request`.
#[derive(Debug, PartialEq)]
struct BadRequest;

/// Splits one header line (without its CRLF) into its name and value.
fn parse_header_line(line: &str) -> Result<(&str, &str), BadRequest> {
    // TODO: this refuses nothing. Split at the first colon; return `Err(BadRequest)` when
    // there is none or when the name is not a token, and trim spaces and tabs from the value.
    let (name, value) = line.split_once(": ").unwrap_or((line, ""));
    Ok((name, value))
}

/// Header fields in the order they arrived, names as the client spelled them.
struct Headers<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Headers<'a> {
    /// The value of the first field called `name`, if any.
    fn get(&self, name: &str) -> Option<&'a str> {
        // TODO: `==` is case-sensitive, but header names are not.
        let found = self.0.iter().find(|(field, _)| *field == name);
        found.map(|(_, value)| *value)
    }
}

fn main() {
    println!("{:?}", parse_header_line("Host : example.com"));
    println!(
        "{:?}",
        Headers(vec![("content-type", "text/html")]).get("Content-Type")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_name_and_trimmed_value() {
        for (line, name, value) in [
            ("Host: example.com", "Host", "example.com"),
            ("Host:example.com", "Host", "example.com"),
            ("Accept: \t text/plain \t", "Accept", "text/plain"),
            ("X-Time: 12:30:00", "X-Time", "12:30:00"),
            ("X-Empty:", "X-Empty", ""),
        ] {
            let got = parse_header_line(line);
            let why = "the name ends at the first colon; the value loses spaces and tabs around it";
            assert_eq!(got, Ok((name, value)), "{line:?}: {why}");
        }
    }

    #[test]
    fn refuses_malformed_lines() {
        for (line, why) in [
            ("Host example.com", "no colon"),
            (": value", "an empty name"),
            ("Host : example.com", "a space before the colon"),
            ("Content-Length\t: 5", "a tab before the colon"),
            (" X-Evil: yes", "a leading space"),
            ("Bad(Name): x", "a name that is not a token"),
        ] {
            assert_eq!(parse_header_line(line), Err(BadRequest), "{line:?}: {why}");
        }
    }

    #[test]
    fn names_are_case_insensitive() {
        let headers = Headers(vec![
            ("content-TYPE", "text/html"),
            ("Accept", "a"),
            ("accept", "b"),
        ]);
        let why = "`get` ignores the case of names and returns the first match";
        assert_eq!(headers.get("Content-Type"), Some("text/html"), "{why}");
        assert_eq!(headers.get("ACCEPT"), Some("a"), "{why}");
    }
}

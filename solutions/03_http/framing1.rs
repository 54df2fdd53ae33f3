// framing1: where does the body end? (request smuggling)
//
// HTTP/1.1 has two ways to say where a request body ends: `Content-Length: 11`, or
// `Transfer-Encoding: chunked` (the next exercise). A request carrying both is ambiguous,
// and that is an attack: if a proxy reads the body one way and the server the other, the
// bytes one takes for body the other reads as a second request, one the proxy never
// checked ("request smuggling"). RFC 9112 section 6.1 lets a server refuse such a request:
// 400. So is a Content-Length that is not plain digits (`+5`, `5,5`): others may read it
// differently.
//
// Fix `parse_length` and `framing`.

#[derive(Debug, PartialEq)]
enum Framing {
    /// No body.
    Empty,
    /// A body of this many bytes.
    Length(u64),
    /// A chunked body.
    Chunked,
}

/// A Content-Length value, or the status code that refuses it.
fn parse_length(value: &str) -> Result<Framing, u16> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(400);
    }
    value.parse().map(Framing::Length).map_err(|_| 400)
}

/// How the body of a request with these header fields is framed, or the status code that
/// refuses the request.
fn framing(headers: &[(&str, &str)]) -> Result<Framing, u16> {
    let field = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    let length = field("Content-Length").map(|(_, value)| *value);
    let encoding = field("Transfer-Encoding").map(|(_, value)| *value);
    match (length, encoding) {
        (Some(_), Some(_)) => Err(400),
        (_, Some(coding)) if coding.eq_ignore_ascii_case("chunked") => Ok(Framing::Chunked),
        (_, Some(_)) => Err(501), // a transfer coding we do not implement
        (Some(value), None) => parse_length(value),
        (None, None) => Ok(Framing::Empty),
    }
}

fn main() {
    println!(
        "{:?}",
        framing(&[("Content-Length", "6"), ("Transfer-Encoding", "chunked")])
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_framing_is_fine() {
        let got = framing(&[("transfer-encoding", "Chunked")]);
        assert_eq!(got, Ok(Framing::Chunked), "names and `chunked` ignore case");
        let got = framing(&[("Content-Length", "11")]);
        assert_eq!(got, Ok(Framing::Length(11)), "Content-Length: 11");
        assert_eq!(
            framing(&[]),
            Ok(Framing::Empty),
            "no framing field: no body"
        );
    }

    #[test]
    fn content_length_is_only_digits() {
        for value in ["+5", "-1", "0x10", "5,5", "1.5", "", "five"] {
            let got = framing(&[("Content-Length", value)]);
            let why = "a Content-Length is one or more digits, nothing else: 400";
            assert_eq!(got, Err(400), "{value:?}: {why}");
        }
    }

    #[test]
    fn both_framings_at_once_are_refused() {
        let cl_te = [("Content-Length", "6"), ("Transfer-Encoding", "chunked")];
        let te_cl = [("Transfer-Encoding", "chunked"), ("content-length", "40")];
        for fields in [cl_te, te_cl] {
            let why = "Content-Length and Transfer-Encoding together are ambiguous: 400";
            assert_eq!(framing(&fields), Err(400), "{fields:?}: {why}");
        }
    }
}

// chunked1: chunked transfer coding
//
// `Content-Length` needs the whole body's size before the first byte is sent. A server that
// streams (a large export, a live log, an AI answer word by word) does not know it yet, so
// HTTP/1.1 offers `Transfer-Encoding: chunked`: the body is sent as chunks, each announced by
// its size in *hexadecimal*, and a chunk of size 0 ends it:
//
//     5\r\n            a chunk of 5 bytes
//     hello\r\n        its data, then CRLF
//     6;lang=en\r\n    a chunk of 6 bytes, with an "extension" to ignore
//      world\r\n
//     0\r\n            the last chunk
//     Expires: 0\r\n   optional "trailer" fields
//     \r\n             an empty line ends the message
//
// The data is read by its size, never by lines: it may contain CRLF itself. Anything that
// does not follow this format is malformed (400), and a body that grows past the limit is
// refused (413) before its chunk is read.
//
// `decode_chunked` reads the size in decimal and forgets two CRLFs. Fix the three TODOs.

use std::fmt;
use std::io::{self, BufRead};

#[derive(Debug)]
enum ChunkedError {
    /// The chunked framing is broken: 400 Bad Request.
    Malformed,
    /// The body is larger than we accept: 413 Content Too Large.
    TooLarge,
    /// The connection failed or ended in the middle of a chunk.
    Io(io::Error),
}

impl fmt::Display for ChunkedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkedError::Malformed => f.write_str("400 Bad Request: malformed chunked body"),
            ChunkedError::TooLarge => f.write_str("413 Content Too Large"),
            ChunkedError::Io(error) => write!(f, "the body did not arrive: {error}"),
        }
    }
}

/// Reads one line and returns it without its CRLF. A line without CRLF (or the end of the
/// input) is malformed.
fn read_line(reader: &mut impl BufRead) -> Result<String, ChunkedError> {
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|_| ChunkedError::Malformed)?;
    match line.strip_suffix("\r\n") {
        Some(line) => Ok(line.to_string()),
        None => Err(ChunkedError::Malformed),
    }
}

/// Parses a chunk size: one or more hex digits.
fn parse_size(size: &str) -> Result<usize, ChunkedError> {
    if size.is_empty() || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ChunkedError::Malformed);
    }
    // Only hex digits, so parsing can only fail by overflowing.
    usize::from_str_radix(size, 16).map_err(|_| ChunkedError::TooLarge)
}

/// Decodes a chunked body from `reader` (positioned just after the headers), leaving
/// whatever comes after the message in the reader.
fn decode_chunked(reader: &mut impl BufRead, limit: usize) -> Result<Vec<u8>, ChunkedError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?;
        // TODO: the size is hexadecimal (`parse_size`), and may be followed by `;` and
        // extensions that we ignore.
        let size: usize = line.parse().map_err(|_| ChunkedError::Malformed)?;
        if size == 0 {
            break;
        }
        if size > limit - body.len() {
            return Err(ChunkedError::TooLarge);
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader
            .read_exact(&mut body[start..])
            .map_err(ChunkedError::Io)?;
        // TODO: the data must be followed by CRLF, which is an empty line for `read_line`.
        // Anything else there is `Malformed`.
    }
    // TODO: after the last chunk come trailer fields, to skip, and an empty line that ends
    // the message.
    Ok(body)
}

fn main() {
    let mut message: &[u8] = b"5\r\nhello\r\n6;lang=en\r\n world\r\n0\r\n\r\n";
    match decode_chunked(&mut message, 1024) {
        Ok(body) => println!("body: {:?}", String::from_utf8_lossy(&body)),
        Err(error) => println!("error: {error}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn decode(raw: &str) -> Result<String, ChunkedError> {
        decode_chunked(&mut raw.as_bytes(), 1024).map(|body| String::from_utf8(body).unwrap())
    }

    fn assert_malformed(raw: &str) {
        let result = decode(raw);
        assert!(
            matches!(result, Err(ChunkedError::Malformed)),
            "{raw:?} must be Malformed, got {result:?}"
        );
    }

    #[test]
    fn decodes_two_chunks() {
        let body = decode("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap();
        assert_eq!(body, "hello world");
    }

    #[test]
    fn an_empty_body_is_just_the_last_chunk() {
        assert_eq!(decode("0\r\n\r\n").unwrap(), "");
    }

    #[test]
    fn sizes_are_hexadecimal() {
        let raw = "a\r\n0123456789\r\n10\r\nabcdefghijklmnop\r\nB\r\nABCDEFGHIJK\r\n0\r\n\r\n";
        assert_eq!(
            decode(raw).unwrap(),
            "0123456789abcdefghijklmnopABCDEFGHIJK"
        );
    }

    #[test]
    fn data_is_read_by_size_not_by_line() {
        let body = decode("4\r\na\r\nb\r\n0\r\n\r\n").unwrap();
        assert_eq!(body, "a\r\nb");
    }

    #[test]
    fn ignores_chunk_extensions() {
        let body = decode("5;name=value\r\nhello\r\n1;x\r\n!\r\n0;end\r\n\r\n").unwrap();
        assert_eq!(body, "hello!");
    }

    #[test]
    fn skips_trailer_fields() {
        let body = decode("5\r\nhello\r\n0\r\nExpires: 0\r\nX-Checksum: 5d41\r\n\r\n").unwrap();
        assert_eq!(body, "hello");
    }

    #[test]
    fn stops_at_the_end_of_the_message() {
        let mut reader: &[u8] = b"2\r\nhi\r\n0\r\nX-Done: yes\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
        let body = decode_chunked(&mut reader, 1024).unwrap();
        assert_eq!(body, b"hi");
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(
            rest, "GET /next HTTP/1.1\r\n\r\n",
            "the next request must stay"
        );
    }

    #[test]
    fn rejects_sizes_that_are_not_hex() {
        assert_malformed("zz\r\nhello\r\n0\r\n\r\n");
        assert_malformed("\r\nhello\r\n0\r\n\r\n");
        assert_malformed("-5\r\nhello\r\n0\r\n\r\n");
        assert_malformed("+5\r\nhello\r\n0\r\n\r\n");
        assert_malformed("0x5\r\nhello\r\n0\r\n\r\n");
        assert_malformed(" 5\r\nhello\r\n0\r\n\r\n");
    }

    #[test]
    fn rejects_data_that_does_not_match_its_size() {
        assert_malformed("3\r\nhello\r\n0\r\n\r\n");
        assert_malformed("5\r\nhelloXX0\r\n\r\n");
    }

    #[test]
    fn rejects_a_message_that_is_cut_short() {
        assert!(
            decode("a\r\nhello").is_err(),
            "the end in the middle of a chunk"
        );
        assert_malformed("5\r\nhello\r\n");
        assert_malformed("5\r\nhello\r\n0\r\n");
        assert_malformed("5\r\nhello\r\n0\r\nX-Trailer: 1\r\n");
    }

    #[test]
    fn refuses_a_body_over_the_limit() {
        let mut reader: &[u8] = b"5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n";
        let result = decode_chunked(&mut reader, 8);
        assert!(
            matches!(result, Err(ChunkedError::TooLarge)),
            "10 bytes with a limit of 8 must be TooLarge, got {result:?}"
        );

        let mut reader: &[u8] = b"fffffffff\r\nhello";
        let result = decode_chunked(&mut reader, 1024);
        assert!(
            matches!(result, Err(ChunkedError::TooLarge)),
            "a 64 GiB chunk must be refused before it is read, got {result:?}"
        );
    }
}

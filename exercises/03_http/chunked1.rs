// chunked1: chunked transfer coding
//
// A server that streams (a large export, a live log) does not know the body's size when it
// starts, so HTTP/1.1 offers `Transfer-Encoding: chunked`: chunks, each announced by its
// size in *hexadecimal* (maybe followed by `;extensions` to ignore) and followed by CRLF,
// then a chunk of size 0 and an empty line: `5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n`.
// The data is read by its size, never by lines: it may contain CRLF itself. Anything else
// is malformed (400).
//
// `decode_chunked` reads the size in decimal and skips no CRLF after the data. Fix it.

use std::io::BufRead;

#[derive(Debug, PartialEq)]
struct Malformed;

/// Reads one line without its CRLF; a line without CRLF is malformed.
fn read_line(reader: &mut impl BufRead) -> Result<String, Malformed> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| Malformed)?;
    line.strip_suffix("\r\n")
        .map(str::to_string)
        .ok_or(Malformed)
}

/// Parses a chunk size: one or more hex digits.
fn parse_size(size: &str) -> Result<usize, Malformed> {
    if size.is_empty() || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Malformed);
    }
    usize::from_str_radix(size, 16).map_err(|_| Malformed)
}

/// Decodes a chunked body from `reader`, positioned just after the head.
fn decode_chunked(reader: &mut impl BufRead) -> Result<Vec<u8>, Malformed> {
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?;
        // TODO: the size is hexadecimal (`parse_size`), maybe followed by `;extensions`.
        let size: usize = line.parse().map_err(|_| Malformed)?;
        let mut chunk = vec![0; size];
        reader.read_exact(&mut chunk).map_err(|_| Malformed)?;
        body.extend_from_slice(&chunk);
        // TODO: the data is followed by CRLF (an empty line to `read_line`), or it is malformed.
        if size == 0 {
            return Ok(body); // (This decoder accepts no trailer fields after the last chunk.)
        }
    }
}

fn main() {
    let body = decode_chunked(&mut &b"5\r\nhello\r\n6;lang=en\r\n world\r\n0\r\n\r\n"[..]);
    println!("{:?}", body.map(String::from_utf8));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(raw: &str) -> Result<String, Malformed> {
        let body = decode_chunked(&mut raw.as_bytes())?;
        Ok(String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn decodes_chunks() {
        for (raw, want) in [
            ("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world"),
            ("0\r\n\r\n", ""),
            ("4\r\na\r\nb\r\n0\r\n\r\n", "a\r\nb"),
            ("10\r\nabcdefghijklmnop\r\n0\r\n\r\n", "abcdefghijklmnop"),
            ("a;x=y\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ] {
            let why = "sizes are hex, `;extensions` are ignored, data is read by size";
            assert_eq!(decode(raw), Ok(want.to_string()), "{raw:?}: {why}");
        }
    }

    #[test]
    fn refuses_malformed_chunks() {
        for (raw, why) in [
            ("zz\r\nhello\r\n0\r\n\r\n", "a size that is not hex"),
            ("+5\r\nhello\r\n0\r\n\r\n", "a size with a sign"),
            ("3\r\nhello\r\n0\r\n\r\n", "more data than the size says"),
            ("5\r\nhelloXX0\r\n\r\n", "no CRLF after the data"),
            ("5\r\nhello\r\n", "no last chunk"),
        ] {
            assert_eq!(decode(raw), Err(Malformed), "{raw:?}: {why}");
        }
    }
}

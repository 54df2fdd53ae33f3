// body1: reading a body by Content-Length
//
// After the empty line that ends the head comes the body. TCP has no "end of message", so
// the client says how long its body is (`Content-Length: 11`) and the server reads exactly
// that many bytes. Reading "to the end" would take the next request too, and on a live
// connection it waits until the client hangs up, which it won't while it waits for the
// answer. The server also caps what it accepts: a body over the limit gets `413 Content
// Too Large` before anything is read or allocated.
//
// Make `read_body` refuse a body over the limit, then read exactly `length` bytes.

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use std::io::{self, BufRead};

#[derive(Debug)]
enum BodyError {
    TooLarge,      // 413 Content Too Large
    Io(io::Error), // the connection failed, or ended before the whole body
}

/// Reads a body of `length` bytes (the request's Content-Length) from `reader`.
fn read_body(reader: &mut impl BufRead, length: usize, limit: usize) -> Result<Vec<u8>, BodyError> {
    if length > limit {
        return Err(BodyError::TooLarge);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(BodyError::Io)?;
    Ok(body)
}

fn main() {
    match read_body(&mut conn::open_connection(b"hello world"), 11, 1024) {
        Err(BodyError::Io(error)) => println!("reading failed: {error}"),
        result => println!("{result:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(reader: &mut impl BufRead, length: usize, limit: usize) -> Result<String, String> {
        match read_body(reader, length, limit) {
            Ok(body) => Ok(String::from_utf8_lossy(&body).into_owned()),
            Err(BodyError::TooLarge) => Err("TooLarge".to_string()),
            Err(BodyError::Io(e)) => Err(format!("{:?} error: {e}", e.kind())),
        }
    }

    #[test]
    fn reads_exactly_content_length_bytes() {
        let mut connection = conn::open_connection(b"hello worldGET /next HTTP/1.1\r\n");
        let got = read(&mut connection, 11, 1024);
        assert_eq!(got, Ok("hello world".into()), "11 bytes, and not one more");
        let next = String::from_utf8_lossy(connection.fill_buf().unwrap()).into_owned();
        assert_eq!(next, "GET /next HTTP/1.1\r\n", "the next request stays");
    }

    #[test]
    fn refuses_a_body_over_the_limit_before_reading() {
        let mut connection = conn::open_connection(b"0123456789");
        let why = "over the limit: TooLarge (413), before anything is read or allocated";
        let too_large = Err("TooLarge".to_string());
        assert_eq!(read(&mut connection, 10, 9), too_large, "limit 9: {why}");
        let got = read(&mut connection, 50_000_000_000, 1024);
        assert_eq!(got, too_large, "50 GB: {why}");
        let rest = String::from_utf8_lossy(connection.fill_buf().unwrap()).into_owned();
        assert_eq!(rest, "0123456789", "{why}: the bytes stay unread");
    }

    #[test]
    fn a_body_cut_short_is_an_error() {
        let got = read(&mut &b"hello"[..], 10, 1024);
        let why = "5 bytes of 10, then the end: an UnexpectedEof error";
        let eof = matches!(&got, Err(e) if e.starts_with("UnexpectedEof"));
        assert!(eof, "{why}, got {got:?}");
    }
}

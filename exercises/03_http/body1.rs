// body1: reading a body by Content-Length
//
// After the empty line that ends the headers comes the body, if there is one. TCP is a
// stream of bytes with no "end of message", so the client says how long its body is with
// `Content-Length: 11`, and the server reads exactly that many bytes: no fewer (the rest is
// still on its way), and no more. The connection stays open after a request, so the next
// bytes may already be the next request, and reading "until the end" would wait until the
// client hangs up, which it will not do while it waits for our answer.
//
// The server also decides how much it is willing to accept. A client that announces
// `Content-Length: 50000000000` gets `413 Content Too Large` before the server reads or
// allocates anything. A length that is not a plain decimal number (`abc`, `-1`, `+5`, `5 `)
// is malformed: `400 Bad Request`. A number too big for a `usize` is still a number: 413.
//
// Rewrite `read_body` so that it checks the header and the limit, then reads exactly
// `Content-Length` bytes from the reader it is given. No `Content-Length` means no body.

use std::fmt;
use std::io::{self, BufRead, BufReader};

#[derive(Debug)]
enum BodyError {
    /// `Content-Length` is not a decimal number: 400 Bad Request.
    InvalidLength,
    /// The body is larger than we accept: 413 Content Too Large.
    TooLarge,
    /// The connection failed or ended before the whole body arrived.
    Io(io::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::InvalidLength => f.write_str("400 Bad Request: invalid Content-Length"),
            BodyError::TooLarge => f.write_str("413 Content Too Large"),
            BodyError::Io(error) => write!(f, "the body did not arrive: {error}"),
        }
    }
}

/// Reads the body announced by `content_length` (the header's value, if the request had
/// one). `reader` is the same buffered reader that read the headers: it may already hold the
/// first bytes of the body.
fn read_body(
    reader: &mut impl BufRead,
    content_length: Option<&str>,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    // TODO: reading to the end takes the next request too, and on a live connection it
    // waits until the client hangs up. Instead:
    // - no `content_length`: the body is empty;
    // - a value that is not only ASCII digits: `InvalidLength`;
    // - a length over `limit` (or too big to parse): `TooLarge`, before reading anything;
    // - otherwise read exactly that many bytes.
    let mut body = Vec::new();
    reader.read_to_end(&mut body).map_err(BodyError::Io)?;
    Ok(body)
}

fn main() {
    let mut stream = BufReader::new(&b"hello worldGET /next HTTP/1.1\r\n"[..]);
    match read_body(&mut stream, Some("11"), 1024) {
        Ok(body) => println!("body: {:?}", String::from_utf8_lossy(&body)),
        Err(error) => println!("error: {error}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::thread;
    use std::time::Duration;

    fn rest(reader: &mut impl Read) -> String {
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        rest
    }

    #[test]
    fn reads_exactly_content_length_bytes() {
        let mut reader: &[u8] = b"hello worldGET /next HTTP/1.1\r\n\r\n";
        let body = read_body(&mut reader, Some("11"), 1024).unwrap();
        assert_eq!(body, b"hello world");
        assert_eq!(
            rest(&mut reader),
            "GET /next HTTP/1.1\r\n\r\n",
            "the next request must stay in the reader"
        );
    }

    #[test]
    fn no_content_length_means_no_body() {
        let mut reader: &[u8] = b"GET /next HTTP/1.1\r\n\r\n";
        let body = read_body(&mut reader, None, 1024).unwrap();
        assert_eq!(body, b"");
        assert_eq!(rest(&mut reader), "GET /next HTTP/1.1\r\n\r\n");
    }

    #[test]
    fn a_zero_length_body_is_empty() {
        let mut reader: &[u8] = b"GET /next HTTP/1.1\r\n\r\n";
        let body = read_body(&mut reader, Some("0"), 1024).unwrap();
        assert_eq!(body, b"");
        assert_eq!(rest(&mut reader), "GET /next HTTP/1.1\r\n\r\n");
    }

    #[test]
    fn reads_binary_bodies() {
        let mut reader: &[u8] = &[0, 159, 146, 150, 255, 13, 10];
        let body = read_body(&mut reader, Some("7"), 1024).unwrap();
        assert_eq!(body, [0, 159, 146, 150, 255, 13, 10]);
    }

    #[test]
    fn rejects_lengths_that_are_not_numbers() {
        for value in [
            "abc", "-1", "+5", "", " 5", "5 ", "0x10", "1,000", "1.5", "٣",
        ] {
            let mut reader: &[u8] = b"hello";
            let result = read_body(&mut reader, Some(value), 1024);
            assert!(
                matches!(result, Err(BodyError::InvalidLength)),
                "Content-Length {value:?} must be InvalidLength (400), got {result:?}"
            );
        }
    }

    #[test]
    fn refuses_a_body_over_the_limit() {
        let mut reader: &[u8] = b"0123456789";
        let result = read_body(&mut reader, Some("10"), 9);
        assert!(
            matches!(result, Err(BodyError::TooLarge)),
            "10 bytes with a limit of 9 must be TooLarge (413), got {result:?}"
        );
        assert_eq!(rest(&mut reader), "0123456789", "refuse before reading");
    }

    #[test]
    fn accepts_a_body_right_at_the_limit() {
        let mut reader: &[u8] = b"0123456789";
        let body = read_body(&mut reader, Some("10"), 10).unwrap();
        assert_eq!(body, b"0123456789");
    }

    #[test]
    fn refuses_huge_lengths_without_allocating() {
        for value in ["50000000000", "99999999999999999999999999999"] {
            let mut reader: &[u8] = b"hello";
            let result = read_body(&mut reader, Some(value), 1024);
            assert!(
                matches!(result, Err(BodyError::TooLarge)),
                "Content-Length {value:?} must be TooLarge (413), got {result:?}"
            );
        }
    }

    #[test]
    fn a_body_cut_short_is_an_error() {
        let mut reader: &[u8] = b"hello";
        let result = read_body(&mut reader, Some("10"), 1024);
        assert!(
            matches!(&result, Err(BodyError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof),
            "5 bytes of 10 and then the end must be an UnexpectedEof error, got {result:?}"
        );
    }

    #[test]
    fn reads_from_a_connection_that_stays_open() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        client
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        client
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let (server_side, _) = listener.accept().unwrap();
        server_side
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();

        // The client sends a request in two pieces, then waits for the answer without
        // closing its side of the connection, like every real client.
        let sender = thread::spawn(move || {
            client
                .write_all(b"POST /notes HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello")
                .unwrap();
            thread::sleep(Duration::from_millis(20));
            client.write_all(b" world").unwrap();
            client
        });

        let mut reader = BufReader::new(&server_side);
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
        let body = read_body(&mut reader, Some("11"), 1024);
        let _client = sender.join().unwrap();
        assert_eq!(body.unwrap(), b"hello world");
    }
}

// response1: writing a response
//
// A response mirrors a request: a status line, header fields, an empty line, the body:
// `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello`.
// Every line ends in CRLF (`\r\n`), not just `\n`. `Content-Length` is the size of the body
// in bytes (not characters: `é` is two bytes); without it the client cannot know where the
// body ends. Clients parse these bytes exactly, so "almost right" is wrong.
//
// Make `to_bytes` produce exactly these bytes.

#[path = "support/http.rs"]
mod http;

/// A response as it is sent over the connection.
fn to_bytes(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let reason = http::reason_phrase(status);
    let mut lines = vec![format!("HTTP/1.1 {status} {reason}")];
    for (name, value) in headers {
        lines.push(format!("{name}: {value}"));
    }
    lines.push(format!("Content-Length: {}", body.len()));
    let head: String = lines.iter().map(|line| format!("{line}\r\n")).collect();
    [head.as_bytes(), b"\r\n", body].concat()
}

fn main() {
    let bytes = to_bytes(200, &[], "héllo".as_bytes());
    println!("{:?}", String::from_utf8_lossy(&bytes));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of a response, as text.
    fn sent(status: u16, headers: &[(&str, &str)], body: &str) -> String {
        String::from_utf8_lossy(&to_bytes(status, headers, body.as_bytes())).into_owned()
    }

    const WHY: &str = "CRLF after each line, Content-Length (in bytes), an empty line, the body";

    #[test]
    fn writes_status_line_headers_and_body() {
        let got = sent(200, &[("Content-Type", "text/plain")], "hello");
        let want = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
        assert_eq!(got, want, "{WHY}");
    }

    #[test]
    fn an_empty_body_still_has_a_length() {
        let want = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(sent(404, &[], ""), want, "{WHY}");
    }

    #[test]
    fn keeps_headers_in_order() {
        let got = sent(201, &[("Location", "/n/1"), ("Set-Cookie", "a=1")], "");
        let want = "HTTP/1.1 201 Created\r\nLocation: /n/1\r\nSet-Cookie: a=1\r\n\
                    Content-Length: 0\r\n\r\n";
        assert_eq!(got, want, "{WHY}");
    }

    #[test]
    fn content_length_counts_bytes_not_characters() {
        let want = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\ncafé ✓";
        let got = sent(200, &[], "café ✓");
        assert_eq!(got, want, "é and ✓ are 2 and 3 bytes: {WHY}");
    }
}

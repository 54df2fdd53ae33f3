// response1: writing a response
//
// A response mirrors a request: a status line, header fields, an empty line, the body.
//
//     HTTP/1.1 200 OK\r\n
//     Content-Type: text/plain\r\n
//     Content-Length: 5\r\n
//     \r\n
//     hello
//
// Every line ends in CRLF (`\r\n`), not just `\n`. `Content-Length` is the size of the body in
// bytes (not characters: `é` is two bytes), and without it the client cannot know where the
// body ends. A client parses these bytes exactly, so "almost right" is wrong.
//
// Header values often carry data that came from a user, like a redirect target. A value
// with CR or LF in it would end its line early and let that user write headers of their own
// (`/home\r\nSet-Cookie: admin=true`): "response splitting". So a header with CR or LF in its
// name or value is refused.
//
// 1. Make `to_bytes` produce exactly the bytes above: CRLF line endings, the headers in
//    order, then `Content-Length`, then the empty line, then the body.
// 2. Make `set_header` refuse names and values that contain CR or LF.

/// The header name or value contains CR or LF.
#[derive(Debug, PartialEq)]
struct InvalidHeader;

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The standard reason phrase of a status code.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

impl Response {
    fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header field. `Content-Length` is added by `to_bytes`, not here.
    fn set_header(&mut self, name: &str, value: &str) -> Result<(), InvalidHeader> {
        // TODO: return `Err(InvalidHeader)`, and add nothing, when the name or the value
        // contains '\r' or '\n'.
        self.headers.push((name.to_string(), value.to_string()));
        Ok(())
    }

    /// The response as it is sent over the connection.
    fn to_bytes(&self) -> Vec<u8> {
        // TODO: HTTP lines end in "\r\n", not "\n".
        let mut head = format!("HTTP/1.1 {} {}\n", self.status, reason_phrase(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\n"));
        }
        // TODO: add the `Content-Length` header (the body's size in bytes), then the empty
        // line that ends the head.
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

fn main() {
    let mut response = Response::new(200);
    response
        .set_header("Content-Type", "text/plain; charset=utf-8")
        .unwrap();
    response.body = "héllo".into();
    println!("{:?}", String::from_utf8_lossy(&response.to_bytes()));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn writes_status_line_headers_and_body() {
        let mut response = Response::new(200);
        response.set_header("Content-Type", "text/plain").unwrap();
        response.body = b"hello".to_vec();
        assert_eq!(
            text(&response.to_bytes()),
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
        );
    }

    #[test]
    fn an_empty_body_still_has_a_length() {
        let response = Response::new(404);
        assert_eq!(
            text(&response.to_bytes()),
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        );
    }

    #[test]
    fn keeps_headers_in_order() {
        let mut response = Response::new(302);
        response.set_header("Location", "/login").unwrap();
        response.set_header("Cache-Control", "no-store").unwrap();
        response.set_header("Set-Cookie", "a=1").unwrap();
        response.set_header("Set-Cookie", "b=2").unwrap();
        assert_eq!(
            text(&response.to_bytes()),
            "HTTP/1.1 302 Found\r\n\
             Location: /login\r\n\
             Cache-Control: no-store\r\n\
             Set-Cookie: a=1\r\n\
             Set-Cookie: b=2\r\n\
             Content-Length: 0\r\n\
             \r\n"
        );
    }

    #[test]
    fn content_length_counts_bytes_not_characters() {
        let mut response = Response::new(201);
        response
            .set_header("Content-Type", "text/plain; charset=utf-8")
            .unwrap();
        response.body = "café ✓".into();
        assert_eq!(
            text(&response.to_bytes()),
            "HTTP/1.1 201 Created\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Length: 9\r\n\
             \r\n\
             café ✓"
        );
    }

    #[test]
    fn sends_binary_bodies_unchanged() {
        let mut response = Response::new(200);
        response
            .set_header("Content-Type", "application/octet-stream")
            .unwrap();
        response.body = vec![0, 159, 146, 150, 13, 10, 255];
        let mut expected =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 7\r\n\r\n"
                .to_vec();
        expected.extend_from_slice(&[0, 159, 146, 150, 13, 10, 255]);
        assert_eq!(response.to_bytes(), expected);
    }

    #[test]
    fn refuses_header_injection() {
        let mut response = Response::new(302);
        assert_eq!(
            response.set_header("Location", "/home\r\nSet-Cookie: admin=true"),
            Err(InvalidHeader)
        );
        assert_eq!(
            response.set_header("Location", "/home\nSet-Cookie: admin=true"),
            Err(InvalidHeader)
        );
        assert_eq!(
            response.set_header("X-Note\r\nSet-Cookie", "admin=true"),
            Err(InvalidHeader)
        );
        assert_eq!(
            text(&response.to_bytes()),
            "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n",
            "a refused header must not be sent"
        );
    }
}

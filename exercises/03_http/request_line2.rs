// request_line2: methods, versions, and the right error code
//
// Not every bad request is the client's fault in the same way, and the status code tells the
// client which way:
//
// - `400 Bad Request`: the line is malformed. A method must be a "token" (letters, digits and
//   a few symbols such as `-` or `_`); a version must look like `HTTP/1.1`.
// - `501 Not Implemented`: the method is well-formed but this server does not know it, like
//   `BREW` or `get` (method names are case-sensitive, so `get` is not `GET`).
// - `505 HTTP Version Not Supported`: the version is well-formed (`HTTP/` digit `.` digit)
//   but not one we speak, like `HTTP/2.0`. We speak `HTTP/1.0` and `HTTP/1.1`.
//
// Turning text into a typed value is what the `FromStr` trait is for: implement it, and
// `"GET".parse::<Method>()` works, and `?` can pass its error along. After this step the rest
// of the server never handles a method as a string again.
//
// Finish `FromStr for Method` and `FromStr for Version` so that they return the right
// `RequestError`. `parse_request_line` already uses them.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Method {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Version {
    Http10,
    Http11,
}

#[derive(Debug, PartialEq)]
enum RequestError {
    /// The request line is malformed: 400.
    BadRequest,
    /// A well-formed method that this server does not implement: 501.
    NotImplemented,
    /// A well-formed HTTP version that this server does not speak: 505.
    VersionNotSupported,
}

impl RequestError {
    /// The status code and reason phrase the server answers with.
    fn status(&self) -> (u16, &'static str) {
        match self {
            RequestError::BadRequest => (400, "Bad Request"),
            RequestError::NotImplemented => (501, "Not Implemented"),
            RequestError::VersionNotSupported => (505, "HTTP Version Not Supported"),
        }
    }
}

/// Whether `s` is a "token": one or more of the characters HTTP allows in a method or a
/// header name (letters, digits and ``!#$%&'*+-.^_`|~``).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl FromStr for Method {
    type Err = RequestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // TODO: recognise every method of the `Method` enum. For anything else, answer
        // `NotImplemented` if it is a well-formed token (see `is_token`), `BadRequest` if not.
        match s {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            _ => Err(RequestError::BadRequest),
        }
    }
}

impl FromStr for Version {
    type Err = RequestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // TODO: accept `HTTP/1.0` too. Any other version that is well-formed (`HTTP/`, a
        // digit, `.`, a digit) is `VersionNotSupported`; the rest is `BadRequest`.
        match s {
            "HTTP/1.1" => Ok(Version::Http11),
            _ => Err(RequestError::BadRequest),
        }
    }
}

#[derive(Debug, PartialEq)]
struct RequestLine {
    method: Method,
    target: String,
    version: Version,
}

fn parse_request_line(line: &str) -> Result<RequestLine, RequestError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(RequestError::BadRequest);
    };
    if !target.starts_with('/') {
        return Err(RequestError::BadRequest);
    }
    Ok(RequestLine {
        method: method.parse()?,
        target: target.to_string(),
        version: version.parse()?,
    })
}

fn main() {
    for line in ["GET / HTTP/1.1", "BREW /pot HTTP/1.1", "GET / HTTP/2.0"] {
        match parse_request_line(line) {
            Ok(request) => println!("{line:?} -> {request:?}"),
            Err(error) => println!("{line:?} -> {:?}", error.status()),
        }
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn status_of(line: &str) -> u16 {
        match parse_request_line(line) {
            Ok(_) => 200,
            Err(error) => error.status().0,
        }
    }

    #[test]
    fn parses_every_method_we_implement() {
        let methods = [
            ("GET", Method::Get),
            ("HEAD", Method::Head),
            ("POST", Method::Post),
            ("PUT", Method::Put),
            ("PATCH", Method::Patch),
            ("DELETE", Method::Delete),
            ("OPTIONS", Method::Options),
        ];
        for (text, method) in methods {
            assert_eq!(text.parse::<Method>(), Ok(method), "parsing {text:?}");
        }
    }

    #[test]
    fn unknown_methods_are_not_implemented() {
        for text in ["BREW", "PROPFIND", "get", "Post"] {
            assert_eq!(
                text.parse::<Method>(),
                Err(RequestError::NotImplemented),
                "{text:?} is a well-formed method that we do not implement"
            );
        }
    }

    #[test]
    fn malformed_methods_are_bad_requests() {
        for text in ["", "GE(T", "G\"ET", "GET/", "GÉT"] {
            assert_eq!(
                text.parse::<Method>(),
                Err(RequestError::BadRequest),
                "{text:?} is not a token"
            );
        }
    }

    #[test]
    fn parses_both_versions_we_speak() {
        assert_eq!("HTTP/1.1".parse::<Version>(), Ok(Version::Http11));
        assert_eq!("HTTP/1.0".parse::<Version>(), Ok(Version::Http10));
    }

    #[test]
    fn other_versions_are_not_supported() {
        for text in ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9"] {
            assert_eq!(
                text.parse::<Version>(),
                Err(RequestError::VersionNotSupported),
                "{text:?} is a well-formed version that we do not speak"
            );
        }
    }

    #[test]
    fn malformed_versions_are_bad_requests() {
        for text in [
            "HTTP/1",
            "HTTP/11",
            "HTTP/1.1.1",
            "http/1.1",
            "HTTPS/1.1",
            "HTTP/x.y",
            "",
        ] {
            assert_eq!(
                text.parse::<Version>(),
                Err(RequestError::BadRequest),
                "{text:?} is not an HTTP version"
            );
        }
    }

    #[test]
    fn parses_a_whole_line() {
        assert_eq!(
            parse_request_line("PATCH /users/7 HTTP/1.0"),
            Ok(RequestLine {
                method: Method::Patch,
                target: "/users/7".to_string(),
                version: Version::Http10,
            })
        );
    }

    #[test]
    fn each_error_has_its_status_code() {
        assert_eq!(status_of("GET / HTTP/1.1"), 200);
        assert_eq!(status_of("BREW /coffee HTTP/1.1"), 501);
        assert_eq!(status_of("GET / HTTP/2.0"), 505);
        assert_eq!(status_of("G@T / HTTP/1.1"), 400);
        assert_eq!(status_of("GET / HTTP/one"), 400);
        assert_eq!(status_of("GET /"), 400);
        assert_eq!(status_of("GET  / HTTP/1.1"), 400);
    }
}

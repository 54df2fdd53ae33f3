// request_line2: methods, versions, and the right error code
//
// A bad request line is not always bad in the same way, and the status code says how:
// `400 Bad Request` for a malformed method (not a token, see `token::is_token`) or version
// (not like `HTTP/1.1`); `501 Not Implemented` for a well-formed method this server does
// not know, like `BREW` or `get` (methods are case-sensitive); `505 HTTP Version Not
// Supported` for a well-formed version (`HTTP/` digit `.` digit) other than the two we
// speak, `HTTP/1.0` and `HTTP/1.1`. Implementing `FromStr` makes `"GET".parse::<Method>()`
// work.
//
// Finish both `from_str`s.

#[path = "support/token.rs"]
mod token;

use std::str::FromStr;

#[derive(Debug, PartialEq)]
enum Method {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
}

#[derive(Debug, PartialEq)]
enum Version {
    Http10,
    Http11,
}

#[derive(Debug, PartialEq)]
enum RequestError {
    BadRequest,
    NotImplemented,
    VersionNotSupported,
}

impl FromStr for Method {
    type Err = RequestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "HEAD" => Ok(Method::Head),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            "OPTIONS" => Ok(Method::Options),
            _ if token::is_token(s) => Err(RequestError::NotImplemented),
            _ => Err(RequestError::BadRequest),
        }
    }
}

impl FromStr for Version {
    type Err = RequestError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "HTTP/1.1" => Ok(Version::Http11),
            "HTTP/1.0" => Ok(Version::Http10),
            _ => match s.strip_prefix("HTTP/").map(str::as_bytes) {
                Some([major, b'.', minor]) if major.is_ascii_digit() && minor.is_ascii_digit() => {
                    Err(RequestError::VersionNotSupported)
                }
                _ => Err(RequestError::BadRequest),
            },
        }
    }
}

fn main() {
    println!("{:?}", "BREW".parse::<Method>());
    println!("{:?}", "HTTP/2.0".parse::<Version>());
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestError::*;

    #[test]
    fn methods() {
        for text in ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
            let got = text
                .parse::<Method>()
                .map(|m| format!("{m:?}").to_uppercase());
            assert_eq!(got, Ok(text.to_string()), "{text} is a method we implement");
        }
        for text in ["BREW", "PROPFIND", "get"] {
            let got = text.parse::<Method>();
            assert_eq!(
                got,
                Err(NotImplemented),
                "{text:?}: an unknown token is 501"
            );
        }
        for text in ["", "GE(T", "GET/", "GÉT"] {
            let got = text.parse::<Method>();
            assert_eq!(got, Err(BadRequest), "{text:?}: not a token, 400");
        }
    }

    #[test]
    fn versions() {
        assert_eq!("HTTP/1.1".parse(), Ok(Version::Http11), "we speak HTTP/1.1");
        assert_eq!("HTTP/1.0".parse(), Ok(Version::Http10), "we speak HTTP/1.0");
        for text in ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9"] {
            let got = text.parse::<Version>();
            let why = "a well-formed version we do not speak is 505";
            assert_eq!(got, Err(VersionNotSupported), "{text:?}: {why}");
        }
        for text in ["HTTP/1", "HTTP/11", "HTTP/1.1.1", "http/1.1", "HTTP/x.y"] {
            let got = text.parse::<Version>();
            assert_eq!(got, Err(BadRequest), "{text:?}: not an HTTP version, 400");
        }
    }
}

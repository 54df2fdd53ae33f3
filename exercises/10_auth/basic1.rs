// basic1: HTTP Basic authentication
//
// Authentication answers "who are you?". The oldest answer on the web is Basic auth: the
// client sends the username and password with every request, in one header:
//
//     Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
//
// The part after the scheme name is `username:password` in standard base64 (here
// `Aladdin:open sesame`). Base64 is an encoding, not encryption: anyone who can see the request
// can read the password, so Basic auth is only acceptable over HTTPS (TLS). A username cannot
// contain `:`, but a password can, so split at the *first* colon. Scheme names are
// case-insensitive (`basic` is as good as `Basic`).
//
// When credentials are missing or wrong, the server answers `401 Unauthorized` with a
// `WWW-Authenticate` header. That header is the "challenge": it names the scheme the client
// should use, and it is what makes a browser show its login box.
//
// 1. Make `parse_basic` return the username and password, and `None` for anything malformed.
// 2. Make `unauthorized` send the `WWW-Authenticate` challenge with its 401.
//
// Try it: `cargo run -p exercises-auth --bin basic1`, then
// `curl -i -u Aladdin:'open sesame' 127.0.0.1:PORT/` with the port it prints.

use axum::{
    Router,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use subtle::ConstantTimeEq;

/// The challenge sent with every 401.
const CHALLENGE: &str = r#"Basic realm="backlings", charset="UTF-8""#;

/// Parses the value of an `Authorization` header that uses the Basic scheme.
pub fn parse_basic(header: &str) -> Option<(String, String)> {
    let (scheme, encoded) = header.split_once(' ')?;
    // TODO: refuse any scheme but `Basic` (in any letter case).
    // TODO: decode `encoded` from base64 (the `STANDARD` engine), turn the bytes into a UTF-8
    // `String`, and split it at the first `:` into username and password. Every step can
    // fail, and every failure means `None`.
    let _ = (scheme, encoded);
    None
}

/// The one account of this tiny server. Real servers store password *hashes* (next exercise).
fn credentials_ok(user: &str, password: &str) -> bool {
    // `ct_eq` compares in constant time, so response timing does not reveal how many leading
    // characters were right. `&` (not `&&`) makes both comparisons run every time.
    let user_ok = user.as_bytes().ct_eq(b"Aladdin");
    let password_ok = password.as_bytes().ct_eq(b"open sesame");
    (user_ok & password_ok).into()
}

fn unauthorized() -> Response {
    // TODO: a bare 401 leaves the client guessing how to log in. Send the `CHALLENGE` in a
    // `WWW-Authenticate` header along with the status.
    StatusCode::UNAUTHORIZED.into_response()
}

async fn secret(headers: HeaderMap) -> Response {
    let credentials = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_basic);
    match credentials {
        Some((user, password)) if credentials_ok(&user, &password) => {
            format!("Hello, {user}!").into_response()
        }
        _ => unauthorized(),
    }
}

fn app() -> Router {
    Router::new().route("/", get(secret))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app()).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    fn pair(user: &str, password: &str) -> Option<(String, String)> {
        Some((user.to_string(), password.to_string()))
    }

    #[test]
    fn parses_the_rfc_example() {
        assert_eq!(
            parse_basic("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
            pair("Aladdin", "open sesame")
        );
    }

    #[test]
    fn the_scheme_is_case_insensitive() {
        assert_eq!(
            parse_basic("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
            pair("Aladdin", "open sesame")
        );
        assert_eq!(
            parse_basic("BASIC QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
            pair("Aladdin", "open sesame")
        );
    }

    #[test]
    fn a_password_may_contain_colons_and_be_empty() {
        // "user:pa:ss:word"
        assert_eq!(
            parse_basic("Basic dXNlcjpwYTpzczp3b3Jk"),
            pair("user", "pa:ss:word")
        );
        // "user:"
        assert_eq!(parse_basic("Basic dXNlcjo="), pair("user", ""));
    }

    #[test]
    fn decodes_utf8() {
        // "józef:hasło"
        assert_eq!(
            parse_basic("Basic asOzemVmOmhhc8WCbw=="),
            pair("józef", "hasło")
        );
    }

    #[test]
    fn rejects_malformed_headers() {
        for header in [
            "",
            "Basic",
            "Basic ",
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basics QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basic not base64!",
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ", // missing padding
            "Basic QWxhZGRpbm9wZW5zZXNhbWU=",   // "Aladdinopensesame": no colon
            "Basic /w==",                       // the byte 0xff: not UTF-8
        ] {
            assert_eq!(parse_basic(header), None, "{header:?} should be refused");
        }
    }

    async fn call(authorization: Option<&str>) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::builder().uri("/");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        let response = app()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    fn challenge(headers: &HeaderMap) -> Option<&str> {
        headers
            .get(header::WWW_AUTHENTICATE)
            .map(|value| value.to_str().unwrap())
    }

    #[tokio::test]
    async fn right_credentials_get_in() {
        let (status, headers, body) = call(Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "Hello, Aladdin!");
        assert_eq!(challenge(&headers), None);
    }

    #[tokio::test]
    async fn no_credentials_get_a_401_challenge() {
        let (status, headers, _) = call(None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge(&headers), Some(CHALLENGE));
    }

    #[tokio::test]
    async fn a_wrong_password_gets_a_401_challenge() {
        // "Aladdin:open sesam"
        let (status, headers, _) = call(Some("Basic QWxhZGRpbjpvcGVuIHNlc2Ft")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge(&headers), Some(CHALLENGE));
    }

    #[tokio::test]
    async fn a_malformed_header_gets_a_401_challenge() {
        let (status, headers, _) = call(Some("Basic %%%")).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(challenge(&headers), Some(CHALLENGE));
    }
}

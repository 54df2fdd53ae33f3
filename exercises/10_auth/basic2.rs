// basic2: 401 and its challenge
//
// When a request comes without credentials, or with wrong ones, the answer is
// `401 Unauthorized`, and a 401 must carry a `WWW-Authenticate` header (RFC 9110 section
// 11.6.1): the challenge, naming the scheme the client should use. It is what makes a browser
// show its login box, and what tells an API client how to authenticate. A bare 401 leaves
// the client guessing. Make `unauthorized` send `CHALLENGE` along with its status.

#[path = "support/basic.rs"]
mod basic;
#[path = "support/client.rs"]
mod client;

use axum::{
    Router,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};

/// The challenge of every 401: the scheme, and a realm that names the protected area.
const CHALLENGE: &str = r#"Basic realm="backlings", charset="UTF-8""#;

fn unauthorized() -> Response {
    // TODO: send `CHALLENGE` in a `WWW-Authenticate` header along with the status. In axum a
    // tuple of a status and an array of (name, value) pairs is a response with those headers:
    // `(StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, CHALLENGE)]).into_response()`.
    let _ = (header::WWW_AUTHENTICATE, CHALLENGE);
    StatusCode::UNAUTHORIZED.into_response()
}

async fn secret(headers: HeaderMap) -> Response {
    match basic::credentials(&headers) {
        Some((user, password)) if basic::aladdin(&user, &password) => {
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
    // Try it: `curl -i -u Aladdin:'open sesame' 127.0.0.1:PORT/` with the port it prints.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app()).await.unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use client::{assert_401, call};

    #[tokio::test]
    async fn the_right_credentials_get_in() {
        let aladdin = basic::header_value("Aladdin", "open sesame");
        let answer = call(app(), "GET", "/", Some(&aladdin)).await;
        let want = (StatusCode::OK, "Hello, Aladdin!");
        let why = "Aladdin:open sesame may enter";
        assert_eq!((answer.status, answer.body.as_str()), want, "{why}");
    }

    #[tokio::test]
    async fn every_refusal_is_a_401_with_the_challenge() {
        let wrong = basic::header_value("Aladdin", "open sesam");
        for (authorization, why) in [
            (None, "no Authorization header"),
            (Some(wrong.as_str()), "a wrong password"),
            (Some("Basic %%%"), "a malformed header"),
        ] {
            let answer = call(app(), "GET", "/", authorization).await;
            assert_401(&answer, CHALLENGE, why);
        }
    }
}

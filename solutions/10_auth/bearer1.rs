// bearer1: a bearer-token extractor
//
// APIs receive tokens in the `Authorization` header as *bearer* tokens (RFC 6750): whoever
// bears the token gets in, so it travels over HTTPS only.
//
//     Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIi...
//
// An axum extractor does the check once for every handler: one that takes an `AuthUser` runs
// only for a valid token. Without a bearer token the answer is 401 with
// `WWW-Authenticate: Bearer`; with a token that fails the checks (jwt1 to jwt3, done by
// `Api::check` on an injected clock) it is 401 with `Bearer error="invalid_token"`, so the
// client knows to get a new one. Make the extractor accept only `Bearer <token>`, the scheme
// name in any letter case.

#[path = "support/api.rs"]
mod api;
#[path = "support/client.rs"]
mod client;

use std::sync::Arc;

use api::{Api, unauthorized};
use axum::{Router, extract::FromRequestParts, http::request::Parts, response::Response};

/// The user a request's bearer token belongs to.
struct AuthUser(String);

impl FromRequestParts<Arc<Api>> for AuthUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, api: &Arc<Api>) -> Result<Self, Response> {
        let value = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok());
        let token = match value.and_then(|value| value.split_once(' ')) {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("Bearer") => token.trim(),
            _ => return Err(unauthorized("Bearer")),
        };
        let user = api.check(token);
        user.map(AuthUser)
            .ok_or_else(|| unauthorized(r#"Bearer error="invalid_token""#))
    }
}

async fn me(AuthUser(user): AuthUser) -> String {
    format!("Hello, {user}!")
}

fn app(clock: impl api::clock::Clock + 'static) -> Router {
    let api = Arc::new(Api {
        clock: Box::new(clock),
    });
    Router::new()
        .route("/me", axum::routing::get(me))
        .with_state(api)
}

fn main() {
    println!(
        "`cargo test` sends requests to {:?}",
        app(api::clock::SystemClock)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::clock::FakeClock;
    use client::{assert_401, call};

    const NOW: u64 = 1_700_000_000;

    #[tokio::test]
    async fn a_bearer_token_gets_in() {
        for scheme in ["Bearer", "bearer", "BEARER"] {
            let authorization = format!("{scheme} {}", api::token("alice", NOW + 60));
            let answer = call(app(FakeClock::at(NOW)), "GET", "/me", Some(&authorization)).await;
            let why = format!(
                "scheme names are case-insensitive: {scheme}, {}",
                answer.status
            );
            assert_eq!(answer.body, "Hello, alice!", "{why}");
        }
    }

    #[tokio::test]
    async fn no_bearer_token_gets_the_bearer_challenge() {
        let token = api::token("alice", NOW + 60);
        for value in [None, Some(token.clone()), Some(format!("Basic {token}"))] {
            let answer = call(app(FakeClock::at(NOW)), "GET", "/me", value.as_deref()).await;
            assert_401(
                &answer,
                "Bearer",
                &format!("{value:?} holds no bearer token"),
            );
        }
    }

    #[tokio::test]
    async fn a_refused_token_gets_invalid_token() {
        let authorization = format!("Bearer {}", api::token("alice", NOW));
        let answer = call(app(FakeClock::at(NOW)), "GET", "/me", Some(&authorization)).await;
        assert_401(
            &answer,
            r#"Bearer error="invalid_token""#,
            "a token at its exp",
        );
    }
}

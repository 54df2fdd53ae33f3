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
        let value = api::authorization(parts);
        let token = match value.and_then(|value| value.split_once(' ')) {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("Bearer") => token.trim(),
            _ => return Err(unauthorized("Bearer")),
        };
        let invalid = || unauthorized(r#"Bearer error="invalid_token""#);
        api.check(token).map(AuthUser).ok_or_else(invalid)
    }
}

async fn me(AuthUser(user): AuthUser) -> String {
    format!("Hello, {user}!")
}

fn app(api: Api) -> Router {
    let routes = Router::new().route("/me", axum::routing::get(me));
    routes.with_state(Arc::new(api))
}

fn main() {
    println!("`cargo test` sends requests to {:?}", app(Api::system()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use client::{Answer, assert_401, call};

    const NOW: u64 = 1_700_000_000;

    async fn get_me(authorization: Option<&str>) -> Answer {
        call(app(Api::at(NOW)), "GET", "/me", authorization).await
    }

    #[tokio::test]
    async fn a_bearer_token_gets_in() {
        let authorization = format!("Bearer {}", api::token("alice", NOW + 60));
        let answer = get_me(Some(&authorization)).await;
        let why = "`Bearer <token>`: split off the scheme and its space, and check only the \
                   token (the whole header value is not the token)";
        assert_eq!(answer.body, "Hello, alice!", "{why}, got {}", answer.status);
    }

    #[tokio::test]
    async fn the_scheme_name_is_case_insensitive() {
        for scheme in ["bearer", "BEARER"] {
            let authorization = format!("{scheme} {}", api::token("alice", NOW + 60));
            let answer = get_me(Some(&authorization)).await;
            let why = format!("scheme names are case-insensitive: {scheme}");
            assert_eq!(answer.body, "Hello, alice!", "{why}, got {}", answer.status);
        }
    }

    #[tokio::test]
    async fn no_bearer_token_gets_the_bearer_challenge() {
        let token = api::token("alice", NOW + 60);
        for value in [None, Some(token.clone()), Some(format!("Basic {token}"))] {
            let why = format!("{value:?} holds no bearer token");
            assert_401(&get_me(value.as_deref()).await, "Bearer", &why);
        }
    }

    #[tokio::test]
    async fn a_refused_token_gets_invalid_token() {
        let authorization = format!("Bearer {}", api::token("alice", NOW));
        let answer = get_me(Some(&authorization)).await;
        let challenge = r#"Bearer error="invalid_token""#;
        assert_401(
            &answer,
            challenge,
            "a token at its exp, refused by Api::check",
        );
    }
}

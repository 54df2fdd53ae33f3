//! Opaque bearer tokens for roles1 and ownership1 (support code: you do not need to edit it).
//!
//! A fixed table maps each token to a user, the way a session store maps session ids (jwt1
//! to bearer1 replace the table with signed tokens). `CurrentUser` is an extractor: a handler
//! that takes one runs only for requests with a known token; every other request gets a 401
//! with the `WWW-Authenticate: Bearer` challenge.
#![allow(dead_code)]

use axum::{
    extract::FromRequestParts,
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Role {
    User,
    Admin,
}

#[derive(Clone, Debug)]
pub struct User {
    pub name: String,
    pub role: Role,
}

/// The token table: alice is an admin, bob and carol are users.
pub fn user_for(token: &str) -> Option<User> {
    let (name, role) = match token {
        "token-of-alice" => ("alice", Role::Admin),
        "token-of-bob" => ("bob", Role::User),
        "token-of-carol" => ("carol", Role::User),
        _ => return None,
    };
    let name = name.to_string();
    Some(User { name, role })
}

/// The value of an `Authorization` header for a user of the table.
pub fn bearer(name: &str) -> String {
    format!("Bearer token-of-{name}")
}

/// 401 with the Bearer challenge (RFC 6750).
pub fn unauthorized() -> Response {
    let challenge = [(header::WWW_AUTHENTICATE, "Bearer")];
    (StatusCode::UNAUTHORIZED, challenge).into_response()
}

/// Any logged-in user.
pub struct CurrentUser(pub User);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let value = parts.headers.get(header::AUTHORIZATION);
        let token = value.and_then(|v| v.to_str().ok()?.strip_prefix("Bearer "));
        token
            .and_then(user_for)
            .map(CurrentUser)
            .ok_or_else(unauthorized)
    }
}

// login1: a login that gives nothing away
//
// A list of real usernames is the first thing an attacker wants, and a login leaks it two ways:
// by its answer ("no such user" versus "wrong password") and by its timing (checking an Argon2
// hash takes tens of milliseconds on purpose, so a quick answer means "no such user"). Both
// failures must get the same answer, `users::refused()`, and do the same work: for an unknown
// user, verify the password against `users::DUMMY_HASH` anyway. Fix `login`. The user store
// counts verifications, so the tests check the work without a stopwatch; it runs Argon2 on
// `spawn_blocking`, since slow hashing must not block the async runtime's threads.

#[path = "support/basic.rs"]
mod basic;
#[path = "support/client.rs"]
mod client;
#[path = "support/users.rs"]
mod users;

use std::sync::Arc;

use axum::{Json, Router, extract::State, http::HeaderMap, response::IntoResponse, routing::post};
use serde_json::json;
use users::{Users, refused};

async fn login(State(users): State<Arc<Users>>, headers: HeaderMap) -> axum::response::Response {
    let Some((username, password)) = basic::credentials(&headers) else {
        return refused();
    };
    let stored = users.password_hash(&username);
    let phc = stored.as_deref().unwrap_or(users::DUMMY_HASH);
    let password_ok = users.verify(&password, phc).await;
    if stored.is_none() || !password_ok {
        return refused();
    }
    Json(json!({ "user": username })).into_response()
}

fn app(users: Arc<Users>) -> Router {
    Router::new().route("/login", post(login)).with_state(users)
}

fn main() {
    let app = app(Arc::new(Users::new()));
    println!("`cargo test` sends logins to {app:?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use client::{Answer, assert_401, call};
    use users::CHALLENGE;

    /// Logs in with a fresh store; returns the answer and the verifications it cost.
    async fn login_as(user: &str, password: &str) -> (Answer, usize) {
        let users = Arc::new(Users::new());
        let authorization = basic::header_value(user, password);
        let answer = call(app(users.clone()), "POST", "/login", Some(&authorization)).await;
        (answer, users.verifications())
    }

    #[tokio::test]
    async fn the_right_password_logs_in() {
        let (answer, _) = login_as("alice", "wonderland").await;
        let want = (StatusCode::OK, r#"{"user":"alice"}"#);
        assert_eq!(
            (answer.status, answer.body.as_str()),
            want,
            "alice, wonderland"
        );
    }

    #[tokio::test]
    async fn an_unknown_user_gets_the_very_answer_of_a_wrong_password() {
        let (wrong_password, _) = login_as("alice", "Wonderland").await;
        assert_401(&wrong_password, CHALLENGE, "a wrong password");
        let (unknown_user, verifications) = login_as("mallory", "Wonderland").await;
        let seen = |a: &Answer| format!("{} {:?} {}", a.status, a.challenge(), a.body);
        assert_eq!(
            seen(&unknown_user),
            seen(&wrong_password),
            "status, challenge and body must not tell an unknown user from a wrong password"
        );
        assert_eq!(
            verifications, 1,
            "an unknown user costs one verification too"
        );
    }

    #[tokio::test]
    async fn the_dummy_hash_logs_nobody_in() {
        // Whatever password DUMMY_HASH was made from, an unknown user is still refused.
        let (answer, _) = login_as("mallory", "no account has this password").await;
        assert_401(&answer, CHALLENGE, "an unknown user");
    }
}

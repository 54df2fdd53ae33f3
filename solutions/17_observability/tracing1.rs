// tracing1: spans that keep secrets out
//
// `tracing` is how Rust services log. An *event* (`info!`, `warn!`) is one thing that
// happened; a *span* is a piece of work, like "handle this login", and every event inside
// it carries the span's fields. `#[instrument]` wraps a function in a span named after it
// and records every argument with `Debug`: handy, and dangerous, since a password argument
// lands in every log line, and logs are read by far more people and tools than the database.
// `skip(...)` leaves arguments out. A field known only later is declared empty,
// `fields(user_id = tracing::field::Empty)`, and filled in with
// `Span::current().record("user_id", id)`.
//
// Make the `login` span record `username`, and `user_id` once the login succeeds: nothing else.

#[path = "support/logs.rs"]
mod logs;
#[path = "support/users.rs"]
mod users;

use tracing::{Span, info, instrument, warn};
use users::{LoginError, Users, toy_hash};

// TODO: keep `users` and `password` out of the span, and declare an empty `user_id` field.
#[instrument(skip(users, password), fields(user_id = tracing::field::Empty))]
pub fn login(users: &Users, username: &str, password: &str) -> Result<u64, LoginError> {
    let Some(user) = users.find(username) else {
        warn!(reason = "unknown_user", "login failed");
        return Err(LoginError::UnknownUser);
    };
    if user.password_hash != toy_hash(password) {
        warn!(reason = "bad_password", "login failed");
        return Err(LoginError::BadPassword);
    }
    // TODO: record the user id in the current span.
    Span::current().record("user_id", user.id);
    info!("login succeeded");
    Ok(user.id)
}

fn main() {
    tracing_subscriber::fmt().json().init();
    let _ = login(&Users::sample(), "alice", "correct horse");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_span_has_the_username_and_then_the_user_id() {
        let (result, logs) = logs::capture(|| login(&Users::sample(), "alice", "correct horse"));
        assert_eq!(result, Ok(7), "alice logs in with her password");
        let lines = logs.lines();
        let span = lines.first().map(|line| line["span"].clone());
        let want = json!({ "name": "login", "username": "alice", "user_id": 7 });
        assert_eq!(
            span,
            Some(want),
            "the span records username, then user_id once known"
        );
    }

    #[test]
    fn no_password_or_hash_reaches_the_logs() {
        let (_, logs) = logs::capture(|| {
            let _ = login(&Users::sample(), "alice", "correct horse");
            let _ = login(&Users::sample(), "alice", "hunter2");
        });
        let text = logs.text();
        for secret in ["correct horse", "hunter2", "toyhash$", "esroh tcerroc"] {
            assert!(
                !text.contains(secret),
                "the logs contain {secret:?}:\n{text}"
            );
        }
    }
}

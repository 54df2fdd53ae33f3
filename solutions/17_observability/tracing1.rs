// tracing1: spans, fields and secrets
//
// The `tracing` crate is how Rust services log. It has two ideas:
// - an *event* is one thing that happened (`info!`, `warn!`), with typed fields:
//   `warn!(reason = "bad_password", "login failed")`;
// - a *span* is a piece of work with a beginning and an end, like "handle this login".
//   Every event inside a span carries the span's fields, so you never repeat the username
//   in each message, and a log search for `username = "alice"` finds them all.
//
// `#[instrument]` wraps a whole function in a span named after it and records every
// argument as a field, using its `Debug` form. That is handy and dangerous: a password
// argument ends up in every log line of the span, and logs are read by many more people
// (and tools) than the database is. `#[instrument(skip(password))]` leaves it out;
// `skip_all` plus `fields(...)` lists exactly what to record.
//
// A field whose value is known only later is declared empty, `fields(user_id =
// tracing::field::Empty)`, and filled in with `Span::current().record("user_id", id)`.
//
// Fix `login` so that its span, named `login`, records `username` (and `user_id` once the
// login succeeds) and nothing else, and so that its events use fields instead of text.
// The tests install a subscriber that captures the JSON log lines, the way a log pipeline
// would see them.

use std::collections::HashMap;
use tracing::{Span, info, instrument, warn};

pub struct User {
    pub id: u64,
    pub password_hash: String,
}

/// The user table. It holds password hashes, so it must never be logged either.
#[derive(Default)]
pub struct Users {
    by_name: HashMap<String, User>,
}

impl Users {
    pub fn add(&mut self, id: u64, username: &str, password: &str) {
        let user = User {
            id,
            password_hash: toy_hash(password),
        };
        self.by_name.insert(username.to_owned(), user);
    }

    pub fn find(&self, username: &str) -> Option<&User> {
        self.by_name.get(username)
    }
}

/// A stand-in for a real password hash such as argon2 (see the auth stage).
pub fn toy_hash(password: &str) -> String {
    let reversed: String = password.chars().rev().collect();
    format!("toyhash${reversed}")
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    UnknownUser,
    BadPassword,
}

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
    Span::current().record("user_id", user.id);
    info!("login succeeded");
    Ok(user.id)
}

fn main() {
    tracing_subscriber::fmt().json().init();
    let mut users = Users::default();
    users.add(7, "alice", "correct horse");
    let _ = login(&users, "alice", "correct horse");
    let _ = login(&users, "alice", "hunter2");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::io::{self, Write};
    use std::sync::{Arc, Mutex};

    /// Collects everything the subscriber writes, so the tests can read it back.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Runs `f` with a JSON subscriber installed on this thread only; returns what `f`
    /// returned, the raw log text and the log lines as JSON.
    fn capture<T>(f: impl FnOnce() -> T) -> (T, String, Vec<Value>) {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .without_time()
            .with_writer(move || writer.clone())
            .finish();
        let result = tracing::subscriber::with_default(subscriber, f);
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines = text
            .lines()
            .map(|line| serde_json::from_str(line).expect("a log line is not JSON"))
            .collect();
        (result, text, lines)
    }

    fn users() -> Users {
        let mut users = Users::default();
        users.add(7, "alice", "correct horse");
        users
    }

    #[test]
    fn a_successful_login_is_logged_with_the_user_id() {
        let users = users();
        let (result, _, lines) = capture(|| login(&users, "alice", "correct horse"));
        assert_eq!(result, Ok(7));
        assert_eq!(lines.len(), 1, "one event: {lines:#?}");
        let event = &lines[0];
        assert_eq!(event["level"], json!("INFO"));
        assert_eq!(event["fields"], json!({ "message": "login succeeded" }));
        assert_eq!(
            event["span"],
            json!({ "name": "login", "username": "alice", "user_id": 7 }),
            "the span records the username, and the user id once it is known"
        );
    }

    #[test]
    fn a_bad_password_is_a_warning_with_a_reason_field() {
        let users = users();
        let (result, _, lines) = capture(|| login(&users, "alice", "hunter2"));
        assert_eq!(result, Err(LoginError::BadPassword));
        assert_eq!(lines.len(), 1, "one event: {lines:#?}");
        let event = &lines[0];
        assert_eq!(event["level"], json!("WARN"));
        assert_eq!(
            event["fields"],
            json!({ "message": "login failed", "reason": "bad_password" })
        );
        assert_eq!(
            event["span"],
            json!({ "name": "login", "username": "alice" })
        );
    }

    #[test]
    fn an_unknown_user_is_a_warning_with_a_reason_field() {
        let users = users();
        let (result, _, lines) = capture(|| login(&users, "bob", "hunter2"));
        assert_eq!(result, Err(LoginError::UnknownUser));
        assert_eq!(lines.len(), 1, "one event: {lines:#?}");
        let event = &lines[0];
        assert_eq!(event["level"], json!("WARN"));
        assert_eq!(
            event["fields"],
            json!({ "message": "login failed", "reason": "unknown_user" })
        );
        assert_eq!(event["span"], json!({ "name": "login", "username": "bob" }));
    }

    #[test]
    fn no_password_or_hash_reaches_the_logs() {
        let users = users();
        let (_, text, _) = capture(|| {
            let _ = login(&users, "alice", "correct horse");
            let _ = login(&users, "alice", "hunter2");
        });
        for secret in ["correct horse", "hunter2", "toyhash$", "esroh tcerroc"] {
            assert!(
                !text.contains(secret),
                "the logs contain {secret:?}:\n{text}"
            );
        }
    }
}

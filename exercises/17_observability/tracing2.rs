// tracing2: events with fields, not sentences
//
// `warn!("login failed for {username}: bad password")` bakes the facts into a sentence: to
// count failed logins by reason, a log search must parse prose, and every reason is a
// different message. An event carries its facts as fields before the message,
// `warn!(reason = "bad_password", "login failed")`: the message stays one fixed string
// to search for, and `reason` is a field to filter and count by. The username is in the
// span already (see tracing1), so the events need not repeat it.
//
// Make both failures log the message "login failed" with a `reason` field.

#[path = "support/logs.rs"]
mod logs;
#[path = "support/users.rs"]
mod users;

use tracing::{info, instrument, warn};
use users::{LoginError, Users, toy_hash};

#[instrument(skip(users, password))]
pub fn login(users: &Users, username: &str, password: &str) -> Result<u64, LoginError> {
    let Some(user) = users.find(username) else {
        // TODO: the message "login failed", with `reason = "unknown_user"`.
        warn!("login failed: unknown user {username}");
        return Err(LoginError::UnknownUser);
    };
    if user.password_hash != toy_hash(password) {
        // TODO: the same, with `reason = "bad_password"`.
        warn!("login failed for {username}: bad password");
        return Err(LoginError::BadPassword);
    }
    info!("login succeeded");
    Ok(user.id)
}

fn main() {
    tracing_subscriber::fmt().json().init();
    let _ = login(&Users::sample(), "alice", "hunter2");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The level and fields of the one event that logging in logs.
    fn event_of(username: &str, password: &str) -> (Value, Value) {
        let (_, logs) = logs::capture(|| login(&Users::sample(), username, password));
        let lines = logs.lines();
        assert_eq!(lines.len(), 1, "one event per login: {lines:#?}");
        (lines[0]["level"].clone(), lines[0]["fields"].clone())
    }

    #[test]
    fn a_bad_password_is_a_reason_field() {
        let want = json!({ "message": "login failed", "reason": "bad_password" });
        let got = event_of("alice", "hunter2");
        assert_eq!(
            got,
            (json!("WARN"), want),
            "a fixed message, the reason as a field"
        );
    }

    #[test]
    fn an_unknown_user_is_a_reason_field() {
        let want = json!({ "message": "login failed", "reason": "unknown_user" });
        let got = event_of("bob", "hunter2");
        assert_eq!(
            got,
            (json!("WARN"), want),
            "a fixed message, the reason as a field"
        );
    }
}

// session2: idle and absolute session expiry
//
// A session must not live forever: a laptop left open in a library, or an id leaked into a
// log, should stop working on its own. Servers use two limits together: an idle timeout (30
// minutes without a request; each use restarts it) and an absolute timeout (8 hours after
// login, however active, so a stolen id cannot be kept alive forever).
//
// Time comes from an injected `Clock` (support/clock.rs): the server passes the real clock,
// the tests a fake one they move forward by hand, so no test waits for time to pass or
// depends on when it runs. Write `is_expired` (idle for `IDLE_TIMEOUT` seconds or more, or
// created `ABSOLUTE_TIMEOUT` seconds ago or more), and make `get` delete an expired session and
// restart the idle timer of a live one. `logout` shows the last rule: a session ends by being
// deleted on the server, never just by clearing the cookie.

#[path = "support/clock.rs"]
mod clock;

use clock::Clock;
use std::collections::HashMap;

const IDLE_TIMEOUT: u64 = 30 * 60;
const ABSOLUTE_TIMEOUT: u64 = 8 * 60 * 60;

struct Session {
    user: String,
    created_at: u64,
    last_seen: u64,
}

impl Session {
    fn is_expired(&self, now: u64) -> bool {
        // TODO: idle for `IDLE_TIMEOUT` seconds or more, or created `ABSOLUTE_TIMEOUT`
        // seconds ago or more.
        let _ = now;
        false
    }
}

struct SessionStore<C: Clock> {
    clock: C,
    sessions: HashMap<String, Session>,
}

impl<C: Clock> SessionStore<C> {
    fn new(clock: C) -> Self {
        let sessions = HashMap::new();
        SessionStore { clock, sessions }
    }

    /// Starts a session for `user` (session1 makes real ids; these are short for the tests).
    fn create(&mut self, id: &str, user: &str) {
        let (user, now) = (user.to_string(), self.clock.now());
        let (created_at, last_seen) = (now, now);
        let session = Session {
            user,
            created_at,
            last_seen,
        };
        self.sessions.insert(id.to_string(), session);
    }

    /// The user of a live session. Using it restarts its idle timer; an expired one is deleted.
    fn get(&mut self, id: &str) -> Option<String> {
        let now = self.clock.now();
        let session = self.sessions.get_mut(id)?;
        // TODO: delete an expired session and return `None`; a live one was just used, so
        // its idle timer starts again from `now`.
        Some(session.user.clone())
    }

    fn logout(&mut self, id: &str) -> bool {
        self.sessions.remove(id).is_some()
    }
}

fn main() {
    let mut store = SessionStore::new(clock::SystemClock);
    store.create("s1", "alice");
    println!("s1: {:?}, out: {}", store.get("s1"), store.logout("s1"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;

    fn store() -> (FakeClock, SessionStore<FakeClock>) {
        let clock = FakeClock::at(1_700_000_000);
        (clock.clone(), SessionStore::new(clock))
    }

    #[test]
    fn an_idle_session_expires_and_is_deleted() {
        let (clock, mut store) = store();
        store.create("s1", "alice");
        clock.advance(IDLE_TIMEOUT - 1);
        assert_eq!(
            store.get("s1"),
            Some("alice".into()),
            "idle for 29:59: live"
        );
        clock.advance(IDLE_TIMEOUT);
        assert_eq!(store.get("s1"), None, "idle for 30:00 since its last use");
        assert!(store.sessions.is_empty(), "an expired session is deleted");
    }

    #[test]
    fn use_restarts_the_idle_timer_but_not_the_absolute_one() {
        let (clock, mut store) = store();
        store.create("s1", "alice");
        for minutes in (1..24).map(|n| n * 20) {
            clock.advance(20 * 60);
            let why = format!("used every 20 minutes, {minutes} minutes after login");
            assert_eq!(store.get("s1"), Some("alice".into()), "{why}");
        }
        clock.advance(20 * 60);
        assert_eq!(store.get("s1"), None, "8 hours after login, however active");
    }
}

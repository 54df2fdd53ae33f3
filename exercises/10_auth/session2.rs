// session2: session expiry and logout
//
// A session must not live forever: a laptop left open in a library, or a session id that leaked
// into a log file, should stop working on its own. Servers use two limits together:
//
// - An idle timeout: a session unused for 30 minutes expires. Every request that uses the
//   session restarts this timer, so active users are not thrown out.
// - An absolute timeout: 8 hours after login the session expires however active it was, so a
//   stolen id cannot be kept alive forever by using it.
//
// And logging out must delete the session *on the server*. Clearing the cookie alone is not
// enough: anyone who copied the id could keep using it.
//
// Time comes from a `Clock`, so the tests can move it forward without waiting. A session that
// has been idle for `IDLE_TIMEOUT` seconds or more, or that was created `ABSOLUTE_TIMEOUT`
// seconds ago or more, is expired.
//
// 1. Write `Session::is_expired`.
// 2. Make `SessionStore::get` remove expired sessions, and restart the idle timer of live ones.
// 3. Make `SessionStore::logout` delete the session.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

const IDLE_TIMEOUT: u64 = 30 * 60;
const ABSOLUTE_TIMEOUT: u64 = 8 * 60 * 60;

/// A source of the current time, in seconds since the Unix epoch.
pub trait Clock {
    fn now(&self) -> u64;
}

/// The real clock, for production.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs()
    }
}

struct Session {
    user: String,
    created_at: u64,
    last_seen: u64,
}

impl Session {
    fn is_expired(&self, now: u64) -> bool {
        // TODO: idle for `IDLE_TIMEOUT` seconds or more, or created `ABSOLUTE_TIMEOUT` seconds
        // ago or more.
        let _ = now;
        false
    }
}

pub struct SessionStore<C: Clock> {
    clock: C,
    sessions: HashMap<String, Session>,
}

impl<C: Clock> SessionStore<C> {
    pub fn new(clock: C) -> Self {
        SessionStore {
            clock,
            sessions: HashMap::new(),
        }
    }

    /// Starts a session for `user` and returns its id.
    pub fn create(&mut self, user: &str) -> String {
        let id = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
        let now = self.clock.now();
        let session = Session {
            user: user.to_string(),
            created_at: now,
            last_seen: now,
        };
        self.sessions.insert(id.clone(), session);
        id
    }

    /// The user of a live session. Using a session restarts its idle timer; an expired
    /// session is deleted.
    pub fn get(&mut self, id: &str) -> Option<String> {
        let now = self.clock.now();
        let session = self.sessions.get_mut(id)?;
        // TODO: delete an expired session and return `None`. A live session was just used:
        // record that, so its idle timer starts again from `now`.
        let _ = now;
        Some(session.user.clone())
    }

    /// Deletes a session. Returns whether there was one.
    pub fn logout(&mut self, id: &str) -> bool {
        // TODO: delete the session from the store.
        let _ = id;
        false
    }

    /// Deletes every expired session (a server runs this now and then, so sessions that are
    /// never used again do not pile up). Returns how many it deleted.
    pub fn purge_expired(&mut self) -> usize {
        let now = self.clock.now();
        let before = self.sessions.len();
        self.sessions.retain(|_, session| !session.is_expired(now));
        before - self.sessions.len()
    }

    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }
}

fn main() {
    let mut store = SessionStore::new(SystemClock);
    let id = store.create("alice");
    println!("session {id} belongs to {:?}", store.get(&id));
    store.logout(&id);
    println!("after logout: {:?}", store.get(&id));
    println!(
        "sessions left: {}, empty: {}",
        store.len(),
        store.is_empty()
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    /// A clock the test moves by hand. Clones share the same time.
    #[derive(Clone, Default)]
    struct FakeClock(Rc<Cell<u64>>);

    impl FakeClock {
        fn advance(&self, seconds: u64) {
            self.0.set(self.0.get() + seconds);
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> u64 {
            self.0.get()
        }
    }

    const MINUTE: u64 = 60;

    fn store() -> (FakeClock, SessionStore<FakeClock>) {
        let clock = FakeClock::default();
        clock.advance(1_700_000_000);
        (clock.clone(), SessionStore::new(clock))
    }

    #[test]
    fn a_new_session_is_live() {
        let (_, mut store) = store();
        let id = store.create("alice");
        assert_eq!(store.get(&id).as_deref(), Some("alice"));
        assert_eq!(store.get("no such id"), None);
    }

    #[test]
    fn an_idle_session_expires() {
        let (clock, mut store) = store();
        let id = store.create("alice");
        clock.advance(IDLE_TIMEOUT - 1);
        assert_eq!(store.get(&id).as_deref(), Some("alice"), "idle 29:59");
        clock.advance(IDLE_TIMEOUT);
        assert_eq!(store.get(&id), None, "idle 30:00 since it was last used");
    }

    #[test]
    fn a_session_never_used_expires_after_the_idle_timeout() {
        let (clock, mut store) = store();
        let id = store.create("alice");
        clock.advance(IDLE_TIMEOUT);
        assert_eq!(store.get(&id), None);
    }

    #[test]
    fn using_a_session_restarts_its_idle_timer() {
        let (clock, mut store) = store();
        let id = store.create("alice");
        for _ in 0..5 {
            clock.advance(20 * MINUTE);
            assert_eq!(store.get(&id).as_deref(), Some("alice"));
        }
    }

    #[test]
    fn activity_cannot_extend_a_session_past_the_absolute_timeout() {
        let (clock, mut store) = store();
        let id = store.create("alice");
        let mut elapsed = 0;
        while elapsed + 20 * MINUTE < ABSOLUTE_TIMEOUT {
            clock.advance(20 * MINUTE);
            elapsed += 20 * MINUTE;
            assert_eq!(store.get(&id).as_deref(), Some("alice"), "at {elapsed} s");
        }
        clock.advance(ABSOLUTE_TIMEOUT - elapsed);
        assert_eq!(store.get(&id), None, "8 hours after login");
    }

    #[test]
    fn an_expired_session_is_deleted_and_stays_dead() {
        let (clock, mut store) = store();
        let id = store.create("alice");
        let other = store.create("bob");
        clock.advance(IDLE_TIMEOUT);
        assert_eq!(store.get(&id), None);
        assert_eq!(store.len(), 1, "the expired session is deleted on lookup");
        assert_eq!(store.get(&id), None);
        assert_eq!(store.get(&other), None);
        assert!(store.is_empty());
    }

    #[test]
    fn logout_deletes_the_session_on_the_server() {
        let (_, mut store) = store();
        let alice = store.create("alice");
        let bob = store.create("bob");
        assert!(store.logout(&alice));
        assert_eq!(store.get(&alice), None);
        assert!(!store.logout(&alice), "already logged out");
        assert_eq!(
            store.get(&bob).as_deref(),
            Some("bob"),
            "bob stays logged in"
        );
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn purge_deletes_only_expired_sessions() {
        let (clock, mut store) = store();
        store.create("alice");
        clock.advance(20 * MINUTE);
        let bob = store.create("bob");
        clock.advance(15 * MINUTE);
        // alice has been idle for 35 minutes, bob for 15.
        assert_eq!(store.purge_expired(), 1);
        assert_eq!(store.len(), 1);
        assert_eq!(store.get(&bob).as_deref(), Some("bob"));
    }
}

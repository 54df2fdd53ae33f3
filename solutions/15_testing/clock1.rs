// clock1: a clock you can control
//
// "Password reset links expire after 15 minutes." How do you test that? Not by sleeping for 15
// minutes, and not by hoping the test runs fast enough to land just before the deadline. Code
// that calls `SystemTime::now()` itself cannot be tested at its edges. The fix is the same as
// for the mailer: make time a dependency. The code asks a `Clock`; production passes the system
// clock, tests pass a fake clock that stands still until the test moves it, to the exact second.
//
// This time the dependency is a trait object, `Arc<dyn Clock>`, instead of a type parameter:
// the service's type does not change with the clock, which is handy when it is stored in an
// axum state. The tests keep their own `Arc` to the fake and move it while the service holds it.
//
// Write `FakeClock`, give `ResetTokens` a clock, and replace both calls to `SystemTime::now()`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

pub const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Where the time comes from. `Send + Sync` so that services holding one can be shared
/// between threads.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock for tests: it shows the time it was set to until a test advances it.
pub struct FakeClock {
    now: Mutex<SystemTime>,
}

impl FakeClock {
    pub fn at(time: SystemTime) -> Self {
        FakeClock {
            now: Mutex::new(time),
        }
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap()
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Issued {
    pub token: String,
    pub expires_at: SystemTime,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RedeemError {
    /// Never issued, or already used.
    Unknown,
    Expired,
}

struct Pending {
    user_id: u64,
    expires_at: SystemTime,
}

/// Password reset tokens: each is valid for `TOKEN_LIFETIME` and can be used once.
pub struct ResetTokens {
    clock: Arc<dyn Clock>,
    pending: HashMap<String, Pending>,
    issued: u64,
}

impl ResetTokens {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        ResetTokens {
            clock,
            pending: HashMap::new(),
            issued: 0,
        }
    }

    pub fn issue(&mut self, user_id: u64) -> Issued {
        // A real token is 32 random bytes (see the auth stage); a counter keeps this readable.
        self.issued += 1;
        let token = format!("reset-{}", self.issued);
        let expires_at = self.clock.now() + TOKEN_LIFETIME;
        self.pending.insert(
            token.clone(),
            Pending {
                user_id,
                expires_at,
            },
        );
        Issued { token, expires_at }
    }

    /// Uses up `token` and returns whose it was, if it is still valid: strictly before its
    /// `expires_at`.
    pub fn redeem(&mut self, token: &str) -> Result<u64, RedeemError> {
        let pending = self.pending.remove(token).ok_or(RedeemError::Unknown)?;
        if self.clock.now() >= pending.expires_at {
            return Err(RedeemError::Expired);
        }
        Ok(pending.user_id)
    }
}

fn main() {
    let mut tokens = ResetTokens::new(Arc::new(SystemClock));
    let issued = tokens.issue(7);
    println!("{} -> {:?}", issued.token, tokens.redeem(&issued.token));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// 2023-11-14 22:13:20 UTC, a fixed point in time.
    fn t0() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn setup() -> (Arc<FakeClock>, ResetTokens) {
        let clock = Arc::new(FakeClock::at(t0()));
        let tokens = ResetTokens::new(clock.clone());
        (clock, tokens)
    }

    #[test]
    fn a_token_expires_exactly_fifteen_minutes_after_it_was_issued() {
        let (_clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        assert_eq!(issued.expires_at, t0() + Duration::from_secs(900));
    }

    #[test]
    fn a_fresh_token_can_be_redeemed() {
        let (clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        clock.advance(Duration::from_secs(60));
        assert_eq!(tokens.redeem(&issued.token), Ok(7));
    }

    #[test]
    fn a_token_is_still_valid_one_second_before_the_deadline() {
        let (clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        clock.advance(Duration::from_secs(14 * 60 + 59));
        assert_eq!(tokens.redeem(&issued.token), Ok(7));
    }

    #[test]
    fn a_token_is_expired_at_the_deadline() {
        let (clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        clock.advance(Duration::from_secs(15 * 60));
        assert_eq!(tokens.redeem(&issued.token), Err(RedeemError::Expired));
    }

    #[test]
    fn a_token_works_only_once() {
        let (_clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        assert_eq!(tokens.redeem(&issued.token), Ok(7));
        assert_eq!(tokens.redeem(&issued.token), Err(RedeemError::Unknown));
        assert_eq!(tokens.redeem("reset-999"), Err(RedeemError::Unknown));
    }

    #[test]
    fn each_token_has_its_own_deadline() {
        let (clock, mut tokens) = setup();
        let early = tokens.issue(1);
        clock.advance(Duration::from_secs(10 * 60));
        let late = tokens.issue(2);
        assert_eq!(late.expires_at, t0() + Duration::from_secs(25 * 60));
        clock.advance(Duration::from_secs(10 * 60));
        assert_eq!(tokens.redeem(&early.token), Err(RedeemError::Expired));
        assert_eq!(tokens.redeem(&late.token), Ok(2));
    }
}

// clock1: tests that control time
//
// "Password reset links expire after 15 minutes." The auth stage made such code testable by
// handing it a `Clock` instead of letting it call `SystemTime::now()`. Now the test takes the
// wheel: a fake clock stands still until the test moves it, so a test can stand on the exact
// second of a deadline, and the one before it, without sleeping and without luck. Deadlines
// are boundaries, and boundaries are where the bugs are (`>` where `>=` was meant).
//
// `ResetTokens` (support/reset.rs) is correct: a token redeems strictly before its
// `expires_at`. Make `FakeClock::advance` move the time, then write the deadline test. The
// runner plants bugs in a copy of `ResetTokens` (valid one second too long, or too short)
// and each must make a test fail.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

#[path = "support/reset.rs"]
mod reset;
use reset::Clock;

/// A clock for tests: it shows the time it was set to until the test advances it.
pub struct FakeClock {
    now: Mutex<SystemTime>,
}

impl FakeClock {
    pub fn at(time: SystemTime) -> Self {
        FakeClock {
            now: Mutex::new(time),
        }
    }

    /// Takes `&self`, so a test can move the clock while `ResetTokens` holds it too.
    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }
}

impl Clock for FakeClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap()
    }
}

fn main() {
    let mut tokens = reset::ResetTokens::new(std::sync::Arc::new(reset::SystemClock));
    let issued = tokens.issue(7);
    println!("{} -> {:?}", issued.token, tokens.redeem(&issued.token));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reset::{RedeemError, ResetTokens};
    use std::sync::Arc;
    use std::time::UNIX_EPOCH;

    /// 2023-11-14 22:13:20 UTC, a fixed point in time.
    fn t0() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    /// The test keeps one `Arc` to the clock, to move it; the tokens hold the other.
    fn setup() -> (Arc<FakeClock>, ResetTokens) {
        let clock = Arc::new(FakeClock::at(t0()));
        (clock.clone(), ResetTokens::new(clock))
    }

    #[test]
    fn a_token_is_valid_until_its_deadline_and_not_at_it() {
        let (clock, mut tokens) = setup();
        let first = tokens.issue(1);
        let second = tokens.issue(2);
        clock.advance(Duration::from_secs(15 * 60 - 1));
        let redeemed = tokens.redeem(&first.token);
        assert_eq!(
            redeemed,
            Ok(1),
            "one second before the deadline, a token is valid"
        );
        clock.advance(Duration::from_secs(1));
        let redeemed = tokens.redeem(&second.token);
        assert_eq!(
            redeemed,
            Err(RedeemError::Expired),
            "at the deadline, it has expired"
        );
    }

    // Examples to start from.
    #[test]
    fn a_token_expires_fifteen_minutes_after_it_was_issued() {
        let (_clock, mut tokens) = setup();
        let issued = tokens.issue(7);
        let want = t0() + Duration::from_secs(15 * 60);
        assert_eq!(
            issued.expires_at, want,
            "issued at t0, valid for 15 minutes"
        );
    }

    #[test]
    fn each_token_has_its_own_deadline() {
        let (clock, mut tokens) = setup();
        tokens.issue(1);
        clock.advance(Duration::from_secs(10 * 60));
        let late = tokens.issue(2);
        let want = t0() + Duration::from_secs(25 * 60);
        let why = "issued after the clock moved 10 minutes, it expires 15 minutes after that";
        assert_eq!(late.expires_at, want, "{why}");
        assert_eq!(
            tokens.redeem(&late.token),
            Ok(2),
            "a fresh token redeems, once"
        );
        let again = tokens.redeem(&late.token);
        assert_eq!(again, Err(RedeemError::Unknown), "a used token is gone");
    }
}

// rate_limit1: a token bucket
//
// One client in a loop can use up a server's capacity for everyone else, so every client gets
// a budget. The token bucket is the classic one: it holds at most `capacity` tokens and refills
// at `refill_per_sec` tokens per second; each request takes one. The capacity allows short
// bursts; the refill rate sets the long-run average. Time is passed in (`now`, the time since
// a fixed start), so the tests move it by hand instead of sleeping.
//
// Fix `try_take`: before taking a token, add the tokens earned since the last refill.

#[path = "support/clock.rs"]
mod clock;

use std::time::Duration;

/// One client's budget.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: f64,
    refill_per_sec: f64,
    tokens: f64,
    last_refill: Duration,
}

impl TokenBucket {
    /// A new bucket starts full.
    pub fn new(capacity: u32, refill_per_sec: f64, now: Duration) -> TokenBucket {
        let capacity = f64::from(capacity);
        TokenBucket {
            capacity,
            refill_per_sec,
            tokens: capacity,
            last_refill: now,
        }
    }

    /// Takes one token. Without a whole token left, returns how long until there is one.
    pub fn try_take(&mut self, now: Duration) -> Result<(), Duration> {
        let elapsed = now.saturating_sub(self.last_refill);
        self.tokens =
            (self.tokens + elapsed.as_secs_f64() * self.refill_per_sec).min(self.capacity);
        self.last_refill = now;

        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - self.tokens) / self.refill_per_sec,
            ))
        }
    }
}

fn main() {
    let mut bucket = TokenBucket::new(2, 1.0, Duration::ZERO);
    for at in [0.0, 0.0, 0.0, 1.0] {
        println!("at {at} s: {:?}", bucket.try_take(clock::secs(at)));
    }
}

#[cfg(test)]
mod tests {
    use super::TokenBucket;
    use crate::clock::secs;

    #[test]
    fn a_new_bucket_allows_a_burst_of_capacity() {
        let mut bucket = TokenBucket::new(3, 1.0, secs(0.0));
        for n in 1..=3 {
            assert_eq!(
                bucket.try_take(secs(0.0)),
                Ok(()),
                "token {n} of a full bucket of 3"
            );
        }
        assert_eq!(
            bucket.try_take(secs(0.0)),
            Err(secs(1.0)),
            "a 4th token at once waits 1 s"
        );
    }

    #[test]
    fn an_empty_bucket_refills_over_time() {
        let mut bucket = TokenBucket::new(2, 2.0, secs(10.0));
        bucket.try_take(secs(10.0)).unwrap();
        bucket.try_take(secs(10.0)).unwrap();
        assert_eq!(
            bucket.try_take(secs(10.5)),
            Ok(()),
            "at 2 tokens per second, half a second earns one token back"
        );
        assert!(
            bucket.try_take(secs(10.5)).is_err(),
            "and only one: that half second is paid out once"
        );
    }

    #[test]
    fn the_same_interval_is_not_refilled_twice() {
        let mut bucket = TokenBucket::new(2, 1.0, secs(0.0));
        bucket.try_take(secs(0.0)).unwrap();
        bucket.try_take(secs(0.0)).unwrap();
        assert_eq!(bucket.try_take(secs(1.0)), Ok(()), "a second earns a token");
        let why = "the second from 0 s to 1 s was paid out already: after a refill, \
                   `last_refill` moves to `now`";
        assert!(bucket.try_take(secs(1.0)).is_err(), "{why}");
    }

    #[test]
    fn fractions_of_a_token_add_up() {
        let mut bucket = TokenBucket::new(1, 1.0, secs(0.0));
        bucket.try_take(secs(0.0)).unwrap();
        for at in [0.25, 0.5, 0.75] {
            assert!(
                bucket.try_take(secs(at)).is_err(),
                "at {at} s less than a token is back"
            );
        }
        assert_eq!(
            bucket.try_take(secs(1.0)),
            Ok(()),
            "four quarters make a token"
        );
    }

    #[test]
    fn the_refill_never_goes_above_capacity() {
        let mut bucket = TokenBucket::new(3, 1.0, secs(0.0));
        for _ in 0..3 {
            bucket.try_take(secs(0.0)).unwrap();
        }
        for n in 1..=3 {
            assert_eq!(
                bucket.try_take(secs(3600.0)),
                Ok(()),
                "token {n} after an hour idle"
            );
        }
        assert!(
            bucket.try_take(secs(3600.0)).is_err(),
            "an hour of silence refills 3 tokens (the capacity), not 3600, and only once"
        );
    }
}

// retry1: retries with exponential backoff and jitter
//
// Calls to other services fail now and then: a timeout, a dropped connection, a
// `503 Service Unavailable` while the other side restarts. Trying again often works. But
// retries done badly turn a small outage into a big one:
//
// - Retry only what can succeed next time. Timeouts, connection errors, 408, 429, 502, 503
//   and 504 are worth another try. Any other 4xx means the request itself is wrong (sending
//   it again gives the same answer), and a 500 is a bug upstream: retrying it only adds load.
// - Wait longer after each failure (exponential backoff: base, 2 * base, 4 * base, ...) up to
//   a cap, so a struggling service gets room to recover.
// - Add jitter: if a thousand clients failed at the same moment, waiting the same 400 ms
//   makes them all come back at the same moment too. "Full jitter" waits a random time
//   between zero and the backoff.
// - Stop after a few attempts and report the error.
//
// And only retry requests that are safe to repeat (GET, PUT, or a POST with an idempotency
// key: see idempotency1).
//
// Fix `is_retryable` (TODO 1), `Backoff::delay` (TODO 2) and the give-up rule in `retry`
// (TODO 3). The tests run on tokio's paused clock, so the waits take no real time, and they
// use a seeded random generator: they check bounds, never exact random values.

use std::time::Duration;

use rand::Rng;

/// Why a call to another service failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallError {
    /// The service answered with this HTTP status.
    Status(u16),
    /// No answer before the deadline.
    Timeout,
    /// The connection was refused or reset.
    Connection,
}

/// Whether another attempt may succeed.
pub fn is_retryable(err: &CallError) -> bool {
    // TODO 1: retry timeouts, connection errors, and the statuses listed at the top; nothing
    // else.
    let _ = err;
    true
}

/// How long to wait between attempts, and how many attempts to make.
#[derive(Debug, Clone)]
pub struct Backoff {
    /// The ceiling of the first wait.
    pub base: Duration,
    /// No wait is ever longer than this.
    pub cap: Duration,
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
}

impl Backoff {
    /// The wait before retry number `retry` (0 before the first retry, 1 before the second...).
    pub fn delay(&self, retry: u32, rng: &mut impl Rng) -> Duration {
        // TODO 2: the ceiling is `base * 2^retry`, but never more than `cap` (careful: 2^retry
        // overflows a u32 from retry 32 on). Return a random duration between zero and that
        // ceiling, both included.
        let _ = (retry, rng);
        self.base
    }
}

/// Calls `op` until it succeeds, fails for good, or the attempts run out.
pub async fn retry<T, F, Fut>(
    policy: &Backoff,
    rng: &mut impl Rng,
    mut op: F,
) -> Result<T, CallError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, CallError>>,
{
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            // TODO 3: give up (return the error) once `max_attempts` calls have failed.
            Err(err) if is_retryable(&err) => {
                tokio::time::sleep(policy.delay(attempt - 1, rng)).await;
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

fn main() {
    let policy = Backoff {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(2),
        max_attempts: 5,
    };
    let mut rng = rand::rng();
    for retry in 0..6 {
        println!(
            "wait before retry {retry}: {:?}",
            policy.delay(retry, &mut rng)
        );
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::cell::Cell;
    use tokio::time::Instant;

    fn policy() -> Backoff {
        Backoff {
            base: Duration::from_millis(100),
            cap: Duration::from_secs(2),
            max_attempts: 4,
        }
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// An upstream that answers with `script` in order, counting the calls.
    /// It panics if it is called more often than that: a retry loop that never stops.
    async fn call_upstream(
        calls: &Cell<usize>,
        script: &[Result<&'static str, CallError>],
    ) -> Result<&'static str, CallError> {
        let n = calls.get();
        calls.set(n + 1);
        assert!(
            n < script.len(),
            "called {} times: the retry loop does not stop",
            n + 1
        );
        script[n]
    }

    #[test]
    fn only_errors_that_may_pass_next_time_are_retryable() {
        for err in [
            CallError::Timeout,
            CallError::Connection,
            CallError::Status(408),
            CallError::Status(429),
            CallError::Status(502),
            CallError::Status(503),
            CallError::Status(504),
        ] {
            assert!(is_retryable(&err), "{err:?} should be retried");
        }
        for err in [
            CallError::Status(400),
            CallError::Status(401),
            CallError::Status(403),
            CallError::Status(404),
            CallError::Status(409),
            CallError::Status(422),
            CallError::Status(500),
            CallError::Status(501),
        ] {
            assert!(!is_retryable(&err), "{err:?} should not be retried");
        }
    }

    #[test]
    fn delays_stay_under_the_exponential_ceiling() {
        let policy = policy();
        let mut rng = StdRng::seed_from_u64(1);
        let ceilings = [100, 200, 400, 800, 1600, 2000, 2000];
        for (retry, ceiling) in ceilings.into_iter().enumerate() {
            for _ in 0..200 {
                let delay = policy.delay(retry as u32, &mut rng);
                assert!(
                    delay <= ms(ceiling),
                    "retry {retry}: {delay:?} is above the ceiling of {ceiling} ms"
                );
            }
        }
    }

    #[test]
    fn delays_grow_exponentially() {
        let policy = policy();
        let mut rng = StdRng::seed_from_u64(2);
        for (retry, ceiling) in [(1, 200), (2, 400), (3, 800), (4, 1600)] {
            let longest = (0..200)
                .map(|_| policy.delay(retry, &mut rng))
                .max()
                .unwrap();
            assert!(
                longest > ms(ceiling * 3 / 4),
                "retry {retry}: the longest of 200 delays is {longest:?}; \
                 the ceiling should be {ceiling} ms"
            );
        }
    }

    #[test]
    fn delays_are_jittered() {
        let policy = policy();
        let mut rng = StdRng::seed_from_u64(3);
        let delays: Vec<Duration> = (0..200).map(|_| policy.delay(3, &mut rng)).collect();
        let mut distinct = delays.clone();
        distinct.sort();
        distinct.dedup();
        assert!(
            distinct.len() > 100,
            "only {} different delays out of 200: where is the jitter?",
            distinct.len()
        );
        let shortest = *delays.iter().min().unwrap();
        assert!(
            shortest < ms(200),
            "full jitter goes down to zero, the shortest was {shortest:?}"
        );
    }

    #[test]
    fn huge_retry_numbers_are_capped_without_overflow() {
        let policy = policy();
        let mut rng = StdRng::seed_from_u64(4);
        for retry in [20, 31, 32, 64, 1000, u32::MAX] {
            assert!(policy.delay(retry, &mut rng) <= ms(2000), "retry {retry}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn retries_until_the_service_is_back() {
        let calls = Cell::new(0);
        let script = [
            Err(CallError::Status(503)),
            Err(CallError::Timeout),
            Ok("pong"),
        ];
        let mut rng = StdRng::seed_from_u64(5);
        let start = Instant::now();
        let result = retry(&policy(), &mut rng, || call_upstream(&calls, &script)).await;
        assert_eq!(result, Ok("pong"));
        assert_eq!(calls.get(), 3);
        assert!(
            start.elapsed() <= ms(100 + 200),
            "waited {:?}, more than the two backoff ceilings",
            start.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts() {
        let calls = Cell::new(0);
        let script = [Err(CallError::Status(503)); 10];
        let mut rng = StdRng::seed_from_u64(6);
        let result = retry(&policy(), &mut rng, || call_upstream(&calls, &script)).await;
        assert_eq!(result, Err(CallError::Status(503)), "the last error");
        assert_eq!(calls.get(), 4, "max_attempts is 4, the first one included");
    }

    #[tokio::test(start_paused = true)]
    async fn client_errors_are_not_retried() {
        let calls = Cell::new(0);
        let script = [Err(CallError::Status(404)); 10];
        let mut rng = StdRng::seed_from_u64(7);
        let start = Instant::now();
        let result = retry(&policy(), &mut rng, || call_upstream(&calls, &script)).await;
        assert_eq!(result, Err(CallError::Status(404)));
        assert_eq!(calls.get(), 1, "a 404 will be a 404 next time too");
        assert_eq!(start.elapsed(), Duration::ZERO, "no wait before giving up");
    }

    #[tokio::test(start_paused = true)]
    async fn a_single_attempt_policy_never_retries() {
        let calls = Cell::new(0);
        let script = [Err(CallError::Connection); 10];
        let policy = Backoff {
            max_attempts: 1,
            ..policy()
        };
        let mut rng = StdRng::seed_from_u64(8);
        let result = retry(&policy, &mut rng, || call_upstream(&calls, &script)).await;
        assert_eq!(result, Err(CallError::Connection));
        assert_eq!(calls.get(), 1);
    }
}

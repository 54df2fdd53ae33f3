// circuit_breaker1: closed, open, half-open
//
// When a service you depend on is down, every call to it waits for a timeout, holds a
// connection and a worker, and fails anyway; retries make it worse. A circuit breaker
// remembers recent failures and stops calling for a while, failing fast instead:
//
// - Closed: calls go through. `failure_threshold` failures in a row trip the breaker.
// - Open: calls fail at once, without touching the service, until `cool_down` has passed.
// - Half-open: after the cool-down, exactly one trial call (the probe) goes through; every
//   other call still fails fast while the probe is out. If the probe succeeds the breaker
//   closes; if it fails the breaker opens again for a fresh cool-down.
//
// The breaker never reads the clock itself: every method takes `now`, so the tests can walk
// through time step by step.
//
// Closed already works. Fix the open and half-open states: `allow` (TODO 1), `on_success`
// (TODO 2) and `on_failure` (TODO 3).

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Calls go through; `failures` counts the failures in a row.
    Closed { failures: u32 },
    /// Calls fail fast until `until`.
    Open { until: Instant },
    /// One probe call is out; everything else fails fast.
    HalfOpen,
}

/// What `call` returns when it does not get a result from the service.
#[derive(Debug, PartialEq, Eq)]
pub enum BreakerError<E> {
    /// Refused without calling the service.
    Open,
    /// The service was called and failed.
    Failed(E),
}

#[derive(Debug)]
pub struct CircuitBreaker {
    state: State,
    failure_threshold: u32,
    cool_down: Duration,
}

impl CircuitBreaker {
    pub fn new(failure_threshold: u32, cool_down: Duration) -> Self {
        CircuitBreaker {
            state: State::Closed { failures: 0 },
            failure_threshold,
            cool_down,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// May a call go out now? Each `true` must be followed by `on_success` or `on_failure`.
    pub fn allow(&mut self, now: Instant) -> bool {
        match self.state {
            State::Closed { .. } => true,
            // TODO 1: once `until` has come (`now >= until`), go half-open and let this call
            // out as the probe. As it is, an open breaker never recovers.
            State::Open { .. } | State::HalfOpen => false,
        }
    }

    /// The call that was allowed succeeded.
    pub fn on_success(&mut self) {
        match self.state {
            State::Closed { .. } => self.state = State::Closed { failures: 0 },
            // TODO 2: a successful probe closes the breaker.
            State::Open { .. } | State::HalfOpen => {}
        }
    }

    /// The call that was allowed failed.
    pub fn on_failure(&mut self, now: Instant) {
        match self.state {
            State::Closed { failures } if failures + 1 < self.failure_threshold => {
                self.state = State::Closed {
                    failures: failures + 1,
                };
            }
            State::Closed { .. } => {
                self.state = State::Open {
                    until: now + self.cool_down,
                };
            }
            // TODO 3: a failed probe opens the breaker again, for a whole new cool-down.
            State::HalfOpen => {}
            // A call that started before the breaker opened: it is open already.
            State::Open { .. } => {}
        }
    }

    /// Calls `f` through the breaker.
    pub fn call<T, E>(
        &mut self,
        now: Instant,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, BreakerError<E>> {
        if !self.allow(now) {
            return Err(BreakerError::Open);
        }
        match f() {
            Ok(value) => {
                self.on_success();
                Ok(value)
            }
            Err(err) => {
                self.on_failure(now);
                Err(BreakerError::Failed(err))
            }
        }
    }
}

fn main() {
    let start = Instant::now();
    let mut breaker = CircuitBreaker::new(3, Duration::from_secs(10));
    for second in 0..16 {
        let now = start + Duration::from_secs(second);
        let result = breaker.call(now, || Err::<(), _>("upstream down"));
        let state = match breaker.state() {
            State::Closed { failures } => format!("closed, failures in a row: {failures}"),
            State::Open { until } => format!("open until t={}s", (until - start).as_secs()),
            State::HalfOpen => "half-open".to_string(),
        };
        println!("t={second:>2}s {result:?} -> {state}");
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    /// A fake service that counts its calls.
    struct Upstream {
        calls: Cell<u32>,
    }

    impl Upstream {
        fn new() -> Self {
            Upstream {
                calls: Cell::new(0),
            }
        }
        fn ok(&self) -> Result<&'static str, &'static str> {
            self.calls.set(self.calls.get() + 1);
            Ok("fine")
        }
        fn fail(&self) -> Result<&'static str, &'static str> {
            self.calls.set(self.calls.get() + 1);
            Err("down")
        }
    }

    /// A breaker that trips after 3 failures and cools down for 10 s, tripped at `t0`.
    fn tripped(t0: Instant, upstream: &Upstream) -> CircuitBreaker {
        let mut breaker = CircuitBreaker::new(3, secs(10));
        for _ in 0..3 {
            assert_eq!(
                breaker.call(t0, || upstream.fail()),
                Err(BreakerError::Failed("down"))
            );
        }
        assert_eq!(
            breaker.state(),
            State::Open {
                until: t0 + secs(10)
            }
        );
        breaker
    }

    #[test]
    fn a_closed_breaker_lets_calls_through() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = CircuitBreaker::new(3, secs(10));
        assert_eq!(breaker.call(t0, || upstream.ok()), Ok("fine"));
        assert_eq!(
            breaker.call(t0, || upstream.fail()),
            Err(BreakerError::Failed("down"))
        );
        assert_eq!(breaker.state(), State::Closed { failures: 1 });
        assert_eq!(upstream.calls.get(), 2);
    }

    #[test]
    fn a_success_resets_the_failure_count() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = CircuitBreaker::new(3, secs(10));
        for _ in 0..10 {
            let _ = breaker.call(t0, || upstream.fail());
            let _ = breaker.call(t0, || upstream.fail());
            assert_eq!(breaker.call(t0, || upstream.ok()), Ok("fine"));
        }
        assert_eq!(breaker.state(), State::Closed { failures: 0 });
    }

    #[test]
    fn an_open_breaker_fails_fast_without_calling() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = tripped(t0, &upstream);
        assert_eq!(
            breaker.call(t0 + secs(1), || upstream.ok()),
            Err(BreakerError::Open)
        );
        assert_eq!(
            breaker.call(t0 + secs(9), || upstream.ok()),
            Err(BreakerError::Open)
        );
        assert_eq!(upstream.calls.get(), 3, "no calls while open");
    }

    #[test]
    fn after_the_cool_down_one_probe_goes_through() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = tripped(t0, &upstream);
        let later = t0 + secs(10);
        assert!(
            breaker.allow(later),
            "the cool-down is over: let a probe out"
        );
        assert_eq!(breaker.state(), State::HalfOpen);
        // While the probe is out, everyone else still fails fast.
        assert!(!breaker.allow(later), "only one probe at a time");
        assert!(!breaker.allow(later + secs(60)), "only one probe at a time");
    }

    #[test]
    fn a_successful_probe_closes_the_breaker() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = tripped(t0, &upstream);
        let later = t0 + secs(12);
        assert_eq!(breaker.call(later, || upstream.ok()), Ok("fine"));
        assert_eq!(breaker.state(), State::Closed { failures: 0 });
        assert_eq!(breaker.call(later, || upstream.ok()), Ok("fine"));
        assert_eq!(breaker.call(later, || upstream.ok()), Ok("fine"));
        assert_eq!(upstream.calls.get(), 3 + 3);
    }

    #[test]
    fn a_failed_probe_opens_the_breaker_for_a_fresh_cool_down() {
        let t0 = Instant::now();
        let upstream = Upstream::new();
        let mut breaker = tripped(t0, &upstream);
        let probe_time = t0 + secs(15);
        assert_eq!(
            breaker.call(probe_time, || upstream.fail()),
            Err(BreakerError::Failed("down"))
        );
        assert_eq!(
            breaker.state(),
            State::Open {
                until: probe_time + secs(10)
            },
            "one failed probe is enough to open again, counted from the probe"
        );
        assert_eq!(
            breaker.call(t0 + secs(20), || upstream.ok()),
            Err(BreakerError::Open)
        );
        assert_eq!(breaker.call(t0 + secs(25), || upstream.ok()), Ok("fine"));
        assert_eq!(breaker.state(), State::Closed { failures: 0 });
        assert_eq!(upstream.calls.get(), 3 + 2);
    }
}

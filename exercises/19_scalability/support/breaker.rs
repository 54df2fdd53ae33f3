//! A circuit breaker (the circuit_breaker exercises plug their rule into it with `with_allow`
//! or `with_after_probe`), and a fake upstream that counts its calls. Time is the time since a
//! fixed start (see clock.rs), passed in, so tests walk through it step by step.
#![allow(dead_code)]

use std::cell::Cell;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Calls go through; `failures` counts the failures in a row.
    Closed { failures: u32 },
    /// Calls fail fast until `until`.
    Open { until: Duration },
    /// One probe call is out; everything else fails fast.
    HalfOpen,
}

/// What a call through the breaker returns when it gets no result from the service.
#[derive(Debug, PartialEq, Eq)]
pub enum BreakerError<E> {
    /// Refused without calling the service.
    Open,
    /// The service was called and failed.
    Failed(E),
}

/// `allow`'s rule: may a call go out at `now`? It may move the breaker to another state.
pub type AllowFn = fn(state: &mut State, now: Duration) -> bool;
/// The state after the probe: `ok` says whether the probe succeeded.
pub type AfterProbeFn = fn(ok: bool, now: Duration, cool_down: Duration) -> State;

/// A circuit breaker: `failure_threshold` failures in a row open it for `cool_down`.
pub struct CircuitBreaker {
    state: State,
    failure_threshold: u32,
    cool_down: Duration,
    allow: AllowFn,
    after_probe: AfterProbeFn,
}

impl CircuitBreaker {
    pub fn new(failure_threshold: u32, cool_down: Duration) -> CircuitBreaker {
        CircuitBreaker {
            state: State::Closed { failures: 0 },
            failure_threshold,
            cool_down,
            allow,
            after_probe,
        }
    }

    /// The same breaker with another `allow` rule.
    pub fn with_allow(self, allow: AllowFn) -> CircuitBreaker {
        CircuitBreaker { allow, ..self }
    }

    /// The same breaker with another rule for the probe's outcome.
    pub fn with_after_probe(self, after_probe: AfterProbeFn) -> CircuitBreaker {
        CircuitBreaker {
            after_probe,
            ..self
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// May a call go out now? Each `true` must be followed by `on_success` or `on_failure`.
    pub fn allow(&mut self, now: Duration) -> bool {
        (self.allow)(&mut self.state, now)
    }

    /// The call that was allowed succeeded.
    pub fn on_success(&mut self, now: Duration) {
        self.state = match self.state {
            State::HalfOpen => (self.after_probe)(true, now, self.cool_down),
            _ => State::Closed { failures: 0 },
        };
    }

    /// The call that was allowed failed.
    pub fn on_failure(&mut self, now: Duration) {
        self.state = match self.state {
            State::Closed { failures } if failures + 1 < self.failure_threshold => State::Closed {
                failures: failures + 1,
            },
            State::Closed { .. } => State::Open {
                until: now + self.cool_down,
            },
            State::HalfOpen => (self.after_probe)(false, now, self.cool_down),
            // A call that started before the breaker opened: it is open already.
            open => open,
        };
    }

    /// Calls `f` through the breaker.
    pub fn call<T, E>(
        &mut self,
        now: Duration,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, BreakerError<E>> {
        if !self.allow(now) {
            return Err(BreakerError::Open);
        }
        match f() {
            Ok(value) => {
                self.on_success(now);
                Ok(value)
            }
            Err(err) => {
                self.on_failure(now);
                Err(BreakerError::Failed(err))
            }
        }
    }
}

/// The open state's rule: after the cool-down, this call goes out as the probe.
pub fn allow(state: &mut State, now: Duration) -> bool {
    match *state {
        State::Closed { .. } => true,
        State::Open { until } if now >= until => {
            *state = State::HalfOpen;
            true
        }
        State::Open { .. } | State::HalfOpen => false,
    }
}

/// The probe decides: a success closes the breaker, a failure opens it for a new cool-down.
pub fn after_probe(ok: bool, now: Duration, cool_down: Duration) -> State {
    if ok {
        State::Closed { failures: 0 }
    } else {
        State::Open {
            until: now + cool_down,
        }
    }
}

/// A fake service that counts its calls.
#[derive(Debug, Default)]
pub struct Upstream {
    calls: Cell<u32>,
}

impl Upstream {
    /// A call that succeeds.
    pub fn ok(&self) -> Result<&'static str, &'static str> {
        self.calls.set(self.calls.get() + 1);
        Ok("fine")
    }

    /// A call that fails.
    pub fn fail(&self) -> Result<&'static str, &'static str> {
        self.calls.set(self.calls.get() + 1);
        Err("down")
    }

    /// How many calls reached the service.
    pub fn calls(&self) -> u32 {
        self.calls.get()
    }
}

/// Trips a breaker that opens after 3 failures with a 10 s cool-down: 3 failures at `now`.
#[track_caller]
pub fn trip(breaker: &mut CircuitBreaker, now: Duration, upstream: &Upstream) {
    for _ in 0..3 {
        let _ = breaker.call(now, || upstream.fail());
    }
    assert_eq!(
        breaker.state(),
        State::Open {
            until: now + Duration::from_secs(10)
        },
        "3 failures in a row trip the breaker for a 10 s cool-down"
    );
}

/// `breaker` (3 failures, 10 s cool-down) tripped at 0 s, and the upstream that failed.
#[track_caller]
pub fn tripped(mut breaker: CircuitBreaker) -> (Upstream, CircuitBreaker) {
    let upstream = Upstream::default();
    trip(&mut breaker, Duration::ZERO, &upstream);
    (upstream, breaker)
}

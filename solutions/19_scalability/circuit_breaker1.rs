// circuit_breaker1: open, then half-open
//
// When a service you depend on is down, every call to it waits for a timeout, holds a
// connection and a worker, and fails anyway. A circuit breaker counts failures in a row and,
// past a threshold, opens: calls fail at once without touching the service. After a cool-down
// it goes half-open: exactly one trial call (the probe) goes out, every other call still fails
// fast, and the probe's outcome decides whether to close again or stay open.
//
// The breaker is in support/breaker.rs; it asks `allow` whether a call may go out. Fix `allow`
// so that an open breaker lets one probe out once the cool-down is over.

#[path = "support/breaker.rs"]
mod breaker;
#[path = "support/clock.rs"]
mod clock;

use std::time::Duration;

use breaker::State;

/// May a call go out at `now`? It may move the breaker to another state.
fn allow(state: &mut State, now: Duration) -> bool {
    match *state {
        State::Closed { .. } => true,
        State::Open { until } if now >= until => {
            *state = State::HalfOpen;
            true
        }
        State::Open { .. } | State::HalfOpen => false,
    }
}

fn main() {
    let mut state = State::Open {
        until: clock::secs(10.0),
    };
    for at in [5.0, 10.0, 11.0] {
        let allowed = allow(&mut state, clock::secs(at));
        println!("at {at} s: allowed {allowed}, now {state:?}");
    }
}

#[cfg(test)]
mod tests {
    use crate::breaker::{BreakerError, CircuitBreaker, State, Upstream};
    use crate::clock::secs;

    fn tripped() -> (Upstream, CircuitBreaker) {
        crate::breaker::tripped(CircuitBreaker::new(3, secs(10.0)).with_allow(super::allow))
    }

    #[test]
    fn an_open_breaker_fails_fast_until_the_cool_down_is_over() {
        let (upstream, mut breaker) = tripped();
        for at in [1.0, 9.0, 9.999] {
            let got = breaker.call(secs(at), || upstream.ok());
            let why = format!("at {at} s the 10 s cool-down is not over: fail fast");
            assert_eq!(got, Err(BreakerError::Open), "{why}");
        }
        assert_eq!(
            upstream.calls(),
            3,
            "3 calls, the failures that tripped it: none more while open"
        );
        let probe = breaker.call(secs(12.0), || upstream.ok());
        assert_eq!(probe, Ok("fine"), "at 12 s the probe goes out");
    }

    #[test]
    fn only_one_probe_goes_out() {
        let (_, mut breaker) = tripped();
        let probe = breaker.allow(secs(10.0));
        assert!(probe, "the cool-down is over at 10 s: let a probe out");
        assert_eq!(breaker.state(), State::HalfOpen, "the probe is out");
        for at in [10.0, 70.0] {
            let other = breaker.allow(secs(at));
            assert!(!other, "at {at} s the probe is still out: fail fast");
        }
    }
}

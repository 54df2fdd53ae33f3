// circuit_breaker2: the probe decides
//
// A half-open breaker has let one trial call (the probe) out to a service that was failing.
// Its outcome is the only news about that service: a success closes the breaker (calls flow
// again, failures counted from zero); a failure opens it again for a whole new cool-down,
// counted from the probe, not from the first trip, so a service that is still down gets one
// probe per cool-down and no more.
//
// The breaker in support/breaker.rs asks `after_probe` which state comes next. Fix it.

#[path = "support/breaker.rs"]
mod breaker;
#[path = "support/clock.rs"]
mod clock;

use std::time::Duration;

use breaker::State;

/// The state after the probe: `ok` says whether it succeeded, `now` is when it ended.
fn after_probe(ok: bool, now: Duration, cool_down: Duration) -> State {
    if ok {
        State::Closed { failures: 0 }
    } else {
        State::Open {
            until: now + cool_down,
        }
    }
}

fn main() {
    let now = clock::secs(15.0);
    for ok in [true, false] {
        println!(
            "probe ok: {ok} -> {:?}",
            after_probe(ok, now, clock::secs(10.0))
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::breaker::{BreakerError, CircuitBreaker, State, Upstream, trip};
    use crate::clock::secs;

    fn breaker() -> CircuitBreaker {
        CircuitBreaker::new(3, secs(10.0)).with_after_probe(super::after_probe)
    }

    #[test]
    fn a_successful_probe_closes_the_breaker() {
        let (upstream, mut breaker) = (Upstream::default(), breaker());
        trip(&mut breaker, secs(0.0), &upstream);
        assert_eq!(
            breaker.call(secs(12.0), || upstream.ok()),
            Ok("fine"),
            "the probe at 12 s"
        );
        assert_eq!(
            breaker.state(),
            State::Closed { failures: 0 },
            "a successful probe closes the breaker, with no failures counted"
        );
        for n in 1..=3 {
            assert_eq!(
                breaker.call(secs(12.0), || upstream.ok()),
                Ok("fine"),
                "call {n} after the breaker closed goes through"
            );
        }
        assert_eq!(
            upstream.calls(),
            3 + 1 + 3,
            "3 failures, the probe, 3 calls"
        );
    }

    #[test]
    fn a_failed_probe_opens_the_breaker_for_a_fresh_cool_down() {
        let (upstream, mut breaker) = (Upstream::default(), breaker());
        trip(&mut breaker, secs(0.0), &upstream);
        assert_eq!(
            breaker.call(secs(15.0), || upstream.fail()),
            Err(BreakerError::Failed("down")),
            "the probe at 15 s fails"
        );
        assert_eq!(
            breaker.state(),
            State::Open { until: secs(25.0) },
            "one failed probe opens the breaker again, for 10 s counted from the probe"
        );
        assert_eq!(
            breaker.call(secs(20.0), || upstream.ok()),
            Err(BreakerError::Open),
            "at 20 s the new cool-down is not over"
        );
        assert_eq!(
            breaker.call(secs(25.0), || upstream.ok()),
            Ok("fine"),
            "the next probe, at 25 s"
        );
        assert_eq!(
            upstream.calls(),
            3 + 2,
            "3 failures and two probes reached the service"
        );
    }
}

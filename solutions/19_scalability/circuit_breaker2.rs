// circuit_breaker2: the probe decides
//
// A half-open breaker has let one trial call (the probe) out to a service that was failing,
// and its outcome is the only news: a success closes the breaker (failures counted from zero);
// a failure opens it for a whole new cool-down counted from the probe, so a service that is
// still down gets one probe per cool-down and no more.
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
    for ok in [true, false] {
        let next = after_probe(ok, clock::secs(15.0), clock::secs(10.0));
        println!("probe ok: {ok} -> {next:?}");
    }
}

#[cfg(test)]
mod tests {
    use crate::breaker::{BreakerError, CircuitBreaker, State, Upstream};
    use crate::clock::secs;

    fn tripped() -> (Upstream, CircuitBreaker) {
        let breaker = CircuitBreaker::new(3, secs(10.0));
        crate::breaker::tripped(breaker.with_after_probe(super::after_probe))
    }

    #[test]
    fn a_successful_probe_closes_the_breaker() {
        let (upstream, mut breaker) = tripped();
        assert_eq!(
            breaker.call(secs(12.0), || upstream.ok()),
            Ok("fine"),
            "the probe"
        );
        let closed = State::Closed { failures: 0 };
        assert_eq!(
            breaker.state(),
            closed,
            "a successful probe closes the breaker"
        );
        for n in 1..=3 {
            let got = breaker.call(secs(12.0), || upstream.ok());
            assert_eq!(got, Ok("fine"), "call {n} after the probe goes through");
        }
    }

    #[test]
    fn a_failed_probe_opens_the_breaker_for_a_fresh_cool_down() {
        let (upstream, mut breaker) = tripped();
        let probe = breaker.call(secs(15.0), || upstream.fail());
        assert_eq!(
            probe,
            Err(BreakerError::Failed("down")),
            "the probe at 15 s"
        );
        let why = "a failed probe opens the breaker, for 10 s from the probe";
        assert_eq!(breaker.state(), State::Open { until: secs(25.0) }, "{why}");
        let got = breaker.call(secs(20.0), || upstream.ok());
        assert_eq!(got, Err(BreakerError::Open), "at 20 s: still cooling down");
        let next = breaker.call(secs(25.0), || upstream.ok());
        assert_eq!(next, Ok("fine"), "at 25 s the next probe goes out");
        assert_eq!(upstream.calls(), 3 + 2, "3 failures and 2 probes");
    }
}

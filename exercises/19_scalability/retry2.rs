// retry2: how long to wait
//
// Wait longer after each failure (exponential backoff: base, 2 * base, 4 * base, ... up to a
// cap) so a struggling service gets room to recover, and add jitter: a thousand clients that
// failed together and all wait 400 ms come back together. "Full jitter" waits a random time
// between zero and the backoff. When the server says how long (`Retry-After: <seconds>` on a
// 429 or a 503) it knows best: wait that long instead, capped too, so one bad header cannot
// stall the client for a day. (Some clients give up past their cap instead.)
//
// Fix `wait`: `Retry-After` (TODO 1), then the capped backoff with full jitter (TODO 2).

#[path = "support/retry.rs"]
mod retry;

use std::time::Duration;

use rand::Rng;
use rand::rngs::StdRng;
use retry::{Backoff, Failure};

/// How long to wait before retry number `retry` (0 before the first retry) after `failure`.
fn wait(policy: &Backoff, retry: u32, failure: &Failure, rng: &mut StdRng) -> Duration {
    // TODO 1: a 429 or 503 with `retry_after: Some(n)` waits n seconds, at most `policy.cap`.
    let _ = failure;
    // TODO 2: a random time in 0..=base * 2^retry (at most `cap`; mind the overflow).
    let _ = (retry, rng);
    policy.base
}

fn main() {
    let waits: Vec<_> = (0..4).map(|n| retry::draws(wait, n, 1)[0]).collect();
    println!("the first 4 waits: {waits:?}");
}

#[cfg(test)]
mod tests {
    use super::wait;
    use crate::retry::{draws, ms, policy, rng, throttled};

    #[test]
    fn the_backoff_doubles_up_to_the_cap() {
        let ceilings = [100, 200, 400, 800, 1600, 2000, 2000];
        for (retry, ceiling) in ceilings.into_iter().enumerate() {
            let longest = draws(wait, retry as u32, 200)[199];
            let why = format!("waits before retry {retry} reach {ceiling} ms, not {longest:?}");
            let ok = longest <= ms(ceiling) && longest > ms(ceiling * 3 / 4);
            assert!(ok, "{why}");
        }
        for retry in [32, 64, u32::MAX] {
            let longest = draws(wait, retry, 10)[9];
            let why = format!("retry {retry} waits {longest:?}: the 2 s cap, without overflow");
            assert!(longest <= ms(2000), "{why}");
        }
    }

    #[test]
    fn full_jitter_spreads_the_waits_from_zero() {
        let mut delays = draws(wait, 3, 200);
        let why = format!("full jitter goes down to 0, not {:?}", delays[0]);
        assert!(delays[0] < ms(200), "{why}");
        delays.dedup();
        let why = format!(
            "{} different waits in 200: where is the jitter?",
            delays.len()
        );
        assert!(delays.len() > 150, "{why}");
    }

    #[test]
    fn retry_after_on_429_and_503_is_honoured_and_capped() {
        for (status, seconds, want) in [(429, 1, 1000), (503, 1, 1000), (503, 3600, 2000)] {
            let got = wait(&policy(), 0, &throttled(status, seconds), &mut rng(1));
            let why = format!("a {status} with Retry-After: {seconds} waits that, at most 2 s");
            assert_eq!(got, ms(want), "{why}");
        }
        let got = wait(&policy(), 0, &throttled(502, 5), &mut rng(1));
        assert!(
            got <= ms(100),
            "Retry-After counts on 429 and 503: a 502 backs off"
        );
    }
}

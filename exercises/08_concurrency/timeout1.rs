// timeout1: deadlines and cancellation
//
// Every call to another service needs a deadline. Without one, a stuck dependency makes
// your requests wait forever, they pile up, and your service falls over too. In Rust a
// future does nothing unless it is polled, so *cancelling* work is simply dropping its
// future: it stops at the `.await` where it was waiting, and its `Drop` impls run (which is
// where cleanup, such as returning a connection to its pool, belongs).
//
// `tokio::time::timeout(duration, future)` polls the future until it finishes or the time is
// up; on timeout it drops the future and returns `Err(Elapsed)`. Give `with_deadline` one.

#[path = "support/replica.rs"]
mod replica;

use replica::Replica;
use std::future::Future;
use tokio::time::Duration;

/// How long a caller waits for an answer, at most.
pub const DEADLINE: Duration = Duration::from_millis(200);

#[derive(Debug, PartialEq)]
pub struct TimedOut;

/// Waits for `call` for at most `DEADLINE`.
pub async fn with_deadline<T>(call: impl Future<Output = T>) -> Result<T, TimedOut> {
    // TODO: give up after `DEADLINE`: use `tokio::time::timeout`, and turn its error into
    // `TimedOut` (`map_err`).
    Ok(call.await)
}

#[tokio::main]
async fn main() {
    let replica = Replica::new("db", 5_000);
    let answer = with_deadline(replica.call()).await;
    println!(
        "{answer:?}; (calls, answered, cancelled) = {:?}",
        replica.counts()
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, timeout};

    /// Fails the test instead of waiting forever (in paused time, so at once).
    async fn at_most_a_minute<T>(call: impl Future<Output = T>) -> T {
        match timeout(Duration::from_secs(60), call).await {
            Ok(answer) => answer,
            Err(_elapsed) => panic!(
                "still waiting after a (paused-clock) minute: `with_deadline` has no deadline"
            ),
        }
    }

    // Time is paused: tokio moves its clock exactly as far as the sleeps need, at once.
    #[tokio::test(start_paused = true)]
    async fn a_quick_answer_comes_through() {
        let replica = Replica::new("db", 30);
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(replica.call())).await;
        assert_eq!(
            answer,
            Ok("db"),
            "an answer within the deadline is passed on"
        );
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(30),
            "and not delayed"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_call_is_cancelled_at_the_deadline() {
        let replica = Replica::new("db", 10_000);
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(replica.call())).await;
        assert_eq!(
            answer,
            Err(TimedOut),
            "a 10 s call does not make the 200 ms deadline"
        );
        assert_eq!(start.elapsed(), DEADLINE, "give up after exactly 200 ms");
        let why = "(calls, answered, cancelled): the late call was dropped, so it never answered";
        assert_eq!(replica.counts(), (1, 0, 1), "{why}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_that_never_answers_times_out() {
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(std::future::pending::<()>())).await;
        assert_eq!(answer, Err(TimedOut), "a call that never answers times out");
        assert_eq!(start.elapsed(), DEADLINE, "after exactly 200 ms");
    }
}

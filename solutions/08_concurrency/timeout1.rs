// timeout1: deadlines, hedging and cancellation
//
// Every call to another service needs a deadline. Without one, a stuck dependency makes
// your requests wait forever, they pile up, and your service falls over too. In Rust a
// future does nothing unless it is polled, so *cancelling* work is simply dropping its
// future: it stops at the `.await` where it was waiting, and its `Drop` impls run (which is
// where cleanup such as returning a connection to a pool belongs).
//
// - `tokio::time::timeout(duration, future)` polls the future until it finishes or the time
//   is up; on timeout it drops the future and returns `Err(Elapsed)`.
// - `tokio::select!` polls several futures at once, takes the first one to finish and drops
//   the others. Use `&mut fut` in a branch to keep a future alive for a later `select!`
//   (it must be pinned first: `let mut fut = std::pin::pin!(fut);`).
//
// A *hedged request* cuts tail latency: ask one replica; if it has not answered after a
// short while (a bit above its usual latency), ask a second one as well, and take whichever
// answers first. Most requests never send the second call, and the rare slow one no longer
// decides your p99.
//
// Write `with_deadline` and `hedged`. Time is paused in the tests, so the test durations
// are exact.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::{Duration, sleep, timeout};

/// How long a caller waits for an answer, at most.
pub const DEADLINE: Duration = Duration::from_millis(200);
/// How long `hedged` waits for the primary before asking the backup too.
pub const HEDGE_AFTER: Duration = Duration::from_millis(50);

#[derive(Debug, PartialEq, Eq)]
pub struct TimedOut;

/// Waits for `call` for at most `DEADLINE`.
pub async fn with_deadline<T>(call: impl Future<Output = T>) -> Result<T, TimedOut> {
    timeout(DEADLINE, call).await.map_err(|_| TimedOut)
}

/// Asks `primary`; if it has not answered after `HEDGE_AFTER`, asks `backup` as well and
/// returns the first answer of the two. The whole thing takes at most `DEADLINE`.
pub async fn hedged<T>(
    primary: impl Future<Output = T>,
    backup: impl Future<Output = T>,
) -> Result<T, TimedOut> {
    with_deadline(async {
        let mut primary = std::pin::pin!(primary);
        tokio::select! {
            answer = &mut primary => return answer,
            () = sleep(HEDGE_AFTER) => {}
        }
        tokio::select! {
            answer = primary => answer,
            answer = backup => answer,
        }
    })
    .await
}

/// A stand-in for one replica of another service, which takes `delay` to answer.
pub struct Replica {
    pub name: &'static str,
    pub delay: Duration,
    pub calls: AtomicUsize,
    pub answered: AtomicUsize,
    pub cancelled: AtomicUsize,
}

impl Replica {
    pub fn new(name: &'static str, millis: u64) -> Replica {
        Replica {
            name,
            delay: Duration::from_millis(millis),
            calls: AtomicUsize::new(0),
            answered: AtomicUsize::new(0),
            cancelled: AtomicUsize::new(0),
        }
    }

    pub async fn call(&self) -> &'static str {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let in_flight = InFlight {
            replica: self,
            done: false,
        };
        sleep(self.delay).await;
        in_flight.finish();
        self.name
    }
}

/// Notices when a call is dropped before it finished: that is what cancellation looks like.
struct InFlight<'a> {
    replica: &'a Replica,
    done: bool,
}

impl InFlight<'_> {
    fn finish(mut self) {
        self.done = true;
        self.replica.answered.fetch_add(1, Ordering::SeqCst);
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.replica.cancelled.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[tokio::main]
async fn main() {
    let (primary, backup) = (Replica::new("primary", 400), Replica::new("backup", 20));
    let answer = hedged(primary.call(), backup.call()).await;
    println!(
        "{answer:?} (the primary was cancelled {} time)",
        primary.cancelled.load(Ordering::SeqCst)
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    /// Fails the test instead of waiting forever (in virtual time, so at once).
    async fn at_most_a_minute<F: Future>(f: F) -> F::Output {
        timeout(Duration::from_secs(60), f)
            .await
            .expect("still waiting after a (virtual) minute")
    }

    fn counts(replica: &Replica) -> (usize, usize, usize) {
        let get = |n: &AtomicUsize| n.load(Ordering::SeqCst);
        (
            get(&replica.calls),
            get(&replica.answered),
            get(&replica.cancelled),
        )
    }

    #[tokio::test(start_paused = true)]
    async fn a_quick_answer_comes_through() {
        let replica = Replica::new("db", 30);
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(replica.call())).await;
        assert_eq!(answer, Ok("db"));
        assert_eq!(start.elapsed(), Duration::from_millis(30));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_call_is_cancelled_at_the_deadline() {
        let replica = Replica::new("db", 10_000);
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(replica.call())).await;
        assert_eq!(answer, Err(TimedOut));
        assert_eq!(start.elapsed(), DEADLINE, "give up after exactly 200 ms");
        assert_eq!(counts(&replica), (1, 0, 1), "(calls, answered, cancelled)");
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_that_never_answers_times_out() {
        let start = Instant::now();
        let answer = at_most_a_minute(with_deadline(std::future::pending::<()>())).await;
        assert_eq!(answer, Err(TimedOut));
        assert_eq!(start.elapsed(), DEADLINE);
    }

    #[tokio::test(start_paused = true)]
    async fn a_quick_primary_never_bothers_the_backup() {
        let (primary, backup) = (Replica::new("primary", 20), Replica::new("backup", 10));
        let start = Instant::now();
        let answer = at_most_a_minute(hedged(primary.call(), backup.call())).await;
        assert_eq!(answer, Ok("primary"));
        assert_eq!(start.elapsed(), Duration::from_millis(20));
        assert_eq!(counts(&primary), (1, 1, 0), "(calls, answered, cancelled)");
        assert_eq!(counts(&backup), (0, 0, 0), "the backup is never called");
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_primary_is_overtaken_by_the_backup() {
        let (primary, backup) = (Replica::new("primary", 500), Replica::new("backup", 30));
        let start = Instant::now();
        let answer = at_most_a_minute(hedged(primary.call(), backup.call())).await;
        assert_eq!(answer, Ok("backup"));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(80),
            "50 ms before asking the backup, then 30 ms for its answer"
        );
        assert_eq!(counts(&primary), (1, 0, 1), "the primary is cancelled");
        assert_eq!(counts(&backup), (1, 1, 0));
    }

    #[tokio::test(start_paused = true)]
    async fn the_primary_can_still_win_after_the_hedge() {
        let (primary, backup) = (Replica::new("primary", 70), Replica::new("backup", 100));
        let start = Instant::now();
        let answer = at_most_a_minute(hedged(primary.call(), backup.call())).await;
        assert_eq!(answer, Ok("primary"));
        assert_eq!(start.elapsed(), Duration::from_millis(70));
        assert_eq!(counts(&primary), (1, 1, 0));
        assert_eq!(counts(&backup), (1, 0, 1), "the backup is cancelled");
    }

    #[tokio::test(start_paused = true)]
    async fn hedging_still_respects_the_deadline() {
        let (primary, backup) = (
            Replica::new("primary", 1_000),
            Replica::new("backup", 1_000),
        );
        let start = Instant::now();
        let answer = at_most_a_minute(hedged(primary.call(), backup.call())).await;
        assert_eq!(answer, Err(TimedOut));
        assert_eq!(start.elapsed(), DEADLINE);
        assert_eq!(counts(&primary), (1, 0, 1));
        assert_eq!(counts(&backup), (1, 0, 1));
    }
}

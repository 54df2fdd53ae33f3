// hedge1: a hedged request with `select!`
//
// A *hedged request* cuts tail latency: ask one replica; if it has not answered after a short
// while (a bit above its usual latency), ask a second one as well, and take whichever answers
// first. Most requests never send the second call, and the rare slow one no longer decides
// your p99. (Hedge only reads, or other requests that are safe to send twice.)
//
// `tokio::select!` polls several futures at once, takes the first to finish and drops (so
// cancels) the others. To poll a future in one `select!` and again in the next, pin it first
// (`let mut call = std::pin::pin!(call);`) and write `&mut call` in the first `select!`.
//
// Finish `hedged`: after the hedge delay, race the primary (still running) against the backup.

#[path = "support/replica.rs"]
mod replica;

use replica::Replica;
use std::future::Future;
use tokio::time::{Duration, sleep};

/// How long `hedged` waits for the primary before asking the backup too.
pub const HEDGE_AFTER: Duration = Duration::from_millis(50);

/// Asks `primary`; if it has not answered after `HEDGE_AFTER`, asks `backup` as well and
/// returns the first answer of the two.
pub async fn hedged<T>(primary: impl Future<Output = T>, backup: impl Future<Output = T>) -> T {
    let mut primary = std::pin::pin!(primary);
    tokio::select! {
        answer = &mut primary => return answer,
        () = sleep(HEDGE_AFTER) => {}
    }
    tokio::select! {
        answer = primary => answer,
        answer = backup => answer,
    }
}

#[tokio::main]
async fn main() {
    let (primary, backup) = (Replica::new("primary", 400), Replica::new("backup", 20));
    let answer = hedged(primary.call(), backup.call()).await;
    println!(
        "{answer}; primary (calls, answered, cancelled) = {:?}",
        primary.counts()
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    /// Races two replicas that answer after `primary_ms` and `backup_ms`. Returns the answer,
    /// how long it took, and the replicas' (calls, answered, cancelled).
    async fn race(
        primary_ms: u64,
        backup_ms: u64,
    ) -> (&'static str, u64, [(usize, usize, usize); 2]) {
        let (primary, backup) = (
            Replica::new("primary", primary_ms),
            Replica::new("backup", backup_ms),
        );
        let start = Instant::now();
        let answer = hedged(primary.call(), backup.call()).await;
        (
            answer,
            start.elapsed().as_millis() as u64,
            [primary.counts(), backup.counts()],
        )
    }

    // Time is paused: tokio moves its clock exactly as far as the sleeps need, at once.
    #[tokio::test(start_paused = true)]
    async fn a_quick_primary_never_bothers_the_backup() {
        let (answer, ms, counts) = race(20, 10).await;
        assert_eq!(
            (answer, ms),
            ("primary", 20),
            "the primary answered in 20 ms"
        );
        let why = "(calls, answered, cancelled): the backup is never called";
        assert_eq!(counts, [(1, 1, 0), (0, 0, 0)], "{why}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_primary_is_overtaken_by_the_backup() {
        let (answer, ms, counts) = race(500, 30).await;
        let why = "50 ms before asking the backup, then 30 ms for its answer";
        assert_eq!((answer, ms), ("backup", 80), "{why}");
        let why = "(calls, answered, cancelled): the primary is cancelled once the backup answers";
        assert_eq!(counts, [(1, 0, 1), (1, 1, 0)], "{why}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_primary_can_still_win_after_the_hedge() {
        let (answer, ms, counts) = race(70, 100).await;
        let why = "the backup was asked at 50 ms, but the primary still answered first";
        assert_eq!((answer, ms), ("primary", 70), "{why}");
        let why = "(calls, answered, cancelled): the backup is asked, then cancelled";
        assert_eq!(counts, [(1, 1, 0), (1, 0, 1)], "{why}");
    }
}

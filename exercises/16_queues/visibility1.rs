// visibility1: a claimed job is hidden, not deleted
//
// A durable queue can be a table: producers insert jobs, consumers take the oldest. If
// taking a job deleted it, a consumer that crashed halfway would lose it for good. So a
// claimed job is hidden for a "visibility timeout": the consumer deletes it (`ack`) when it
// is done, and if it never does, the job is visible again after the timeout.
//
// Fix `claim`: hand out the oldest visible job and hide it until `now + timeout`.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;

use std::time::Duration;

use clock::{Clock, ms};
use jobs::{Job, job_from_row};
use rusqlite::{Connection, OptionalExtension, Result, params};

/// Hands out the oldest job whose `visible_at` has come, hidden for `timeout`.
pub fn claim(conn: &Connection, clock: &dyn Clock, timeout: Duration) -> Result<Option<Job>> {
    let now = clock.now_ms();
    // TODO: this deletes the job as it hands it out, so a consumer that dies mid-job loses
    // it. Keep the row and hide it instead: `UPDATE jobs SET visible_at = ...` with the
    // same WHERE and RETURNING, and `ms(timeout)` as a second parameter.
    conn.query_row(
        "DELETE FROM jobs
         WHERE id = (SELECT id FROM jobs WHERE visible_at <= ?1 ORDER BY id LIMIT 1)
         RETURNING id, payload, attempts",
        params![now],
        job_from_row,
    )
    .optional()
}

fn main() {
    let (conn, clock) = (jobs::open_queue(), clock::SystemClock);
    jobs::enqueue(&conn, &clock, "send welcome email to ada").unwrap();
    let job = claim(&conn, &clock, Duration::from_secs(30)).unwrap();
    println!("claimed {job:?}; in the table: {:?}", jobs::payloads(&conn));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(30);

    #[test]
    fn a_claimed_job_is_hidden_until_the_timeout_ends() {
        let (conn, clock) = jobs::queue_with(&["resize photo 7", "charge order 3"]);
        let next = || jobs::claimed(claim(&conn, &clock, TIMEOUT));
        assert_eq!(next(), "resize photo 7", "the oldest job goes first");
        let why = "a claimed job is hidden: the next consumer gets the next job";
        assert_eq!(next(), "charge order 3", "{why}");
        // Both consumers crash: they never ack.
        clock.advance(Duration::from_secs(29));
        let why = "29 s after the claims both jobs are still hidden";
        assert_eq!(next(), "(no job)", "{why}");
        clock.advance(Duration::from_secs(1));
        let why = "when the visibility timeout ends, the job is handed out again \
                   (a claim that deletes the job loses it when its consumer dies)";
        assert_eq!(next(), "resize photo 7", "{why}");
    }

    #[test]
    fn an_acked_job_never_comes_back() {
        let (conn, clock) = jobs::queue_with(&["charge order 3"]);
        let job = claim(&conn, &clock, TIMEOUT).unwrap();
        jobs::ack(&conn, job.expect("the queue holds one job").id).unwrap();
        clock.advance(Duration::from_secs(3600));
        let again = jobs::claimed(claim(&conn, &clock, TIMEOUT));
        assert_eq!(again, "(no job)", "an acked job is done for good");
    }
}

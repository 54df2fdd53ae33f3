// attempts1: count every attempt, and wait before the next one
//
// A failed job goes back with `retry`, and the queue tries it again later, not at once: an
// immediate retry hammers a service that is already struggling. The wait grows with the
// attempts (`jobs::retry_delay`: 10 s, 20 s, 40 s...), so the queue counts them, when it
// hands the job out: a consumer that crashes never gets to report its failure.
//
// Fix `claim` (count the attempt) and `retry` (hide the job for `retry_delay`).

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;

use std::time::Duration;

use clock::{Clock, ms};
use jobs::{Job, job_from_row, retry_delay};
use rusqlite::{Connection, OptionalExtension, Result, params};

/// Hands out the oldest visible job, hidden for `timeout`, and counts the attempt.
pub fn claim(conn: &Connection, clock: &dyn Clock, timeout: Duration) -> Result<Option<Job>> {
    // TODO: count this attempt in the row (the consumer sees `attempts` in the Job).
    conn.query_row(
        "UPDATE jobs SET visible_at = ?1 + ?2
         WHERE id = (SELECT id FROM jobs WHERE visible_at <= ?1 ORDER BY id LIMIT 1)
         RETURNING id, payload, attempts",
        params![clock.now_ms(), ms(timeout)],
        job_from_row,
    )
    .optional()
}

/// The consumer could not do `job`: keep the error, and hand the job out again later.
pub fn retry(conn: &Connection, clock: &dyn Clock, job: &Job, error: &str) -> Result<()> {
    // TODO: hide the job for `retry_delay(job.attempts)`: it is visible again at once.
    let visible_at = clock.now_ms();
    let sql = "UPDATE jobs SET visible_at = ?2, last_error = ?3 WHERE id = ?1";
    conn.execute(sql, params![job.id, visible_at, error])?;
    Ok(())
}

fn main() {
    let (conn, clock) = (jobs::open_queue(), clock::SystemClock);
    jobs::enqueue(&conn, &clock, "send invoice 12").unwrap();
    let job = jobs::handed_out(claim(&conn, &clock, Duration::from_secs(30)));
    retry(&conn, &clock, &job, "mail server down").unwrap();
    println!(
        "attempts, visible_at, error: {:?}",
        jobs::job_row(&conn, job.id)
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(30);

    #[test]
    fn every_claim_counts_an_attempt_even_when_the_consumer_crashes() {
        let (conn, clock) = jobs::queue_with(&["resize photo 7"]);
        let first = jobs::handed_out(claim(&conn, &clock, TIMEOUT));
        assert_eq!(first.attempts, 1, "the first claim is attempt 1");
        clock.advance(TIMEOUT); // Its consumer crashed without a word.
        let second = jobs::handed_out(claim(&conn, &clock, TIMEOUT));
        let why = "the crashed attempt counts too: only claim sees every attempt";
        assert_eq!(second.attempts, 2, "{why}");
    }

    #[test]
    fn a_failed_job_waits_longer_after_each_attempt() {
        let (conn, clock) = jobs::queue_with(&["send invoice 12"]);
        let next = || jobs::claimed(claim(&conn, &clock, TIMEOUT));
        for (attempt, wait) in [(1, 10), (2, 20)] {
            let job = jobs::handed_out(claim(&conn, &clock, TIMEOUT));
            retry(&conn, &clock, &job, "mail server down").unwrap();
            let (_, _, error) = jobs::job_row(&conn, job.id).expect("a retried job stays queued");
            let error = error.unwrap_or_default();
            assert_eq!(error, "mail server down", "retry keeps the error");
            clock.advance(Duration::from_secs(wait - 1));
            let why = format!("after attempt {attempt} the job waits {wait} s, not less");
            assert_eq!(next(), "(no job)", "{why}");
            clock.advance(Duration::from_secs(1));
        }
        let why = "20 s after attempt 2 the job is back";
        assert_eq!(next(), "send invoice 12", "{why}");
    }
}

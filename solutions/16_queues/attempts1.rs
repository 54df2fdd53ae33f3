// attempts1: count every attempt, and wait before the next one
//
// A job can fail: the mail server is down, the payment provider times out. The consumer
// then hands it back with `retry`, and the queue tries again later, not at once: an
// immediate retry hammers a service that is already struggling. The wait grows with the
// number of attempts (`jobs::retry_delay`), so the queue must count them, and count them
// when it hands the job out: a consumer that crashes never gets to report its failure.
//
// Fix `claim` (count the attempt) and `retry` (hide the job for `retry_delay`).

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;

use std::time::Duration;

use clock::{Clock, ms};
use jobs::{Job, job_from_row, retry_delay};
use rusqlite::{Connection, OptionalExtension, params};

/// Hands out the oldest visible job, hidden for `timeout`, and counts the attempt.
pub fn claim(
    conn: &Connection,
    clock: &dyn Clock,
    timeout: Duration,
) -> rusqlite::Result<Option<Job>> {
    conn.query_row(
        "UPDATE jobs SET visible_at = ?1 + ?2, attempts = attempts + 1
         WHERE id = (SELECT id FROM jobs WHERE visible_at <= ?1 ORDER BY id LIMIT 1)
         RETURNING id, payload, attempts",
        params![clock.now_ms(), ms(timeout)],
        job_from_row,
    )
    .optional()
}

/// The consumer could not do `job`: keep the error, and hand the job out again later.
pub fn retry(conn: &Connection, clock: &dyn Clock, job: &Job, error: &str) -> rusqlite::Result<()> {
    let visible_at = clock.now_ms() + ms(retry_delay(job.attempts));
    conn.execute(
        "UPDATE jobs SET visible_at = ?2, last_error = ?3 WHERE id = ?1",
        params![job.id, visible_at, error],
    )?;
    Ok(())
}

fn main() {
    let conn = jobs::open_queue();
    let clock = clock::SystemClock;
    jobs::enqueue(&conn, &clock, "send invoice 12").unwrap();
    let job = claim(&conn, &clock, Duration::from_secs(30))
        .unwrap()
        .unwrap();
    retry(&conn, &clock, &job, "mail server down").unwrap();
    println!(
        "attempt {} failed; next one in {:?}",
        job.attempts,
        retry_delay(job.attempts)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;

    const TIMEOUT: Duration = Duration::from_secs(30);

    #[test]
    fn every_claim_counts_an_attempt_even_when_the_consumer_crashes() {
        let (conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "resize photo 7").unwrap();
        let first = claim(&conn, &clock, TIMEOUT)
            .unwrap()
            .expect("the queue holds one job");
        assert_eq!(first.attempts, 1, "the first claim is attempt 1");
        // Its consumer crashes without a word; the timeout hands the job out again.
        clock.advance(TIMEOUT);
        let second = claim(&conn, &clock, TIMEOUT)
            .unwrap()
            .expect("the job is visible again");
        assert_eq!(
            second.attempts, 2,
            "the crashed attempt counts too: only claim sees every attempt"
        );
    }

    #[test]
    fn a_failed_job_waits_longer_after_each_attempt() {
        let (conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "send invoice 12").unwrap();
        let job = claim(&conn, &clock, TIMEOUT)
            .unwrap()
            .expect("the queue holds one job");
        retry(&conn, &clock, &job, "mail server down").unwrap();
        let (_, _, last_error) = jobs::job_row(&conn, job.id).expect("a retried job stays queued");
        assert_eq!(
            last_error.as_deref(),
            Some("mail server down"),
            "retry keeps the error"
        );
        assert_eq!(
            claim(&conn, &clock, TIMEOUT).unwrap(),
            None,
            "a failed job must not come straight back: that hammers the failing service"
        );
        clock.advance(Duration::from_secs(10));
        let job = claim(&conn, &clock, TIMEOUT).unwrap();
        let job = job.expect("after retry_delay(1) = 10 s the job is handed out again");
        assert_eq!(job.attempts, 2, "the second claim is attempt 2");
        retry(&conn, &clock, &job, "mail server down").unwrap();
        clock.advance(Duration::from_secs(19));
        assert_eq!(
            claim(&conn, &clock, TIMEOUT).unwrap(),
            None,
            "after attempt 2 the wait is 20 s"
        );
        clock.advance(Duration::from_secs(1));
        assert!(
            claim(&conn, &clock, TIMEOUT).unwrap().is_some(),
            "20 s later: attempt 3"
        );
    }
}

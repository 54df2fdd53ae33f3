// visibility1: a claimed job is hidden, not deleted
//
// A durable queue can be a table: producers insert jobs, consumers take the oldest one. If
// taking a job deleted it, a consumer that crashed halfway would lose that job for good. So
// a queue hides a claimed job for a "visibility timeout" instead: other consumers skip it,
// the consumer deletes it (`ack`) when it is done, and if it never does, the job becomes
// visible again when the timeout ends and another consumer gets it.
//
// Fix `claim`: hand out the oldest visible job and hide it until `now + timeout`.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;

use std::time::Duration;

use clock::{Clock, ms};
use jobs::{Job, job_from_row};
use rusqlite::{Connection, OptionalExtension, params};

/// Hands out the oldest job whose `visible_at` has come, hidden for `timeout`.
pub fn claim(
    conn: &Connection,
    clock: &dyn Clock,
    timeout: Duration,
) -> rusqlite::Result<Option<Job>> {
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
    let conn = jobs::open_queue();
    let clock = clock::SystemClock;
    jobs::enqueue(&conn, &clock, "send welcome email to ada").unwrap();
    while let Some(job) = claim(&conn, &clock, Duration::from_secs(30)).unwrap() {
        println!("working on job {}: {}", job.id, job.payload);
        jobs::ack(&conn, job.id).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;

    const TIMEOUT: Duration = Duration::from_secs(30);

    fn payload(job: Option<Job>) -> Option<String> {
        job.map(|job| job.payload)
    }

    #[test]
    fn consumers_get_different_jobs_oldest_first() {
        let (conn, clock) = (jobs::open_queue(), FakeClock::new());
        for payload in ["a", "b"] {
            jobs::enqueue(&conn, &clock, payload).unwrap();
        }
        let first = payload(claim(&conn, &clock, TIMEOUT).unwrap());
        let second = payload(claim(&conn, &clock, TIMEOUT).unwrap());
        let third = payload(claim(&conn, &clock, TIMEOUT).unwrap());
        assert_eq!(first.as_deref(), Some("a"), "the oldest job goes first");
        assert_eq!(
            second.as_deref(),
            Some("b"),
            "a claimed job is hidden: the next consumer gets the next job"
        );
        assert_eq!(
            third, None,
            "both jobs are claimed: nothing is left to hand out"
        );
    }

    #[test]
    fn a_job_whose_consumer_died_comes_back_after_the_timeout() {
        let (conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "resize photo 7").unwrap();
        let job = claim(&conn, &clock, TIMEOUT).unwrap();
        assert!(job.is_some(), "the queue holds one job");
        // Its consumer crashes: it never acks.
        clock.advance(Duration::from_secs(29));
        assert_eq!(
            claim(&conn, &clock, TIMEOUT).unwrap(),
            None,
            "29 s after the claim the job is still hidden"
        );
        clock.advance(Duration::from_secs(1));
        assert_eq!(
            payload(claim(&conn, &clock, TIMEOUT).unwrap()).as_deref(),
            Some("resize photo 7"),
            "when the visibility timeout ends, the job is handed out again; \
             a claim that deletes the job loses it when its consumer dies"
        );
    }

    #[test]
    fn an_acked_job_never_comes_back() {
        let (conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "charge order 3").unwrap();
        let job = claim(&conn, &clock, TIMEOUT)
            .unwrap()
            .expect("the queue holds one job");
        jobs::ack(&conn, job.id).unwrap();
        clock.advance(Duration::from_secs(3600));
        assert_eq!(
            claim(&conn, &clock, TIMEOUT).unwrap(),
            None,
            "an acked job is done for good"
        );
        assert_eq!(
            jobs::count(&conn, "SELECT COUNT(*) FROM jobs"),
            0,
            "ack deletes the row"
        );
    }
}

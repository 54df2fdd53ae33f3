// dead_letter1: a poison message goes to the dead-letter table
//
// Some jobs fail every time: a malformed payload, an order that no longer exists. Retried
// forever, such a "poison message" wastes work and clutters the queue. So after
// `MAX_ATTEMPTS` the queue gives up: it moves the job, with its last error, into a
// dead-letter table, where an alert fires and a human looks at it. The move is one
// transaction: a job must never be both dead and still queued, nor neither.
//
// Fix `fail`: after the last attempt, move the job to `dead_letters` instead of retrying.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;
#[path = "support/queue.rs"]
mod queue;

use clock::{Clock, ms};
use jobs::{Job, retry_delay};
use queue::{MAX_ATTEMPTS, VISIBILITY_TIMEOUT, claim};
use rusqlite::{Connection, params};

/// The consumer could not do `job`: try again later, or give up after `MAX_ATTEMPTS`.
pub fn fail(
    conn: &mut Connection,
    clock: &dyn Clock,
    job: &Job,
    error: &str,
) -> rusqlite::Result<()> {
    if job.attempts >= MAX_ATTEMPTS {
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO dead_letters (id, payload, attempts, last_error)
             SELECT id, payload, attempts, ?2 FROM jobs WHERE id = ?1",
            params![job.id, error],
        )?;
        tx.execute("DELETE FROM jobs WHERE id = ?1", [job.id])?;
        return tx.commit();
    }
    let visible_at = clock.now_ms() + ms(retry_delay(job.attempts));
    conn.execute(
        "UPDATE jobs SET visible_at = ?2, last_error = ?3 WHERE id = ?1",
        params![job.id, visible_at, error],
    )?;
    Ok(())
}

fn main() {
    let mut conn = jobs::open_queue();
    let clock = clock::SystemClock;
    jobs::enqueue(&conn, &clock, "{not json").unwrap();
    let job = claim(&conn, &clock, VISIBILITY_TIMEOUT).unwrap().unwrap();
    fail(&mut conn, &clock, &job, "bad payload").unwrap();
    println!("attempt {} of {MAX_ATTEMPTS} failed", job.attempts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;
    use std::time::Duration;

    const A_LONG_WHILE: Duration = Duration::from_secs(3600);

    #[test]
    fn a_poison_message_ends_in_dead_letters_after_max_attempts() {
        let (mut conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "{not json").unwrap();
        let mut claims = 0;
        // A consumer that fails every time; 10 rounds, an hour apart, is plenty.
        for _ in 0..10 {
            if let Some(job) = claim(&conn, &clock, VISIBILITY_TIMEOUT).unwrap() {
                claims += 1;
                fail(&mut conn, &clock, &job, "bad payload").unwrap();
            }
            clock.advance(A_LONG_WHILE);
        }
        assert_eq!(
            claims, MAX_ATTEMPTS,
            "the job is tried MAX_ATTEMPTS times, then given up"
        );
        assert_eq!(
            jobs::count(&conn, "SELECT COUNT(*) FROM jobs"),
            0,
            "it left the queue"
        );
        let dead: (String, i64, String) = conn
            .query_row(
                "SELECT payload, attempts, last_error FROM dead_letters",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("the job waits in dead_letters for a human");
        let want = (
            "{not json".to_string(),
            MAX_ATTEMPTS,
            "bad payload".to_string(),
        );
        assert_eq!(
            dead, want,
            "a dead letter keeps the payload, the attempts and the last error"
        );
    }

    #[test]
    fn a_job_that_recovers_is_not_dead() {
        let (mut conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "send invoice 12").unwrap();
        for attempt in 1..MAX_ATTEMPTS {
            let job = claim(&conn, &clock, VISIBILITY_TIMEOUT)
                .unwrap()
                .expect("a retry");
            assert_eq!(job.attempts, attempt, "claim counts the attempts");
            fail(&mut conn, &clock, &job, "mail server down").unwrap();
            clock.advance(A_LONG_WHILE);
        }
        let job = claim(&conn, &clock, VISIBILITY_TIMEOUT)
            .unwrap()
            .expect("the last attempt");
        jobs::ack(&conn, job.id).unwrap();
        let dead = jobs::count(&conn, "SELECT COUNT(*) FROM dead_letters");
        assert_eq!(dead, 0, "only a job whose last attempt failed is dead");
    }

    #[test]
    fn the_move_to_dead_letters_is_all_or_nothing() {
        let (mut conn, clock) = (jobs::open_queue(), FakeClock::new());
        jobs::enqueue(&conn, &clock, "{not json").unwrap();
        // The DELETE from jobs will fail, as on a full disk.
        conn.execute_batch(
            "CREATE TRIGGER disk_full BEFORE DELETE ON jobs
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
        let mut job = claim(&conn, &clock, VISIBILITY_TIMEOUT)
            .unwrap()
            .expect("one job");
        job.attempts = MAX_ATTEMPTS;
        let result = fail(&mut conn, &clock, &job, "bad payload");
        assert!(
            result.is_err(),
            "the last attempt's failure must try to dead-letter the job"
        );
        let queued = jobs::count(&conn, "SELECT COUNT(*) FROM jobs");
        let dead = jobs::count(&conn, "SELECT COUNT(*) FROM dead_letters");
        assert_eq!(
            (queued, dead),
            (1, 0),
            "the delete failed, so the insert must roll back too: use one transaction"
        );
    }
}

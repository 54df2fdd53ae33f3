// dead_letter1: a poison message goes to the dead-letter table
//
// Some jobs fail every time (a malformed payload, an order that no longer exists); retried
// forever, such a "poison message" wastes work. After `MAX_ATTEMPTS` the queue gives up and
// moves the job, with its last error, to a dead-letter table, where a human looks at it. The
// move is one transaction: a job is never both dead and still queued, nor neither.
//
// Fix `fail`: after the last attempt, move the job to `dead_letters` instead of retrying.
#[path = "support/clock.rs"]
mod clock;
#[path = "support/faults.rs"]
mod faults;
#[path = "support/jobs.rs"]
mod jobs;
#[path = "support/queue.rs"]
mod queue;

use clock::{Clock, ms};
use jobs::{Job, retry_delay};
use queue::{MAX_ATTEMPTS, VISIBILITY_TIMEOUT, claim};
use rusqlite::{Connection, Result, params};

/// The consumer could not do `job`: try again later, or give up after `MAX_ATTEMPTS`.
pub fn fail(conn: &mut Connection, clock: &dyn Clock, job: &Job, error: &str) -> Result<()> {
    // TODO: if this was attempt `MAX_ATTEMPTS`, move the job to `dead_letters` (keep the
    // error) and delete it from `jobs`, both in one transaction, instead of retrying.
    let visible_at = clock.now_ms() + ms(retry_delay(job.attempts));
    let sql = "UPDATE jobs SET visible_at = ?2, last_error = ?3 WHERE id = ?1";
    conn.execute(sql, params![job.id, visible_at, error])?;
    Ok(())
}

fn main() {
    let (mut conn, clock) = (jobs::open_queue(), clock::SystemClock);
    jobs::enqueue(&conn, &clock, "{not json").unwrap();
    let job = jobs::handed_out(claim(&conn, &clock, VISIBILITY_TIMEOUT));
    fail(&mut conn, &clock, &job, "bad payload").unwrap();
    println!("attempt {} of {MAX_ATTEMPTS} failed", job.attempts);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poison_message_ends_in_dead_letters_after_max_attempts() {
        let (mut conn, clock) = jobs::queue_with(&["{not json"]);
        let mut claims = 0;
        for _ in 0..10 {
            // A consumer that fails every time; 10 rounds, the longest retry delay apart.
            if let Some(job) = claim(&conn, &clock, VISIBILITY_TIMEOUT).unwrap() {
                claims += 1;
                fail(&mut conn, &clock, &job, "bad payload").unwrap();
            }
            clock.advance(retry_delay(MAX_ATTEMPTS * 10));
        }
        let why = "the job is tried MAX_ATTEMPTS (3) times, then given up";
        assert_eq!(claims, MAX_ATTEMPTS, "{why}");
        let why = "a dead letter keeps the payload, the attempts and the last error";
        let want = ["{not json after 3 attempts: bad payload"];
        assert_eq!(jobs::dead_letters(&conn), want, "{why}");
        let queued = jobs::count(&conn, "SELECT COUNT(*) FROM jobs");
        assert_eq!(queued, 0, "a dead job has left the queue");
    }

    #[test]
    fn the_move_to_dead_letters_is_all_or_nothing() {
        let (mut conn, clock) = jobs::queue_with(&["{not json"]);
        faults::break_writes(&conn, "DELETE", "jobs", "disk full");
        let mut job = jobs::handed_out(claim(&conn, &clock, VISIBILITY_TIMEOUT));
        job.attempts = MAX_ATTEMPTS;
        let failed = fail(&mut conn, &clock, &job, "bad payload").is_err();
        let why = "after the last attempt `fail` must dead-letter the job: the DELETE fails \
                   here (a full disk), and `fail` reports it";
        assert!(failed, "{why}");
        let why = "the delete failed, so the insert must roll back too: use one transaction";
        assert!(jobs::dead_letters(&conn).is_empty(), "{why}");
    }
}

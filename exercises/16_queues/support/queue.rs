//! The durable queue's consumer side, as the first exercises of this stage build it
//! (support code: you do not need to edit it; it holds the answers of visibility1,
//! attempts1 and dead_letter1).
#![allow(dead_code)]

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::clock::{Clock, ms};
use super::jobs::{Job, job_from_row};

/// How long a claimed job stays hidden from other consumers.
pub const VISIBILITY_TIMEOUT: Duration = Duration::from_secs(30);

/// After this many attempts, a failing job goes to `dead_letters`.
pub const MAX_ATTEMPTS: i64 = 3;

/// Hands out the oldest visible job, hidden for `timeout`, and counts the attempt.
pub fn claim(
    conn: &Connection,
    clock: &dyn Clock,
    timeout: Duration,
) -> rusqlite::Result<Option<Job>> {
    let now = clock.now_ms();
    conn.query_row(
        "UPDATE jobs SET visible_at = ?1 + ?2, attempts = attempts + 1
         WHERE id = (SELECT id FROM jobs WHERE visible_at <= ?1 ORDER BY id LIMIT 1)
         RETURNING id, payload, attempts",
        params![now, ms(timeout)],
        job_from_row,
    )
    .optional()
}

/// How long a job waits before its next attempt: 10 s, 20 s, 40 s... (at most 10 minutes).
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 7) as u32 - 1;
    Duration::from_secs(10 * 2u64.pow(doublings)).min(Duration::from_secs(600))
}

/// The consumer could not do the job: try again later, or give up after `MAX_ATTEMPTS`.
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

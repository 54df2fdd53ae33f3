//! The durable queue's consumer side, as the first exercises of this stage build it
//! (support code: you do not need to edit it; `claim` is the answer of visibility1 and
//! attempts1).
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

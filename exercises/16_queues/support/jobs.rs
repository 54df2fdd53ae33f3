//! The durable queue's tables and its simple operations (support code: you do not need to
//! edit it).
//!
//! A job is a row in `jobs`. It can be handed out when `visible_at <= now`. `attempts`
//! counts how often it was handed out; `last_error` keeps why it last failed. Jobs that
//! failed too often move to `dead_letters`, for a human to look at.
#![allow(dead_code)]

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::clock::{Clock, FakeClock};

pub fn open_queue() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    create_tables(&conn);
    conn
}

pub fn create_tables(conn: &Connection) {
    conn.execute_batch(
        "CREATE TABLE jobs (
             id INTEGER PRIMARY KEY,
             payload TEXT NOT NULL,
             attempts INTEGER NOT NULL DEFAULT 0,
             visible_at INTEGER NOT NULL,
             last_error TEXT
         );
         CREATE TABLE dead_letters (
             id INTEGER PRIMARY KEY,
             payload TEXT NOT NULL,
             attempts INTEGER NOT NULL,
             last_error TEXT NOT NULL
         );",
    )
    .unwrap();
}

/// A queue holding `payloads` (visible at once, ids from 1), and a fake clock (for tests).
pub fn queue_with(payloads: &[&str]) -> (Connection, FakeClock) {
    let (conn, clock) = (open_queue(), FakeClock::new());
    for payload in payloads {
        enqueue(&conn, &clock, payload).unwrap();
    }
    (conn, clock)
}

/// The job a claim handed out; panics when there was none.
#[track_caller]
pub fn handed_out(claim: rusqlite::Result<Option<Job>>) -> Job {
    let job = claim.unwrap();
    job.expect("a job should be handed out here, but none was visible")
}

/// What a claim handed out, for tests: the job's payload, or "(no job)".
pub fn claimed(claim: rusqlite::Result<Option<Job>>) -> String {
    match claim.unwrap() {
        Some(job) => job.payload,
        None => "(no job)".to_string(),
    }
}

/// A job as a consumer gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub payload: String,
    pub attempts: i64,
}

/// Reads a `Job` from a row of `id, payload, attempts`.
pub fn job_from_row(row: &Row) -> rusqlite::Result<Job> {
    Ok(Job {
        id: row.get(0)?,
        payload: row.get(1)?,
        attempts: row.get(2)?,
    })
}

/// Adds a job, visible at once. Returns its id.
pub fn enqueue(conn: &Connection, clock: &dyn Clock, payload: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO jobs (payload, visible_at) VALUES (?1, ?2)",
        params![payload, clock.now_ms()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The job is done: remove it for good.
pub fn ack(conn: &Connection, job_id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM jobs WHERE id = ?1", [job_id])?;
    Ok(())
}

/// How long a failed job waits before its next attempt: 10 s after the first attempt, then
/// 20 s, 40 s... (at most 10 minutes), so a struggling service gets room to recover.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 7) as u32 - 1;
    Duration::from_secs(10 * 2u64.pow(doublings)).min(Duration::from_secs(600))
}

/// A job's row, whether or not it is visible: `(attempts, visible_at, last_error)`.
pub fn job_row(conn: &Connection, job_id: i64) -> Option<(i64, i64, Option<String>)> {
    conn.query_row(
        "SELECT attempts, visible_at, last_error FROM jobs WHERE id = ?1",
        [job_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )
    .optional()
    .unwrap()
}

/// The payloads of all the jobs, visible or not, in id order.
pub fn payloads(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT payload FROM jobs ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |row| row.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// The answer of a `SELECT COUNT(*) ...`.
pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

/// The rows of `dead_letters`, as text: `{not json} after 3 attempts: bad payload`.
pub fn dead_letters(conn: &Connection) -> Vec<String> {
    let sql = "SELECT payload, attempts, last_error FROM dead_letters ORDER BY id";
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |row| {
        let (payload, attempts, error): (String, i64, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        Ok(format!("{payload} after {attempts} attempts: {error}"))
    });
    rows.unwrap().collect::<Result<_, _>>().unwrap()
}

/// The ids of the messages in the queue (each payload is a message `{"id": ...}`), in the
/// order they were enqueued.
pub fn message_ids(conn: &Connection) -> Vec<i64> {
    let ids = payloads(conn).into_iter().map(|payload| {
        let message: serde_json::Value = serde_json::from_str(&payload).unwrap();
        message["id"].as_i64().unwrap()
    });
    ids.collect()
}

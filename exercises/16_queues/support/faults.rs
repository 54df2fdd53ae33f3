//! Faults for the tests (support code: you do not need to edit it).
//!
//! `break_writes` makes every write of one kind to a table fail, as a full disk, a queue
//! that is down or a process that crashed at that moment would; `repair` undoes it. Both
//! use a SQLite trigger that aborts the statement.
#![allow(dead_code)]

use rusqlite::Connection;

/// Makes every `op` ("INSERT", "UPDATE" or "DELETE") on `table` fail with `error`.
pub fn break_writes(conn: &Connection, op: &str, table: &str, error: &str) {
    conn.execute_batch(&format!(
        "CREATE TRIGGER fault BEFORE {op} ON {table} BEGIN SELECT RAISE(ABORT, '{error}'); END;"
    ))
    .expect("create the fault");
}

/// Undoes `break_writes`.
pub fn repair(conn: &Connection) {
    conn.execute_batch("DROP TRIGGER fault")
        .expect("drop the fault");
}

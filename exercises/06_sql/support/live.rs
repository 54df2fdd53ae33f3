//! A live database file for the backup exercises (support code: you do not need to edit
//! it).
//!
//! The database runs in WAL mode, as SQLite does in production: a commit is appended to
//! `live.db-wal` and reaches `live.db` itself only at a *checkpoint*. Automatic checkpoints
//! are off here, so the last commits are always still in the WAL file, as they are on a busy
//! server between two checkpoints.
#![allow(dead_code)]

use rusqlite::{Connection, Result, params};
use std::path::Path;

/// How many accounts there are; each starts with 10.00, and transfers never change the sum.
pub const ACCOUNTS: i64 = 100;
pub const TOTAL_CENTS: i64 = ACCOUNTS * 1000;

/// Opens `path` in WAL mode without automatic checkpoints.
pub fn open(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "wal")?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    // No fsync on commit: these files are thrown away after the test. (In production, WAL
    // mode runs with `synchronous = NORMAL` or `FULL`.)
    conn.pragma_update(None, "synchronous", "off")?;
    Ok(conn)
}

/// Creates the live database at `path`: `ACCOUNTS` accounts, then `transfers` committed
/// transfers between them, and returns the application's connection to it.
pub fn create(path: &Path, transfers: i64) -> Result<Connection> {
    let conn = open(path)?;
    conn.execute_batch(
        "CREATE TABLE accounts (
            id            INTEGER PRIMARY KEY,
            owner         TEXT NOT NULL,
            balance_cents INTEGER NOT NULL
        );
        CREATE INDEX accounts_by_owner ON accounts (owner);
        CREATE TABLE transfers (
            id           INTEGER PRIMARY KEY,
            from_id      INTEGER NOT NULL,
            to_id        INTEGER NOT NULL,
            amount_cents INTEGER NOT NULL
        );",
    )?;
    for id in 1..=ACCOUNTS {
        conn.execute(
            "INSERT INTO accounts (id, owner, balance_cents) VALUES (?1, ?2, 1000)",
            params![id, format!("owner {id}")],
        )?;
    }
    for n in 0..transfers {
        transfer(&conn, n % ACCOUNTS + 1, (n * 7) % ACCOUNTS + 1, n % 5 + 1)?;
    }
    Ok(conn)
}

/// One transfer, in its own transaction: a debit, a credit and a line in `transfers`.
pub fn transfer(conn: &Connection, from: i64, to: i64, amount_cents: i64) -> Result<()> {
    conn.execute_batch("BEGIN")?;
    conn.execute(
        "UPDATE accounts SET balance_cents = balance_cents - ?2 WHERE id = ?1",
        params![from, amount_cents],
    )?;
    conn.execute(
        "UPDATE accounts SET balance_cents = balance_cents + ?2 WHERE id = ?1",
        params![to, amount_cents],
    )?;
    conn.execute(
        "INSERT INTO transfers (from_id, to_id, amount_cents) VALUES (?1, ?2, ?3)",
        params![from, to, amount_cents],
    )?;
    conn.execute_batch("COMMIT")
}

/// A second connection to the live database, in the middle of a transfer: it has taken
/// 5.00 from account 1 and not yet given it to anyone, nor committed.
pub fn writer_halfway(path: &Path) -> Result<Connection> {
    let writer = open(path)?;
    writer.execute_batch(
        "BEGIN IMMEDIATE;
         UPDATE accounts SET balance_cents = balance_cents - 500 WHERE id = 1;",
    )?;
    Ok(writer)
}

/// What a database holds, in one line: "100 accounts, 100000 cents, 250 transfers", or why
/// it cannot be read.
pub fn describe(conn: &Connection) -> String {
    let summary = conn.query_row(
        "SELECT (SELECT COUNT(*) FROM accounts), (SELECT SUM(balance_cents) FROM accounts),
                (SELECT COUNT(*) FROM transfers)",
        [],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        },
    );
    match summary {
        Ok((a, c, t)) => format!("{a} accounts, {c} cents, {t} transfers"),
        Err(e) => format!("unreadable: {e}"),
    }
}

/// `describe` for the database file at `path`.
pub fn describe_file(path: &Path) -> String {
    match Connection::open(path) {
        Ok(conn) => describe(&conn),
        Err(e) => format!("cannot open: {e}"),
    }
}

/// Damages the file at `path` as a failing disk would: overwrites the pages of the
/// `accounts_by_owner` index with garbage. The table itself still reads fine.
pub fn corrupt_index(path: &Path) {
    let conn = Connection::open(path).expect("open the file to corrupt");
    let page_size: u64 = conn
        .pragma_query_value(None, "page_size", |row| row.get(0))
        .expect("page size");
    let root: u64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'accounts_by_owner'",
            [],
            |row| row.get(0),
        )
        .expect("the index's root page");
    drop(conn);
    let mut bytes = std::fs::read(path).expect("read the file");
    let start = ((root - 1) * page_size) as usize;
    for byte in &mut bytes[start..start + page_size as usize] {
        *byte = 0xA5;
    }
    std::fs::write(path, bytes).expect("write the file");
}

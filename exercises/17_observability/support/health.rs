//! The database side of health1: an in-memory SQLite database that several connections
//! share (named per test, so tests do not share it), `ping`, the cheapest query there is,
//! and `take_database_down`, which locks the whole database from a second connection, the
//! way a long migration would: while the `Outage` lives, every query of the app fails.
//! You don't need to edit it.
#![allow(dead_code)]

use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

pub fn connect(name: &str) -> Connection {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI;
    let uri = format!("file:health-{name}?mode=memory&cache=shared");
    Connection::open_with_flags(uri, flags).unwrap()
}

/// Runs `SELECT 1`, to see whether the database answers.
pub fn ping(db: &Mutex<Connection>) -> rusqlite::Result<()> {
    let db = db.lock().unwrap();
    db.query_row("SELECT 1", [], |_| Ok(()))
}

pub struct Outage {
    _lock: Connection,
}

pub fn take_database_down(name: &str) -> Outage {
    let conn = connect(name);
    conn.execute_batch("BEGIN EXCLUSIVE; CREATE TABLE outage (x);")
        .unwrap();
    Outage { _lock: conn }
}

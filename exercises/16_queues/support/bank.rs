//! The bank that idempotent1's consumer credits (support code: you do not need to edit it).
//!
//! `balances` holds each account's cents (ada starts at 0); `processed_messages` holds the
//! ids of the messages already applied, one row each (the id is its primary key).
#![allow(dead_code)]

use rusqlite::Connection;

pub fn open_bank() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE balances (account TEXT PRIMARY KEY, cents INTEGER NOT NULL);
         CREATE TABLE processed_messages (message_id TEXT PRIMARY KEY);
         INSERT INTO balances VALUES ('ada', 0);",
    )
    .unwrap();
    conn
}

/// Ada's balance, in cents.
pub fn balance(conn: &Connection) -> i64 {
    let sql = "SELECT cents FROM balances WHERE account = 'ada'";
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

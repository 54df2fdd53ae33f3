//! The shop's database: orders and the outbox (support code: you do not need to edit it).
//!
//! The outbox holds the events the shop still owes the rest of the system. `sent` turns 1
//! once the relay has handed a row to the queue.
#![allow(dead_code)]

use rusqlite::Connection;
use serde_json::json;

pub fn open_shop_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE orders (
             id INTEGER PRIMARY KEY,
             customer TEXT NOT NULL,
             total_cents INTEGER NOT NULL
         );
         CREATE TABLE outbox (
             id INTEGER PRIMARY KEY,
             topic TEXT NOT NULL,
             payload TEXT NOT NULL,
             sent INTEGER NOT NULL DEFAULT 0
         );",
    )
    .unwrap();
    conn
}

/// A row of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub id: i64,
    pub topic: String,
    pub payload: String,
}

impl OutboxRow {
    /// The message the queue carries. Its id is the outbox row's id: it stays the same
    /// however often the row is sent, so a consumer can spot a duplicate.
    pub fn message(&self) -> String {
        json!({ "id": self.id, "topic": self.topic, "payload": self.payload }).to_string()
    }
}

/// The rows not sent yet, oldest first.
pub fn unsent(conn: &Connection) -> rusqlite::Result<Vec<OutboxRow>> {
    let mut stmt =
        conn.prepare("SELECT id, topic, payload FROM outbox WHERE sent = 0 ORDER BY id")?;
    let rows = stmt.query_map([], |row| {
        Ok(OutboxRow {
            id: row.get(0)?,
            topic: row.get(1)?,
            payload: row.get(2)?,
        })
    })?;
    rows.collect()
}

/// Adds an event to the outbox (the tests' shortcut: outbox1 shows how an order adds it).
pub fn add_event(conn: &Connection, topic: &str, payload: &str) -> i64 {
    conn.execute(
        "INSERT INTO outbox (topic, payload) VALUES (?1, ?2)",
        [topic, payload],
    )
    .unwrap();
    conn.last_insert_rowid()
}

/// The shop with `n` `order_placed` events in its outbox, for orders 1 to `n` (for tests).
pub fn with_events(n: i64) -> Connection {
    let conn = open_shop_db();
    for order_id in 1..=n {
        add_event(
            &conn,
            "order_placed",
            &format!(r#"{{"order_id":{order_id}}}"#),
        );
    }
    conn
}

/// How many orders are saved.
pub fn order_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT COUNT(*) FROM orders", [], |row| row.get(0))
        .unwrap()
}

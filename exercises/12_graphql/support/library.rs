//! The library's database and a helper that runs GraphQL requests (support code: you do not
//! need to edit it).
//!
//! `Db` wraps one in-memory SQLite connection seeded with authors, books and notes. It counts
//! the SQL statements it runs: on a database server each one would be a network round trip,
//! so the count is what a page costs. `run` executes a request against a schema in memory,
//! with no HTTP server, and gives back the JSON response a client would read.
#![allow(dead_code)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::{ObjectType, Request, Schema, SubscriptionType};
use rusqlite::{Connection, Params, Result, Row};
use serde_json::Value;

/// A SQLite connection that counts the statements it runs.
pub struct Db {
    conn: Mutex<Connection>,
    statements: AtomicUsize,
}

impl Db {
    /// A fresh in-memory database with the library's tables and rows.
    pub fn seeded() -> Db {
        let conn = Connection::open_in_memory().expect("open an in-memory database");
        conn.execute_batch(SEED).expect("seed the database");
        Db {
            conn: Mutex::new(conn),
            statements: AtomicUsize::new(0),
        }
    }

    /// Runs one query and turns each row into a `T` with `f`.
    pub fn query<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<Vec<T>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        self.statements.fetch_add(1, Ordering::SeqCst);
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut stmt = conn.prepare_cached(sql)?;
        stmt.query_map(params, f)?.collect()
    }

    /// Runs one INSERT, UPDATE or DELETE and returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.statements.fetch_add(1, Ordering::SeqCst);
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.execute(sql, params)
    }

    /// The id of the last row inserted.
    pub fn last_insert_rowid(&self) -> i64 {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.last_insert_rowid()
    }

    /// How many statements have run so far.
    pub fn statements_run(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// Starts counting again from zero.
    pub fn reset_count(&self) {
        self.statements.store(0, Ordering::SeqCst);
    }

    /// One text column of one row, without counting it (for tests that look at the data).
    pub fn peek(&self, sql: &str) -> Option<String> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.query_row(sql, [], |row| row.get::<_, String>(0)).ok()
    }
}

/// Executes `request` against `schema` and returns the JSON response (`data`, and `errors`
/// when there are any), as a client would receive it in the body of an HTTP 200.
pub async fn run<Q, M, S>(schema: &Schema<Q, M, S>, request: impl Into<Request>) -> Value
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let response = schema.execute(request).await;
    serde_json::to_value(&response).expect("a response is always JSON")
}

/// The messages of a response's errors, joined, for assertion messages.
pub fn error_messages(response: &Value) -> String {
    match response["errors"].as_array() {
        None => "no errors".to_string(),
        Some(errors) => errors
            .iter()
            .map(|e| e["message"].as_str().unwrap_or("?").to_string())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

const SEED: &str = "
CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE books (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    title     TEXT NOT NULL,
    year      INTEGER NOT NULL
);
CREATE TABLE notes (
    id    INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    body  TEXT NOT NULL
);
INSERT INTO authors (id, name) VALUES
    (1, 'Ursula K. Le Guin'),
    (2, 'Andy Weir'),
    (3, 'Terry Pratchett'),
    (4, 'N. K. Jemisin');
INSERT INTO books (id, author_id, title, year) VALUES
    (1, 1, 'The Dispossessed', 1974),
    (2, 1, 'A Wizard of Earthsea', 1968),
    (3, 2, 'The Martian', 2011),
    (4, 2, 'Project Hail Mary', 2021),
    (5, 3, 'Guards! Guards!', 1989),
    (6, 3, 'Small Gods', 1992),
    (7, 4, 'The Fifth Season', 2015),
    (8, 1, 'The Lathe of Heaven', 1971);
INSERT INTO notes (id, owner, body) VALUES
    (1, 'alice', 'Return The Martian by Friday'),
    (2, 'bob', 'Ask for Small Gods in paperback'),
    (3, 'alice', 'Book club: The Fifth Season');
";

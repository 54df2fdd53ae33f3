//! Users and their events, and a way to read query plans (support code: you do not need
//! to edit it).
#![allow(dead_code)]

use rusqlite::{Connection, Result, params};

pub const SCHEMA: &str = "
    CREATE TABLE users (
        id    INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name  TEXT NOT NULL
    );
    CREATE TABLE events (
        id         INTEGER PRIMARY KEY,
        user_id    INTEGER NOT NULL REFERENCES users (id),
        kind       TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );";

pub const USERS: i64 = 200;
pub const EVENTS: i64 = 5000;

/// Event number `i` of the seed data: its user, kind and time (seconds since 1970).
pub fn generated_event(i: i64) -> (i64, &'static str, i64) {
    let kinds = ["login", "view", "purchase", "logout"];
    let user_id = i % USERS + 1;
    let created_at = 1_700_000_000 + (i * 7919) % 100_000;
    (user_id, kinds[(i % 4) as usize], created_at)
}

/// A database with `SCHEMA`, 200 users ("User7@Example.com", as people typed them) and
/// 5,000 events, then `indexes` run on it.
pub fn setup(indexes: &str) -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut add_user = tx.prepare("INSERT INTO users (id, email, name) VALUES (?1, ?2, ?3)")?;
        for n in 1..=USERS {
            add_user.execute(params![
                n,
                format!("User{n}@Example.com"),
                format!("User {n}")
            ])?;
        }
        let mut add_event =
            tx.prepare("INSERT INTO events (user_id, kind, created_at) VALUES (?1, ?2, ?3)")?;
        for i in 0..EVENTS {
            let (user_id, kind, created_at) = generated_event(i);
            add_event.execute(params![user_id, kind, created_at])?;
        }
    }
    tx.commit()?;
    conn.execute_batch(indexes)?;
    Ok(conn)
}

/// What SQLite plans to do to run `sql` (`EXPLAIN QUERY PLAN`): one line per step.
pub fn query_plan(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    // The plan does not depend on the parameters' values: bind NULL to each.
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    stmt.query_map(rusqlite::params_from_iter(nulls), |row| row.get("detail"))?
        .collect()
}

/// Whether `plan` is a single step that searches `table` through an index.
pub fn is_one_index_search(plan: &[String], table: &str) -> bool {
    plan.len() == 1
        && plan[0].starts_with(&format!("SEARCH {table} USING "))
        && plan[0].contains("INDEX")
}

//! The migrations as they shipped before `sessions`, and an old database built with them
//! (notes1's tests). Support code: you do not need to read it.
#![allow(dead_code)]

use rusqlite::Connection;

/// The `users` and `notes` migrations as they shipped: databases out there ran them.
pub const SHIPPED: &[&str] = &[
    "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
                         password_hash TEXT NOT NULL);",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users(id),
                         title TEXT NOT NULL, body TEXT NOT NULL);",
];

/// Checks that `migrations` starts with the shipped ones, unedited (spacing aside), then
/// returns a database that ran the first one (user_version 1) and has a user, alice.
#[track_caller]
pub fn old_database(migrations: &[&str]) -> Connection {
    let words = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, shipped) in SHIPPED.iter().enumerate() {
        let now = migrations
            .get(i)
            .map_or(String::from("(missing)"), |sql| words(sql));
        let n = i + 1;
        assert_eq!(
            now,
            words(shipped),
            "migration {n} has shipped and databases out there ran it: never edit it; \
             a change to the schema is a new migration at the end"
        );
    }
    let conn = Connection::open_in_memory().unwrap();
    let old = "INSERT INTO users VALUES (1, 'alice', 'x'); PRAGMA user_version = 1;";
    conn.execute_batch(&format!("{} {old}", SHIPPED[0]))
        .unwrap();
    conn
}

/// The number that `sql` selects.
pub fn number(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

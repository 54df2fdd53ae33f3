//! The databases of the SQL injection exercises (support code: you do not need to edit it).
#![allow(dead_code)]

use rusqlite::{Connection, Params};

/// Users (with password hashes an attacker wants) and their blog posts, some still drafts.
pub fn users_and_posts() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE users (
             id INTEGER PRIMARY KEY,
             name TEXT NOT NULL UNIQUE,
             password_hash TEXT NOT NULL
         );
         INSERT INTO users (id, name, password_hash) VALUES
             (1, 'admin', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$YWRtaW4taGFzaA'),
             (2, 'alice', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$YWxpY2UtaGFzaA'),
             (3, 'O''Brien', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$b2JyaWVuLWhhc2g');
         CREATE TABLE posts (
             id INTEGER PRIMARY KEY,
             author TEXT NOT NULL,
             title TEXT NOT NULL,
             published INTEGER NOT NULL
         );
         INSERT INTO posts (author, title, published) VALUES
             ('alice', 'Hello, world', 1),
             ('alice', 'My secret plans', 0),
             ('alice', 'Second post', 1),
             ('O''Brien', 'Irish stew', 1);",
    )
    .unwrap();
    conn
}

/// A shop: products whose names hold the LIKE wildcards, and an admin's password hash.
pub fn shop() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        r"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, password_hash TEXT NOT NULL);
          INSERT INTO users VALUES (1, 'admin', 'c0ffee42');
          CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER NOT NULL);
          INSERT INTO products (name, price) VALUES
              ('Widget', 300),
              ('Gadget', 100),
              ('100% cotton shirt', 2000),
              ('snake_case mug', 900),
              ('Back\slash poster', 500);",
    )
    .unwrap();
    conn
}

/// Runs a query whose rows are one text column each.
pub fn names(conn: &Connection, sql: &str, params: impl Params) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params, |row| row.get(0))?;
    rows.collect()
}

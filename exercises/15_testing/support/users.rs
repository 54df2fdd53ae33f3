//! The code under test for db_fixture1: the users table, its migration and its queries, on
//! SQLite. You don't need to edit it.
#![allow(dead_code)]

use rusqlite::{Connection, OptionalExtension, params};

/// The schema, as production creates it.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS users (
             id INTEGER PRIMARY KEY,
             email TEXT NOT NULL UNIQUE,
             name TEXT NOT NULL
         );",
    )
}

#[derive(Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
}

pub fn create_user(conn: &Connection, email: &str, name: &str) -> rusqlite::Result<i64> {
    let sql = "INSERT INTO users (email, name) VALUES (?1, ?2)";
    conn.execute(sql, params![email, name])?;
    Ok(conn.last_insert_rowid())
}

pub fn find_by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<User>> {
    let sql = "SELECT id, email, name FROM users WHERE email = ?1";
    conn.query_row(sql, params![email], |row| {
        Ok(User {
            id: row.get(0)?,
            email: row.get(1)?,
            name: row.get(2)?,
        })
    })
    .optional()
}

pub fn count_users(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
}

/// Returns whether a user with that id existed.
pub fn rename_user(conn: &Connection, id: i64, name: &str) -> rusqlite::Result<bool> {
    let sql = "UPDATE users SET name = ?1 WHERE id = ?2";
    Ok(conn.execute(sql, params![name, id])? == 1)
}

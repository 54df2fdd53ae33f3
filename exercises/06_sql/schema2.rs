// schema2: constraint errors as domain errors
//
// When the schema refuses a row, rusqlite returns an error with SQLite's message, such as
// "UNIQUE constraint failed: users.email", and a code: `err.sqlite_error()` gives its
// `extended_code`, which tells the kinds of constraint apart (`ffi::SQLITE_CONSTRAINT_UNIQUE`,
// `_CHECK`, `_NOTNULL`, `_FOREIGNKEY`). The program turns them into domain errors, which an
// API maps to status codes: 409 Conflict for a taken email, 422 for invalid input, instead
// of a generic 500. Letting the database decide, then reading its verdict, is also the only
// race-free way: "SELECT, then INSERT if absent" lets two requests both see no such email.
//
// `support/db.rs` creates the tables with their constraints. Finish `store_error`.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, ffi, params};

#[derive(Debug, PartialEq)]
enum StoreError {
    /// Another user already has this email (compared without case).
    EmailTaken,
    /// The user an order points to does not exist.
    UnknownUser,
    /// A NOT NULL or CHECK constraint refused the row. Keeps SQLite's message.
    Invalid(String),
    /// Anything else: a bug or an outage, not the user's fault.
    Other(String),
}

/// Turns a rusqlite error into a `StoreError`.
fn store_error(err: rusqlite::Error) -> StoreError {
    let message = err.to_string();
    match err.sqlite_error().map(|e| e.extended_code) {
        Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => StoreError::UnknownUser,
        // TODO: a UNIQUE failure on users.email is `EmailTaken` (the message names the
        // column), and CHECK and NOT NULL failures are `Invalid`, with the message.
        _ => StoreError::Other(message),
    }
}

fn add_user(conn: &Connection, email: &str, name: &str) -> Result<i64, StoreError> {
    let sql = "INSERT INTO users (email, name) VALUES (?1, ?2)";
    conn.execute(sql, params![email, name])
        .map_err(store_error)?;
    Ok(conn.last_insert_rowid())
}

fn add_order(conn: &Connection, user_id: i64, total_cents: i64) -> Result<i64, StoreError> {
    let sql = "INSERT INTO orders (user_id, total_cents) VALUES (?1, ?2)";
    conn.execute(sql, params![user_id, total_cents])
        .map_err(store_error)?;
    Ok(conn.last_insert_rowid())
}

fn main() {
    let conn = db::users_and_orders();
    println!("{:?}", add_user(&conn, "ada@example.com", "Ada"));
    println!("{:?}", add_user(&conn, "ADA@example.com", "Ada again"));
    println!("{:?}", add_order(&conn, 1, -5));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_email_is_email_taken() {
        let conn = db::users_and_orders();
        let first = add_user(&conn, "ada@example.com", "Ada");
        assert_eq!(first, Ok(1), "a new user goes in");
        let again = add_user(&conn, "ADA@Example.com", "Ada again");
        assert_eq!(again, Err(StoreError::EmailTaken), "taken, in any case");
    }

    #[test]
    fn broken_rules_are_invalid_with_the_message() {
        let conn = db::users_and_orders();
        let got = format!("{:?}", add_user(&conn, "nobody@example.com", ""));
        let want = r#"Err(Invalid("CHECK constraint failed: name <> ''"))"#;
        assert_eq!(got, want, "an empty name breaks a CHECK");
        let user = add_user(&conn, "ada@example.com", "Ada").unwrap();
        let got = format!("{:?}", add_order(&conn, user, -1));
        let want = r#"Err(Invalid("CHECK constraint failed: total_cents >= 0"))"#;
        assert_eq!(got, want, "a negative total breaks a CHECK");
        let sql = "INSERT INTO users (email) VALUES ('x@example.com')";
        let got = format!("{:?}", store_error(conn.execute(sql, []).unwrap_err()));
        let want = r#"Invalid("NOT NULL constraint failed: users.name")"#;
        assert_eq!(got, want, "a missing name breaks NOT NULL");
    }

    #[test]
    fn other_failures_stay_other() {
        let conn = db::users_and_orders();
        let ghost = add_order(&conn, 42, 100);
        assert_eq!(ghost, Err(StoreError::UnknownUser), "there is no user 42");
        let err = conn.execute("SELECT nothing FROM nowhere", []).unwrap_err();
        let got = store_error(err);
        let other = matches!(got, StoreError::Other(_));
        assert!(other, "a typo is a bug, not invalid input: {got:?}");
    }
}

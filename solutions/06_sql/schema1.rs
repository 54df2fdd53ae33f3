// schema1: constraints that refuse bad rows
//
// Application code has bugs, and several programs often write to the same database. So the
// schema itself states the rules, and the database refuses any row that breaks them, no
// matter who sends it:
//
//     id    INTEGER PRIMARY KEY             -- identifies the row; SQLite assigns it
//     email TEXT NOT NULL UNIQUE            -- must be present, no two rows alike
//     name  TEXT NOT NULL CHECK (name <> '') -- any condition on the row
//     user_id INTEGER NOT NULL REFERENCES users (id)  -- a foreign key: must exist there
//
// A refused row comes back as an error with SQLite's message, such as
// "UNIQUE constraint failed: users.email" or "FOREIGN KEY constraint failed", and a code:
// `err.sqlite_error()` gives the `extended_code`, which tells the constraint kind apart
// (`rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE`, `_CHECK`, `_NOTNULL`, `_FOREIGNKEY`,
// `_PRIMARYKEY`). The code turns these into domain errors that an API maps to status codes
// (409 Conflict for a taken email, 422 for invalid input), instead of a generic 500.
//
// One trap: SQLite checks foreign keys only when the connection has run
// `PRAGMA foreign_keys = ON`. Most SQLite builds start with it off, for compatibility with
// very old databases, and it is a per-connection setting, so set it every time you open one.
// (The build this course uses happens to start with it on; the tests switch it off first,
// like the SQLite you will meet elsewhere.)
//
// Write the constraints into `SCHEMA`, turn on foreign keys in `create_schema`, and finish
// `store_error`.

use rusqlite::{Connection, ffi, params};

const SCHEMA: &str = "
    CREATE TABLE users (
        id    INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name  TEXT NOT NULL CHECK (name <> '')
    );
    CREATE TABLE orders (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES users (id),
        total_cents INTEGER NOT NULL CHECK (total_cents >= 0)
    );";

/// Prepares a new connection: turns on foreign keys and creates the tables.
fn create_schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.execute_batch(SCHEMA)
}

/// The errors the rest of the program (and an API's status codes) cares about.
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
        Some(ffi::SQLITE_CONSTRAINT_UNIQUE) if message.contains("users.email") => {
            StoreError::EmailTaken
        }
        Some(ffi::SQLITE_CONSTRAINT_CHECK | ffi::SQLITE_CONSTRAINT_NOTNULL) => {
            StoreError::Invalid(message)
        }
        _ => StoreError::Other(message),
    }
}

fn add_user(conn: &Connection, email: &str, name: &str) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO users (email, name) VALUES (?1, ?2)",
        params![email, name],
    )
    .map_err(store_error)?;
    Ok(conn.last_insert_rowid())
}

fn add_order(conn: &Connection, user_id: i64, total_cents: i64) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO orders (user_id, total_cents) VALUES (?1, ?2)",
        params![user_id, total_cents],
    )
    .map_err(store_error)?;
    Ok(conn.last_insert_rowid())
}

fn main() -> rusqlite::Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin schema1` runs this.
    let conn = Connection::open_in_memory()?;
    create_schema(&conn)?;
    println!("{:?}", add_user(&conn, "ada@example.com", "Ada"));
    println!("{:?}", add_user(&conn, "ADA@example.com", "Ada again"));
    println!("{:?}", add_order(&conn, 1, -5));
    println!("{:?}", add_order(&conn, 42, 100));
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// A connection that starts like most SQLite builds, with foreign keys off.
    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        create_schema(&conn).unwrap();
        conn
    }

    /// The error a raw statement fails with.
    #[track_caller]
    fn refusal(conn: &Connection, sql: &str) -> rusqlite::Error {
        match conn.execute(sql, []) {
            Ok(_) => panic!("the database accepted a bad row: {sql}"),
            Err(e) => e,
        }
    }

    /// SQLite's message for a raw statement that fails.
    #[track_caller]
    fn refused(conn: &Connection, sql: &str) -> String {
        refusal(conn, sql).to_string()
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
    }

    #[test]
    fn good_rows_go_in() {
        let conn = db();
        assert_eq!(add_user(&conn, "ada@example.com", "Ada"), Ok(1));
        assert_eq!(add_user(&conn, "grace@example.com", "Grace"), Ok(2));
        assert_eq!(add_order(&conn, 2, 0), Ok(1));
        assert_eq!(add_order(&conn, 2, 1999), Ok(2));
    }

    #[test]
    fn create_schema_turns_on_foreign_keys() {
        let conn = db();
        let on: bool = conn
            .pragma_query_value(None, "foreign_keys", |row| row.get(0))
            .unwrap();
        assert!(on, "PRAGMA foreign_keys is still off on this connection");
    }

    #[test]
    fn a_taken_email_is_refused() {
        let conn = db();
        add_user(&conn, "ada@example.com", "Ada").unwrap();
        assert_eq!(
            add_user(&conn, "ada@example.com", "Someone Else"),
            Err(StoreError::EmailTaken)
        );
        // Email addresses are not case-sensitive in practice.
        assert_eq!(
            add_user(&conn, "ADA@Example.com", "Ada Again"),
            Err(StoreError::EmailTaken)
        );
        assert_eq!(count(&conn, "users"), 1);
    }

    #[test]
    fn an_empty_name_is_invalid() {
        let conn = db();
        match add_user(&conn, "nobody@example.com", "") {
            Err(StoreError::Invalid(message)) => {
                assert!(message.starts_with("CHECK constraint failed"), "{message}")
            }
            other => panic!("expected StoreError::Invalid, got {other:?}"),
        }
        assert_eq!(count(&conn, "users"), 0);
    }

    #[test]
    fn a_negative_total_is_invalid() {
        let conn = db();
        let user = add_user(&conn, "ada@example.com", "Ada").unwrap();
        match add_order(&conn, user, -1) {
            Err(StoreError::Invalid(message)) => {
                assert!(message.starts_with("CHECK constraint failed"), "{message}")
            }
            other => panic!("expected StoreError::Invalid, got {other:?}"),
        }
        assert_eq!(count(&conn, "orders"), 0);
    }

    #[test]
    fn an_order_needs_an_existing_user() {
        let conn = db();
        assert_eq!(add_order(&conn, 42, 100), Err(StoreError::UnknownUser));
        assert_eq!(count(&conn, "orders"), 0);
    }

    #[test]
    fn a_user_with_orders_cannot_be_deleted() {
        let conn = db();
        let user = add_user(&conn, "ada@example.com", "Ada").unwrap();
        add_order(&conn, user, 500).unwrap();
        assert_eq!(
            refused(&conn, "DELETE FROM users WHERE id = 1"),
            "FOREIGN KEY constraint failed"
        );
    }

    #[test]
    fn missing_values_and_duplicate_ids_are_refused() {
        let conn = db();
        conn.execute(
            "INSERT INTO users (id, email, name) VALUES (7, 'ada@example.com', 'Ada')",
            [],
        )
        .unwrap();
        assert_eq!(
            refused(&conn, "INSERT INTO users (email, name) VALUES (NULL, 'X')"),
            "NOT NULL constraint failed: users.email"
        );
        assert_eq!(
            refused(
                &conn,
                "INSERT INTO users (email, name) VALUES ('x@example.com', NULL)"
            ),
            "NOT NULL constraint failed: users.name"
        );
        assert_eq!(
            refused(
                &conn,
                "INSERT INTO users (id, email, name) VALUES (7, 'x@example.com', 'X')"
            ),
            "UNIQUE constraint failed: users.id"
        );
        assert_eq!(
            refused(
                &conn,
                "INSERT INTO orders (user_id, total_cents) VALUES (NULL, 1)"
            ),
            "NOT NULL constraint failed: orders.user_id"
        );
        assert_eq!(
            refused(
                &conn,
                "INSERT INTO orders (user_id, total_cents) VALUES (7, NULL)"
            ),
            "NOT NULL constraint failed: orders.total_cents"
        );
    }

    #[test]
    fn a_missing_value_maps_to_invalid() {
        let conn = db();
        let err = refusal(
            &conn,
            "INSERT INTO users (email, name) VALUES ('x@example.com', NULL)",
        );
        assert_eq!(
            store_error(err),
            StoreError::Invalid("NOT NULL constraint failed: users.name".to_string())
        );
        let err = refusal(&conn, "SELECT nothing FROM nowhere");
        assert!(matches!(store_error(err), StoreError::Other(_)));
    }
}

// schema1: constraints that refuse bad rows
//
// Application code has bugs, and several programs often write to one database. So the
// schema itself states the rules, and the database refuses any row that breaks them, no
// matter who sends it:
//
//     id      INTEGER PRIMARY KEY                      -- identifies the row; SQLite assigns it
//     email   TEXT NOT NULL UNIQUE                     -- required, no two rows alike
//     name    TEXT NOT NULL CHECK (name <> '')         -- any condition on the row
//     user_id INTEGER NOT NULL REFERENCES users (id)   -- a foreign key: must exist there
//
// One trap: SQLite checks foreign keys only on a connection that ran
// `PRAGMA foreign_keys = ON`. Most SQLite builds start with it off, and it is a
// per-connection setting, so set it every time you open one. (This course's build starts
// with it on; the tests switch it off first, like the SQLite you will meet elsewhere.)
//
// Write the constraints into `SCHEMA`, and turn on foreign keys in `create_schema`.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

// TODO: add the constraints. Every column is required. `id` identifies the row. No two
// users share an email, ignoring case (`COLLATE NOCASE` makes a column compare that way).
// A name is not empty. An order belongs to an existing user, and its total is not negative.
const SCHEMA: &str = "
    CREATE TABLE users (id INTEGER, email TEXT, name TEXT);
    CREATE TABLE orders (id INTEGER, user_id INTEGER, total_cents INTEGER);";

/// Prepares a new connection: turns on foreign keys and creates the tables.
fn create_schema(conn: &Connection) -> Result<()> {
    // TODO: turn on foreign keys for this connection first:
    // `conn.pragma_update(None, "foreign_keys", true)?;` (or run `PRAGMA foreign_keys = ON`).
    conn.execute_batch(SCHEMA)
}

fn main() -> Result<()> {
    let conn = Connection::open_in_memory()?;
    create_schema(&conn)?;
    let sql = "INSERT INTO orders (user_id, total_cents) VALUES (42, 100)";
    println!("an order for nobody: {:?}", conn.execute(sql, []));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::{assert_refused, assert_refused_because, ok};

    /// A connection that starts like most SQLite builds, with foreign keys off; one user.
    fn db() -> Connection {
        let conn = ok(Connection::open_in_memory());
        ok(conn.pragma_update(None, "foreign_keys", false));
        ok(create_schema(&conn));
        let sql = "INSERT INTO users (email, name) VALUES ('ada@example.com', 'Ada')";
        ok(conn.execute(sql, []));
        conn
    }

    #[test]
    fn users_need_a_unique_email_and_a_name() {
        let conn = db();
        let sql = "INSERT INTO users (email, name) VALUES ('ada@example.com', 'A')";
        assert_refused(&conn, sql, "UNIQUE constraint failed: users.email");
        let sql = "INSERT INTO users (email, name) VALUES ('ADA@example.com', 'A')";
        let why = "emails compare ignoring case: ADA@example.com is ada@example.com, so the \
                   column needs COLLATE NOCASE as well as UNIQUE";
        assert_refused_because(&conn, sql, "UNIQUE constraint failed: users.email", why);
        let sql = "INSERT INTO users (name) VALUES ('Grace')";
        assert_refused(&conn, sql, "NOT NULL constraint failed: users.email");
        let sql = "INSERT INTO users (email, name) VALUES ('g@example.com', '')";
        assert_refused(&conn, sql, "CHECK constraint failed");
        // `id` identifies the row: no two rows share it.
        let sql = "INSERT INTO users (id, email, name) VALUES (1, 'x@y', 'X')";
        assert_refused(&conn, sql, "UNIQUE constraint failed: users.id");
    }

    #[test]
    fn orders_need_an_existing_user_and_a_total() {
        let conn = db();
        let fk: bool = ok(conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)));
        assert!(fk, "create_schema must turn PRAGMA foreign_keys on");
        let sql = "INSERT INTO orders (user_id, total_cents) VALUES (42, 100)";
        assert_refused(&conn, sql, "FOREIGN KEY constraint failed");
        let sql = "INSERT INTO orders (user_id, total_cents) VALUES (1, -1)";
        assert_refused(&conn, sql, "CHECK constraint failed");
        let sql = "INSERT INTO orders (user_id) VALUES (1)";
        assert_refused(&conn, sql, "NOT NULL constraint failed: orders.total_cents");
        ok(conn.execute(
            "INSERT INTO orders (user_id, total_cents) VALUES (1, 5)",
            [],
        ));
        // Ada still has an order: deleting her would leave it pointing at nobody.
        let sql = "DELETE FROM users WHERE id = 1";
        assert_refused(&conn, sql, "FOREIGN KEY constraint failed");
    }
}

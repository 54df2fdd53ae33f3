// migrations1: schema migrations with user_version
//
// A schema changes over the life of an application: a new table, a new column. The change
// must reach every copy of the database (your laptop, the test server, production) exactly
// once, in order, keeping the data already there. The standard answer is a list of
// *migrations*: numbered steps, oldest first, never edited once shipped. The database
// remembers how many it has had, and at start-up the program applies the rest.
//
// SQLite keeps that number in `PRAGMA user_version`, an integer in the file's header, 0 in
// a new database. Apply each step in a transaction together with its version bump: a step
// that fails halfway then leaves nothing behind (SQLite, like PostgreSQL, can roll back
// `CREATE TABLE` and `ALTER TABLE`). Production tools (sqlx migrate, refinery) keep a
// history table with checksums instead, but run the same loop.
//
// As shipped, `migrate` runs every step every time: "table notes already exists". Make it
// apply only the steps the database has not had, each in its own transaction.

#[path = "support/tempdir.rs"]
mod tempdir;

use rusqlite::{Connection, Result};

/// The schema's history, oldest first. Step `n` (from 1) brings version `n - 1` to `n`.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);",
    "ALTER TABLE notes ADD COLUMN body TEXT NOT NULL DEFAULT '';",
    "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), tag TEXT NOT NULL);",
];

/// The version recorded in the database: how many migrations it has had.
fn schema_version(conn: &Connection) -> Result<usize> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies, in order, each step the database has not had yet, each in a transaction with
/// its version bump. On an up-to-date database it does nothing.
fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    // TODO: skip the steps the database already had. Run each new step in a transaction
    // (`conn.transaction()`), set `user_version` in the same transaction, then commit.
    let current = schema_version(conn)?;
    for (index, step) in migrations.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn main() -> Result<()> {
    let mut conn = Connection::open_in_memory()?;
    migrate(&mut conn, MIGRATIONS)?;
    migrate(&mut conn, MIGRATIONS)?;
    println!("version: {}", schema_version(&conn)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempdir::TempDir;

    #[track_caller]
    fn ok<T>(result: Result<T>) -> T {
        result.unwrap_or_else(|e| panic!("migrate failed: {e}"))
    }

    #[test]
    fn an_old_database_is_upgraded_keeping_its_data() {
        let dir = TempDir::new();
        let mut conn = dir.open("app.db");
        ok(migrate(&mut conn, &MIGRATIONS[..1])); // last year's release knew one step
        ok(conn.execute("INSERT INTO notes (title) VALUES ('old note')", []));
        drop(conn);
        let mut conn = dir.open("app.db");
        ok(migrate(&mut conn, MIGRATIONS));
        ok(migrate(&mut conn, MIGRATIONS));
        let version = ok(schema_version(&conn));
        assert_eq!(version, 3, "three steps applied, each once");
        let body: String = ok(conn.query_row("SELECT body FROM notes", [], |row| row.get(0)));
        assert_eq!(body, "", "the old note is kept, with step 2's default body");
    }

    #[test]
    fn a_failing_step_leaves_nothing_behind() {
        let mut conn = ok(Connection::open_in_memory());
        let step2 = "ALTER TABLE notes ADD COLUMN body TEXT; CREATE TABLE x (";
        let err = migrate(&mut conn, &[MIGRATIONS[0], step2]).unwrap_err();
        assert_eq!(err.to_string(), "incomplete input", "step 2 is broken");
        let version = ok(schema_version(&conn));
        assert_eq!(version, 1, "the version names the last good step");
        let body = conn.prepare("SELECT body FROM notes").map(|_| ());
        assert!(
            body.is_err(),
            "step 2's ALTER TABLE stayed: use a transaction"
        );
        ok(migrate(&mut conn, MIGRATIONS));
        let version = ok(schema_version(&conn));
        assert_eq!(version, 3, "once fixed, the upgrade goes through");
    }
}

// notes1: schema migrations with user_version
//
// The stage builds one notes service in eight steps. First its database: a schema grows with
// the service, and every copy must reach the same shape. So: a list of migrations, run in
// order, and a counter in the database of how many it has had (SQLite has one in its header:
// `PRAGMA user_version`, 0 when new). Each migration and its new user_version commit in one
// transaction: a crash leaves the old version or the new one, never half of a migration.
// Design the third migration, the `sessions` table; then fix `migrate`.

#[path = "support/shipped.rs"]
mod shipped;

use rusqlite::{Connection, Result};

/// Append only: never edit a migration that shipped (databases out there ran it).
pub const MIGRATIONS: &[&str] = &[
    "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
                         password_hash TEXT NOT NULL);",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users(id),
                         title TEXT NOT NULL, body TEXT NOT NULL);",
    // TODO 1: `sessions`: token_hash (text, primary key), user_id (a user, not null; deleting
    // the user deletes their sessions), csrf_token (text) and expires_at (integer), not null.
];

pub fn migrate(conn: &mut Connection) -> Result<()> {
    // TODO 2: run only the migrations after `PRAGMA user_version`, and set user_version in
    // the same transaction as each one (`pragma_query_value`, `pragma_update`).
    for sql in MIGRATIONS {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

fn main() -> Result<()> {
    migrate(&mut Connection::open_in_memory()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shipped::number;

    #[test]
    fn migrate_runs_each_migration_once() {
        let mut conn = shipped::old_database(MIGRATIONS); // at user_version 1, with alice
        let first = migrate(&mut conn).and_then(|()| migrate(&mut conn));
        assert!(first.is_ok(), "run 2 and 3, then nothing: {first:?}");
        let version = number(&conn, "PRAGMA user_version");
        assert_eq!(version, 3, "after three migrations, user_version is 3");
        let users = number(&conn, "SELECT count(*) FROM users");
        assert_eq!(users, 1, "migrating keeps the data");
    }

    #[test]
    fn the_sessions_table_keeps_its_contract() {
        let mut conn = Connection::open_in_memory().unwrap();
        let setup = "PRAGMA foreign_keys = ON; INSERT INTO users VALUES (1, 'alice', 'x');";
        migrate(&mut conn).unwrap();
        conn.execute_batch(setup).unwrap();
        let add = |values: &str| {
            let sql = "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)";
            conn.execute(&format!("{sql} VALUES ({values})"), [])
        };
        let alice = add("'h1', 1, 'csrf', 9");
        assert_eq!(alice, Ok(1), "a session fits the sessions table");
        let again = add("'h1', 1, 'csrf', 9");
        assert!(again.is_err(), "token_hash is the primary key");
        let nobody = add("'h2', 7, 'csrf', 9");
        assert!(nobody.is_err(), "user_id must be the id of a user");
        let nulls = [add("'h3', 1, NULL, 9"), add("'h4', 1, 'csrf', NULL")];
        assert!(nulls.iter().all(Result::is_err), "NOT NULL: {nulls:?}");
        let gone = conn.execute("DELETE FROM users WHERE id = 1", []);
        let why = "ON DELETE CASCADE: a user with sessions can be deleted";
        assert_eq!(gone, Ok(1), "{why}");
        let left = number(&conn, "SELECT count(*) FROM sessions");
        assert_eq!(left, 0, "deleting a user deletes their sessions");
    }
}

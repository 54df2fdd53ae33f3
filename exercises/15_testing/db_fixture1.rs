// db_fixture1: a fresh database for every test
//
// Tests that share a database share their data. One test's rows show up in another's counts,
// two tests that create the same user collide on a UNIQUE constraint, and whether a test passes
// depends on which tests ran before it. Such failures come and go with the order the tests
// happen to run in, which makes them the worst kind. And once one test panics while holding the
// shared connection's lock, the lock is poisoned and every later test fails too.
//
// The cure is a fixture: a function each test calls to get its own fresh database, built by
// the same migrations as production, holding only the rows that test puts there. SQLite makes
// this cheap: `Connection::open_in_memory()` creates a private, empty database in microseconds,
// and it disappears when the connection is dropped.
//
// The tests below share one database, `SHARED`. Write a `fresh_db()` fixture and make every test
// use it instead, so each test passes alone, with the others, and in any order. Keep what the
// tests assert: they are right, only their setup is wrong.

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
    conn.execute(
        "INSERT INTO users (email, name) VALUES (?1, ?2)",
        params![email, name],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn find_by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        "SELECT id, email, name FROM users WHERE email = ?1",
        params![email],
        |row| {
            Ok(User {
                id: row.get(0)?,
                email: row.get(1)?,
                name: row.get(2)?,
            })
        },
    )
    .optional()
}

pub fn count_users(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
}

/// Returns whether a user with that id existed.
pub fn rename_user(conn: &Connection, id: i64, name: &str) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE users SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    Ok(changed == 1)
}

fn main() -> rusqlite::Result<()> {
    let conn = Connection::open_in_memory()?;
    migrate(&conn)?;
    let id = create_user(&conn, "ada@example.com", "Ada")?;
    rename_user(&conn, id, "Ada Lovelace")?;
    println!("{:?}", find_by_email(&conn, "ada@example.com")?);
    println!("{} user(s)", count_users(&conn)?);
    Ok(())
}

// The tests below are yours to fix: give each one a database of its own.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{LazyLock, Mutex};

    // TODO: one database shared by every test. Replace it with a `fresh_db()` fixture that
    // returns a new, migrated, empty `Connection`, and use that in every test.
    static SHARED: LazyLock<Mutex<Connection>> = LazyLock::new(|| {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        Mutex::new(conn)
    });

    #[test]
    fn a_new_database_has_no_users() {
        let db = SHARED.lock().unwrap();
        assert_eq!(count_users(&db).unwrap(), 0);
    }

    #[test]
    fn creating_a_user_stores_it_with_id_1() {
        let db = SHARED.lock().unwrap();
        let id = create_user(&db, "ada@example.com", "Ada").unwrap();
        assert_eq!(id, 1);
        assert_eq!(count_users(&db).unwrap(), 1);
    }

    #[test]
    fn a_user_can_be_found_by_email() {
        let db = SHARED.lock().unwrap();
        create_user(&db, "ada@example.com", "Ada").unwrap();
        assert_eq!(
            find_by_email(&db, "ada@example.com").unwrap(),
            Some(User {
                id: 1,
                email: "ada@example.com".to_string(),
                name: "Ada".to_string(),
            })
        );
        assert_eq!(find_by_email(&db, "grace@example.com").unwrap(), None);
    }

    #[test]
    fn a_duplicate_email_is_refused() {
        let db = SHARED.lock().unwrap();
        create_user(&db, "ada@example.com", "Ada").unwrap();
        assert!(create_user(&db, "ada@example.com", "Another Ada").is_err());
        assert_eq!(count_users(&db).unwrap(), 1);
    }

    #[test]
    fn renaming_changes_only_that_user() {
        let db = SHARED.lock().unwrap();
        let ada = create_user(&db, "ada@example.com", "Ada").unwrap();
        create_user(&db, "grace@example.com", "Grace").unwrap();
        assert!(rename_user(&db, ada, "Ada Lovelace").unwrap());
        assert_eq!(
            find_by_email(&db, "ada@example.com").unwrap().unwrap().name,
            "Ada Lovelace"
        );
        assert_eq!(
            find_by_email(&db, "grace@example.com")
                .unwrap()
                .unwrap()
                .name,
            "Grace"
        );
        assert!(!rename_user(&db, 999, "Nobody").unwrap());
        assert_eq!(count_users(&db).unwrap(), 2);
    }
}

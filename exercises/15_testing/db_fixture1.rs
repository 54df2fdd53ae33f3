// db_fixture1: a fresh database for every test
//
// Tests that share a database share their data: one test's rows show up in another's counts,
// two tests that create the same user collide on a UNIQUE constraint, and whether a test
// passes depends on which ran before it. Such failures come and go with the order the tests
// happen to run in, the worst kind.
//
// The cure is a fixture: a function each test calls to get its own fresh database, built by
// the same migrations as production, holding only the rows that test puts there. SQLite makes
// it cheap: `Connection::open_in_memory()` creates a private, empty database in microseconds,
// gone when the connection is dropped. (With PostgreSQL, `sqlx::test` creates a database per
// test, or each test runs in a transaction it rolls back.)
//
// The tests are right; only their fixture is wrong. Make `db()` give each test its own.

use rusqlite::Connection;

#[path = "support/users.rs"]
mod users;

fn main() -> rusqlite::Result<()> {
    let conn = Connection::open_in_memory()?;
    users::migrate(&conn)?;
    users::create_user(&conn, "ada@example.com", "Ada")?;
    println!("{:?}", users::find_by_email(&conn, "ada@example.com")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::*;
    use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

    // TODO: every test gets this one shared database. Make `db()` return a new, migrated,
    // empty `Connection` instead (the tests use it through `&db` either way).
    static SHARED: LazyLock<Mutex<Connection>> = LazyLock::new(|| {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        Mutex::new(conn)
    });
    fn db() -> MutexGuard<'static, Connection> {
        SHARED.lock().unwrap_or_else(PoisonError::into_inner)
    }

    #[test]
    fn a_new_database_has_no_users() {
        let db = db();
        let count = count_users(&db).unwrap();
        assert_eq!(
            count, 0,
            "a test's database holds only the rows it put there"
        );
    }

    #[test]
    fn creating_a_user_gives_it_id_1() {
        let db = db();
        let id = create_user(&db, "ada@example.com", "Ada")
            .expect("a new email in this test's own database");
        assert_eq!(id, 1, "the first user in a fresh database has id 1");
    }

    #[test]
    fn a_user_can_be_found_by_email() {
        let db = db();
        create_user(&db, "ada@example.com", "Ada")
            .expect("a new email in this test's own database");
        let found = find_by_email(&db, "ada@example.com")
            .unwrap()
            .map(|u| u.name);
        assert_eq!(
            found,
            Some("Ada".to_string()),
            "ada is there, with her name"
        );
        let nobody = find_by_email(&db, "grace@example.com").unwrap();
        assert_eq!(nobody, None, "nobody created grace in this test");
    }

    #[test]
    fn a_duplicate_email_is_refused() {
        let db = db();
        create_user(&db, "ada@example.com", "Ada")
            .expect("a new email in this test's own database");
        let again = create_user(&db, "ada@example.com", "Another Ada");
        assert!(
            again.is_err(),
            "the second ada breaks the UNIQUE constraint"
        );
        assert_eq!(count_users(&db).unwrap(), 1, "only the first ada is stored");
    }

    #[test]
    fn renaming_changes_only_that_user() {
        let db = db();
        let ada = create_user(&db, "ada@example.com", "Ada")
            .expect("a new email in this test's own database");
        create_user(&db, "grace@example.com", "Grace")
            .expect("a new email in this test's own database");
        assert!(rename_user(&db, ada, "Ada Lovelace").unwrap(), "ada exists");
        let grace = find_by_email(&db, "grace@example.com").unwrap().unwrap();
        assert_eq!(grace.name, "Grace", "renaming ada leaves grace alone");
    }
}

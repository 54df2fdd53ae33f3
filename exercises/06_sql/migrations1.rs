// migrations1: schema migrations with user_version
//
// A schema changes over the life of an application: a new table, a new column. The change
// must reach every copy of the database (your laptop, the test server, production) exactly
// once, in order, without losing the data already there. The standard answer is a list of
// *migrations*: numbered steps, oldest first, never edited once shipped. The database
// remembers how many steps it has had, and at start-up the program applies the rest.
//
// SQLite has a slot made for that number: `PRAGMA user_version`, an integer stored in the
// database file's header, 0 in a new database.
//
//     let version: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
//     conn.pragma_update(None, "user_version", 3)?;
//
// Apply each step in a transaction together with its version bump, so that a step that
// fails halfway leaves nothing behind and the version still names the last good step.
// SQLite (like PostgreSQL) can roll back `CREATE TABLE` and `ALTER TABLE`.
//
// As shipped, `migrate` runs every step every time. Run the tests and read SQLite's complaint
// ("table notes already exists"), then make `migrate` apply only the steps the database has
// not had yet.

use rusqlite::{Connection, Result};

/// The schema's history, oldest first. Step `n` (counting from 1) brings a database at
/// version `n - 1` to version `n`. Never edit a step that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: notes
    "CREATE TABLE notes (
        id    INTEGER PRIMARY KEY,
        title TEXT NOT NULL
    );",
    // 2: notes get a body; existing notes get an empty one
    "ALTER TABLE notes ADD COLUMN body TEXT NOT NULL DEFAULT '';",
    // 3: tags
    "CREATE TABLE tags (
        note_id INTEGER NOT NULL REFERENCES notes (id),
        tag     TEXT NOT NULL,
        PRIMARY KEY (note_id, tag)
    );
    CREATE INDEX tags_by_tag ON tags (tag);",
];

/// The version recorded in the database: how many migrations it has had.
fn schema_version(conn: &Connection) -> Result<usize> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the database up to date with `migrations`: applies, in order, each step it has
/// not had yet, each in its own transaction with its version bump. Running it again on an
/// up-to-date database does nothing.
fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    // TODO: skip the steps the database already had (see `schema_version`). Run each new
    // step in a transaction (`conn.transaction()`), record the new version in the same
    // transaction, then commit.
    for step in migrations {
        conn.execute_batch(step)?;
    }
    Ok(())
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin migrations1` runs this.
    let mut conn = Connection::open_in_memory()?;
    println!("version before: {}", schema_version(&conn)?);
    migrate(&mut conn, MIGRATIONS)?;
    migrate(&mut conn, MIGRATIONS)?;
    println!("version after: {}", schema_version(&conn)?);
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory for one test's database file, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let name = format!("backlings-migrations1-{}-{n}", std::process::id());
            let path = std::env::temp_dir().join(name);
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn open(&self) -> Connection {
            Connection::open(self.0.join("app.db")).unwrap()
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[track_caller]
    fn ok<T>(result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("failed: {e}\n  ({e:?})"),
        }
    }

    fn add_note(conn: &Connection, title: &str, body: &str) -> i64 {
        conn.execute(
            "INSERT INTO notes (title, body) VALUES (?1, ?2)",
            [title, body],
        )
        .unwrap();
        conn.last_insert_rowid()
    }

    fn notes(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT title, body FROM notes ORDER BY id")
            .unwrap();
        stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_new_database_gets_every_step() {
        let dir = TempDir::new();
        let mut conn = dir.open();
        assert_eq!(ok(schema_version(&conn)), 0);
        ok(migrate(&mut conn, MIGRATIONS));
        assert_eq!(ok(schema_version(&conn)), 3);
        let id = add_note(&conn, "groceries", "milk");
        conn.execute("INSERT INTO tags (note_id, tag) VALUES (?1, 'home')", [id])
            .unwrap();
    }

    #[test]
    fn running_it_twice_changes_nothing() {
        let dir = TempDir::new();
        let mut conn = dir.open();
        ok(migrate(&mut conn, MIGRATIONS));
        add_note(&conn, "groceries", "milk");
        ok(migrate(&mut conn, MIGRATIONS));
        assert_eq!(ok(schema_version(&conn)), 3);
        assert_eq!(
            notes(&conn),
            [("groceries".to_string(), "milk".to_string())]
        );
    }

    #[test]
    fn data_and_version_survive_reopening() {
        let dir = TempDir::new();
        {
            let mut conn = dir.open();
            ok(migrate(&mut conn, MIGRATIONS));
            add_note(&conn, "groceries", "milk");
        } // the connection closes here; only the file remains
        let mut conn = dir.open();
        assert_eq!(ok(schema_version(&conn)), 3);
        ok(migrate(&mut conn, MIGRATIONS));
        assert_eq!(
            notes(&conn),
            [("groceries".to_string(), "milk".to_string())]
        );
    }

    #[test]
    fn an_old_database_is_upgraded_keeping_its_data() {
        let dir = TempDir::new();
        {
            // Last year's release only knew the first step.
            let mut conn = dir.open();
            ok(migrate(&mut conn, &MIGRATIONS[..1]));
            assert_eq!(ok(schema_version(&conn)), 1);
            conn.execute("INSERT INTO notes (title) VALUES ('old note')", [])
                .unwrap();
        }
        let mut conn = dir.open();
        ok(migrate(&mut conn, MIGRATIONS));
        assert_eq!(ok(schema_version(&conn)), 3);
        add_note(&conn, "new note", "with a body");
        assert_eq!(
            notes(&conn),
            [
                ("old note".to_string(), String::new()),
                ("new note".to_string(), "with a body".to_string()),
            ]
        );
    }

    #[test]
    fn a_failing_step_leaves_nothing_behind() {
        let dir = TempDir::new();
        let mut conn = dir.open();
        // The second step's first statement works; its second one is broken.
        let broken = [
            MIGRATIONS[0],
            "ALTER TABLE notes ADD COLUMN body TEXT NOT NULL DEFAULT '';
             CREATE TABLE tags (note_id INTEGER",
        ];
        let err = migrate(&mut conn, &broken).expect_err("a broken migration must fail");
        assert_eq!(err.to_string(), "incomplete input");
        // Step 1 is in; none of step 2 is, not even its first statement.
        assert_eq!(ok(schema_version(&conn)), 1);
        match conn.prepare("SELECT body FROM notes") {
            Ok(_) => panic!("the failed step's ALTER TABLE stayed in: use a transaction"),
            Err(e) => assert!(e.to_string().starts_with("no such column: body"), "{e}"),
        }
        // Once the step is fixed, the upgrade goes through.
        ok(migrate(&mut conn, MIGRATIONS));
        assert_eq!(ok(schema_version(&conn)), 3);
        add_note(&conn, "works", "now");
    }
}

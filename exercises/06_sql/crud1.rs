// crud1: create, read, update, delete
//
// Most backend endpoints end in one of four statements: `INSERT` (create), `SELECT` (read),
// `UPDATE` and `DELETE`. Values always travel as bound parameters, never pasted into the
// SQL text: `params![title, body]` fills `?1` and `?2`, whatever quotes the text contains.
//
// Each statement also tells you what happened, and an API needs to know:
// - `Connection::execute` returns how many rows the statement changed (the same number
//   as `conn.changes()` right after). 0 rows updated means "no such note": a 404.
// - `conn.last_insert_rowid()` is the id SQLite gave the row you just inserted, the
//   `INTEGER PRIMARY KEY`. An API returns it (say, in a `Location` header).
// - `query_row` fails with `QueryReturnedNoRows` when there is no row. Absence is not an
//   error for a lookup: `.optional()`, from the `OptionalExtension` trait, turns that
//   case into `Ok(None)`.
//
// Fix the four functions below.

// `OptionalExtension` is the trait that gives results their `.optional()` method.
use rusqlite::{Connection, OptionalExtension, Result, params};

fn create_table(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE notes (
            id    INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body  TEXT NOT NULL
        )",
    )
}

#[derive(Debug, PartialEq)]
struct Note {
    id: i64,
    title: String,
    body: String,
}

/// Inserts a note and returns its new id.
fn create_note(conn: &Connection, title: &str, body: &str) -> Result<i64> {
    // TODO: read the error the tests show, then bind both values. And return the new
    // row's id.
    conn.execute(
        "INSERT INTO notes (title, body) VALUES (?1, ?2)",
        params![title],
    )?;
    Ok(0)
}

/// The note with this id, or `None`.
fn get_note(conn: &Connection, id: i64) -> Result<Option<Note>> {
    conn.query_row(
        "SELECT id, title, body FROM notes WHERE id = ?1",
        params![id],
        |row| {
            Ok(Note {
                id: row.get(0)?,
                title: row.get(1)?,
                body: row.get(2)?,
            })
        },
    )
    // TODO: a missing note is an error here ("Query returned no rows"). Make it `Ok(None)`.
    .map(Some)
}

/// Changes a note's title. Returns whether the note exists.
fn rename_note(conn: &Connection, id: i64, title: &str) -> Result<bool> {
    conn.execute(
        "UPDATE notes SET title = ?2 WHERE id = ?1",
        params![id, title],
    )?;
    // TODO: say whether a note was actually changed.
    Ok(true)
}

/// Deletes a note. Returns whether it existed.
fn delete_note(conn: &Connection, id: i64) -> Result<bool> {
    // TODO: this deletes every note! Delete only the note `id`.
    let deleted = conn.execute("DELETE FROM notes", [])?;
    Ok(deleted > 0)
}

/// Every note's id and title, by id.
fn list_notes(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, title FROM notes ORDER BY id")?;
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin crud1` runs this.
    let conn = Connection::open_in_memory()?;
    create_table(&conn)?;
    let id = create_note(&conn, "groceries", "milk, eggs")?;
    println!("created note {id}: {:?}", get_note(&conn, id)?);
    println!("renamed: {}", rename_note(&conn, id, "shopping")?);
    println!("all notes: {:?}", list_notes(&conn)?);
    println!("deleted: {}", delete_note(&conn, id)?);
    println!("after delete: {:?}", get_note(&conn, id)?);
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        create_table(&conn).unwrap();
        conn
    }

    /// Unwraps a query's result, or fails the test with SQLite's own error message.
    #[track_caller]
    fn ok<T>(result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("the query failed: {e}\n  ({e:?})"),
        }
    }

    #[test]
    fn create_returns_the_new_id() {
        let conn = db();
        assert_eq!(ok(create_note(&conn, "first", "hello")), 1);
        assert_eq!(ok(create_note(&conn, "second", "world")), 2);
        assert_eq!(
            ok(list_notes(&conn)),
            [(1, "first".to_string()), (2, "second".to_string())]
        );
    }

    #[test]
    fn create_then_read_back() {
        let conn = db();
        // Quotes are just characters when they travel as parameters.
        let id = ok(create_note(
            &conn,
            "it's",
            "she said \"hi\"; DROP TABLE notes;--",
        ));
        assert_eq!(
            ok(get_note(&conn, id)),
            Some(Note {
                id,
                title: "it's".to_string(),
                body: "she said \"hi\"; DROP TABLE notes;--".to_string(),
            })
        );
    }

    #[test]
    fn a_missing_note_is_none() {
        let conn = db();
        assert_eq!(ok(get_note(&conn, 1)), None);
        let id = ok(create_note(&conn, "a", "b"));
        assert_eq!(ok(get_note(&conn, id + 1)), None);
    }

    #[test]
    fn rename_changes_only_that_note() {
        let conn = db();
        let first = ok(create_note(&conn, "first", "1"));
        let second = ok(create_note(&conn, "second", "2"));
        assert!(ok(rename_note(&conn, second, "renamed")));
        assert_eq!(
            ok(list_notes(&conn)),
            [
                (first, "first".to_string()),
                (second, "renamed".to_string())
            ]
        );
        assert_eq!(ok(get_note(&conn, second)).unwrap().body, "2");
    }

    #[test]
    fn rename_reports_a_missing_note() {
        let conn = db();
        let id = ok(create_note(&conn, "only", "note"));
        assert!(!ok(rename_note(&conn, id + 1, "ghost")));
        assert_eq!(ok(list_notes(&conn)), [(id, "only".to_string())]);
    }

    #[test]
    fn delete_removes_only_that_note() {
        let conn = db();
        let first = ok(create_note(&conn, "first", "1"));
        let second = ok(create_note(&conn, "second", "2"));
        let third = ok(create_note(&conn, "third", "3"));
        assert!(ok(delete_note(&conn, second)));
        assert_eq!(
            ok(list_notes(&conn)),
            [(first, "first".to_string()), (third, "third".to_string())]
        );
        assert_eq!(ok(get_note(&conn, second)), None);
    }

    #[test]
    fn deleting_twice_reports_the_second_time() {
        let conn = db();
        let id = ok(create_note(&conn, "short-lived", "bye"));
        assert!(ok(delete_note(&conn, id)));
        assert!(!ok(delete_note(&conn, id)));
        assert!(!ok(delete_note(&conn, 42)));
    }
}

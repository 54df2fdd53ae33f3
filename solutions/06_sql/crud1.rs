// crud1: create and read
//
// Most endpoints end in one of four statements: `INSERT` (create), `SELECT` (read),
// `UPDATE` and `DELETE`. Values always travel as bound parameters: `params![title, body]`
// fills `?1` and `?2`, whatever quotes the text contains. Each statement also says what
// happened, and an API needs to know:
// - `conn.last_insert_rowid()` is the id SQLite gave the row just inserted (its
//   `INTEGER PRIMARY KEY`); an API returns it, say in a `Location` header.
// - `query_row` fails with `QueryReturnedNoRows` when there is no row. For a lookup,
//   absence is not an error: `.optional()` (trait `OptionalExtension`) turns it into
//   `Ok(None)`, and the API answers 404.
//
// Fix `create_note` and `get_note`.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, OptionalExtension, Result, params};

#[derive(Debug, PartialEq)]
struct Note {
    id: i64,
    title: String,
    body: String,
}

/// Inserts a note and returns its new id.
fn create_note(conn: &Connection, title: &str, body: &str) -> Result<i64> {
    let sql = "INSERT INTO notes (title, body) VALUES (?1, ?2)";
    // TODO: read the error the tests show, then bind both values and return the new id.
    conn.execute(sql, params![title, body])?;
    Ok(conn.last_insert_rowid())
}

/// The note with this id, or `None`.
fn get_note(conn: &Connection, id: i64) -> Result<Option<Note>> {
    let sql = "SELECT id, title, body FROM notes WHERE id = ?1";
    conn.query_row(sql, [id], |row| {
        let (id, title, body) = (row.get(0)?, row.get(1)?, row.get(2)?);
        Ok(Note { id, title, body })
    })
    // TODO: a missing note is an error here ("Query returned no rows"). Make it `Ok(None)`.
    .optional()
}

fn main() -> Result<()> {
    let conn = db::notes();
    let id = create_note(&conn, "groceries", "milk, eggs")?;
    println!("created note {id}: {:?}", get_note(&conn, id)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn create_returns_the_new_id() {
        let conn = db::notes();
        let first = ok(create_note(&conn, "first", "hello"));
        assert_eq!(first, 1, "the first note gets id 1");
        let second = ok(create_note(&conn, "second", "world"));
        assert_eq!(second, 2, "the next one gets id 2");
    }

    #[test]
    fn create_then_read_back() {
        let conn = db::notes();
        let body = "she said \"hi\"; DROP TABLE notes;--";
        let id = ok(create_note(&conn, "it's", body));
        let got = format!("{:?}", ok(get_note(&conn, id)).map(|n| (n.title, n.body)));
        let want = r#"Some(("it's", "she said \"hi\"; DROP TABLE notes;--"))"#;
        assert_eq!(got, want, "quotes are plain text in a parameter");
    }

    #[test]
    fn a_missing_note_is_none() {
        let conn = db::notes();
        let note = ok(get_note(&conn, 42));
        assert_eq!(note, None, "no note 42: None, not an error");
    }
}

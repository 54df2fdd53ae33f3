// crud2: update and delete
//
// `UPDATE` and `DELETE` change the rows their `WHERE` clause selects, all of them. Forget
// the `WHERE`, and every row is changed: one of the classic production accidents.
//
// `Connection::execute` returns how many rows the statement changed. That number is how an
// endpoint knows whether the row existed: 0 rows updated means "no such note", a 404, and
// not a success.
//
// Fix `rename_note` and `delete_note`.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result, params};

/// Changes a note's title. Returns whether the note exists.
fn rename_note(conn: &Connection, id: i64, title: &str) -> Result<bool> {
    let sql = "UPDATE notes SET title = ?2 WHERE id = ?1";
    conn.execute(sql, params![id, title])?;
    // TODO: say whether a note was actually changed.
    Ok(true)
}

/// Deletes a note. Returns whether it existed.
fn delete_note(conn: &Connection, id: i64) -> Result<bool> {
    // TODO: this deletes every note! Delete only the note `id`.
    let deleted = conn.execute("DELETE FROM notes", [])?;
    Ok(deleted > 0)
}

fn main() -> Result<()> {
    let conn = db::notes();
    println!("renamed note 1: {}", rename_note(&conn, 1, "shopping")?);
    println!("deleted note 1: {}", delete_note(&conn, 1)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::{note_titles, ok};

    /// Three notes: 1 "first", 2 "second", 3 "third".
    fn three_notes() -> Connection {
        let conn = db::notes();
        let sql = "INSERT INTO notes (title, body) VALUES ('first', '1'), ('second', '2'), ('third', '3')";
        ok(conn.execute(sql, []));
        conn
    }

    #[test]
    fn rename_reports_whether_the_note_exists() {
        let conn = three_notes();
        let renamed = ok(rename_note(&conn, 2, "renamed"));
        assert!(renamed, "note 2 exists: renaming it answers true");
        let ghost = ok(rename_note(&conn, 42, "ghost"));
        assert!(!ghost, "no note 42: 0 rows changed answers false");
        let titles = db::show(&note_titles(&conn));
        let want = "1: first, 2: renamed, 3: third";
        assert_eq!(titles, want, "only note 2 is renamed");
    }

    #[test]
    fn delete_removes_only_that_note() {
        let conn = three_notes();
        assert!(ok(delete_note(&conn, 2)), "note 2 existed: true");
        let titles = db::show(&note_titles(&conn));
        let want = "1: first, 3: third";
        assert_eq!(titles, want, "notes 1 and 3 must survive");
        assert!(!ok(delete_note(&conn, 2)), "note 2 is gone now: false");
    }
}

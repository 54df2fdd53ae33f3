// upsert1: insert or update
//
// Saving a document usually means "insert it, or replace the one that is there": an
// *upsert*. SQL writes it as an INSERT that says what to do on a conflict:
//
//     INSERT INTO t (key, value) VALUES (?1, ?2)
//     ON CONFLICT (key) DO UPDATE SET value = excluded.value
//
// `excluded` is the row that could not be inserted. It is one statement, so two requests
// saving at once cannot both see "no row yet" and both insert, as "SELECT, then INSERT or
// UPDATE" can. (`INSERT OR REPLACE` looks similar, but deletes the old row and inserts a new
// one, losing any column you did not supply.) PostgreSQL has the same syntax, and
// `RETURNING` in both makes a write give back values from the row it wrote.
//
// Make `save_profile` replace an existing profile.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result, params};

/// Stores `doc` as the profile of `user_id`, replacing any previous one. Returns the
/// profile's revision: 1 for a new profile, one more than before for an existing one.
fn save_profile(conn: &Connection, user_id: i64, doc: &str) -> Result<i64> {
    // TODO: saving a profile a second time fails. Replace the document and add 1 to the
    // revision instead.
    let sql = "INSERT INTO profiles (user_id, doc) VALUES (?1, ?2)
               ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc, revision = revision + 1
               RETURNING revision";
    conn.query_row(sql, params![user_id, doc], |row| row.get(0))
}

fn main() -> Result<()> {
    let conn = db::profiles();
    save_profile(&conn, 1, r#"{"name": "Ada"}"#)?;
    println!(
        "revision {}",
        save_profile(&conn, 1, r#"{"name": "Ada L."}"#)?
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::{field, ok};

    #[test]
    fn saving_again_replaces_the_document() {
        let conn = db::profiles();
        let first = ok(save_profile(&conn, 7, r#"{"name": "Ada"}"#));
        assert_eq!(first, 1, "a new profile starts at revision 1");
        let second = ok(save_profile(&conn, 7, r#"{"name": "Ada L.", "age": 36}"#));
        assert_eq!(second, 2, "saving it again replaces it: revision 2");
        let third = ok(save_profile(&conn, 7, r#"{"name": "A. L."}"#));
        assert_eq!(third, 3, "and again: revision 3");
        let name = field(&conn, 7, "$.name");
        assert_eq!(name.as_deref(), Some("A. L."), "the newest document wins");
        assert_eq!(
            field(&conn, 7, "$.age"),
            None,
            "the whole document is replaced"
        );
        assert_eq!(db::count(&conn, "profiles"), 1, "still one row for user 7");
    }

    #[test]
    fn invalid_json_is_refused() {
        let conn = db::profiles();
        let err = save_profile(&conn, 1, "{not json").unwrap_err().to_string();
        let want = "CHECK constraint failed: json_valid(doc)";
        assert_eq!(err, want, "the table only takes valid JSON");
    }
}

// document1: documents in a relational database
//
// Document databases (MongoDB, CouchDB, DynamoDB) store each record as one JSON document:
// no fixed columns, nested objects and lists, the whole thing read and written at once.
// That suits data whose shape varies from record to record, such as user settings. SQL
// databases can do the same in a column: SQLite's JSON functions, PostgreSQL's `jsonb`.
//
//     doc ->> '$.address.city'                   -- one value out of the document
//     json_set(doc, '$.settings.theme', 'dark')  -- the document with one value changed
//
// The database can then look *inside* the documents: filter on a field, change one field
// in place without the program reading and rewriting the whole document (and without two
// writers overwriting each other's changes). What you give up: the database no longer
// checks the fields for you (here it only checks that `doc` is valid JSON), and a typo in
// a path quietly gives NULL.
//
// Saving a document usually means "insert it, or replace the one that is there": an
// *upsert*. SQL writes it as an INSERT that says what to do on a conflict:
//
//     INSERT INTO t (key, value) VALUES (?1, ?2)
//     ON CONFLICT (key) DO UPDATE SET value = excluded.value
//
// `excluded` is the row that could not be inserted. (`INSERT OR REPLACE` looks similar but
// deletes the old row and inserts a new one, losing any column you did not supply.)
// PostgreSQL has the same syntax. `RETURNING` makes a write statement give back values from
// the row it wrote.
//
// Fix the three queries below.

use rusqlite::{Connection, OptionalExtension, Result, params};

fn create_table(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE profiles (
            user_id  INTEGER PRIMARY KEY,
            doc      TEXT NOT NULL CHECK (json_valid(doc)),
            revision INTEGER NOT NULL DEFAULT 1
        )",
    )
}

/// Stores `doc` as the profile of `user_id`, replacing any previous one. Returns the
/// profile's revision: 1 for a new profile, one more than before for an existing one.
fn save_profile(conn: &Connection, user_id: i64, doc: &str) -> Result<i64> {
    // TODO: saving a profile a second time fails. Make it replace the document and add 1
    // to the revision instead.
    conn.query_row(
        "INSERT INTO profiles (user_id, doc) VALUES (?1, ?2)
         RETURNING revision",
        params![user_id, doc],
        |row| row.get(0),
    )
}

/// The users whose `address.city` is `city`, by id.
fn users_in_city(conn: &Connection, city: &str) -> Result<Vec<i64>> {
    // TODO: searching the text finds "Paris" in a name or a bio too. Compare the city
    // field itself.
    let mut stmt = conn.prepare(
        "SELECT user_id FROM profiles
         WHERE doc LIKE '%' || ?1 || '%'
         ORDER BY user_id",
    )?;
    stmt.query_map([city], |row| row.get(0))?.collect()
}

/// Sets `settings.theme` in a profile, keeping everything else. Returns whether the
/// profile exists.
fn set_theme(conn: &Connection, user_id: i64, theme: &str) -> Result<bool> {
    // TODO: read SQLite's error. Change only the theme inside the document.
    let changed = conn.execute(
        "UPDATE profiles
         SET doc = ?2, revision = revision + 1
         WHERE user_id = ?1",
        params![user_id, theme],
    )?;
    Ok(changed == 1)
}

/// One value out of a profile, as text: `None` if there is no such profile or field.
fn field(conn: &Connection, user_id: i64, path: &str) -> Result<Option<String>> {
    let value: Option<Option<String>> = conn
        .query_row(
            "SELECT doc ->> ?2 FROM profiles WHERE user_id = ?1",
            params![user_id, path],
            |row| row.get(0),
        )
        .optional()?;
    Ok(value.flatten())
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin document1` runs this.
    let conn = Connection::open_in_memory()?;
    create_table(&conn)?;
    save_profile(
        &conn,
        1,
        r#"{"name": "Ada", "address": {"city": "London"}}"#,
    )?;
    println!(
        "revision {}",
        save_profile(&conn, 1, r#"{"name": "Ada", "address": {"city": "Paris"}}"#)?
    );
    println!("in Paris: {:?}", users_in_city(&conn, "Paris")?);
    set_theme(&conn, 1, "dark")?;
    println!("theme: {:?}", field(&conn, 1, "$.settings.theme")?);
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

    /// Five profiles; only users 2 and 4 live in Paris.
    fn seeded() -> Connection {
        let conn = db();
        let docs = [
            r#"{"name": "Ada", "address": {"city": "London"}, "settings": {"theme": "light"}}"#,
            r#"{"name": "Grace", "address": {"city": "Paris", "zip": "75011"}}"#,
            r#"{"name": "Linus", "address": {"city": "Lyon"}, "bio": "Moved from Paris in 2019"}"#,
            r#"{"name": "Margaret", "address": {"city": "Paris"}, "settings": {"theme": "dark", "font": "serif"}}"#,
            r#"{"name": "Parisa", "address": {"city": "Boston"}}"#,
        ];
        for (id, doc) in (1..).zip(docs) {
            assert_eq!(ok(save_profile(&conn, id, doc)), 1);
        }
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
    fn saving_again_replaces_the_document() {
        let conn = db();
        assert_eq!(ok(save_profile(&conn, 7, r#"{"name": "Ada"}"#)), 1);
        assert_eq!(
            ok(save_profile(
                &conn,
                7,
                r#"{"name": "Ada Lovelace", "age": 36}"#
            )),
            2
        );
        assert_eq!(ok(save_profile(&conn, 7, r#"{"name": "A. L."}"#)), 3);
        assert_eq!(ok(field(&conn, 7, "$.name")), Some("A. L.".to_string()));
        assert_eq!(ok(field(&conn, 7, "$.age")), None);
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM profiles", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn invalid_json_is_refused() {
        let conn = db();
        let err = save_profile(&conn, 1, "{not json").unwrap_err();
        assert_eq!(err.to_string(), "CHECK constraint failed: json_valid(doc)");
    }

    #[test]
    fn finds_users_by_a_field_inside_the_document() {
        let conn = seeded();
        assert_eq!(ok(users_in_city(&conn, "Paris")), [2, 4]);
        assert_eq!(ok(users_in_city(&conn, "Lyon")), [3]);
        assert_eq!(ok(users_in_city(&conn, "Berlin")), []);
        // Only the whole value matches.
        assert_eq!(ok(users_in_city(&conn, "Lon")), []);
    }

    #[test]
    fn setting_the_theme_keeps_the_rest() {
        let conn = seeded();
        assert!(ok(set_theme(&conn, 2, "dark")));
        assert_eq!(
            ok(field(&conn, 2, "$.settings.theme")),
            Some("dark".to_string())
        );
        assert_eq!(ok(field(&conn, 2, "$.name")), Some("Grace".to_string()));
        assert_eq!(
            ok(field(&conn, 2, "$.address.zip")),
            Some("75011".to_string())
        );

        assert!(ok(set_theme(&conn, 4, "light")));
        assert_eq!(
            ok(field(&conn, 4, "$.settings.theme")),
            Some("light".to_string())
        );
        assert_eq!(
            ok(field(&conn, 4, "$.settings.font")),
            Some("serif".to_string())
        );
        assert_eq!(ok(users_in_city(&conn, "Paris")), [2, 4]);
    }

    #[test]
    fn setting_the_theme_bumps_the_revision() {
        let conn = seeded();
        assert!(ok(set_theme(&conn, 1, "dark")));
        assert!(ok(set_theme(&conn, 1, "solarized")));
        let revision: i64 = conn
            .query_row(
                "SELECT revision FROM profiles WHERE user_id = 1",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(revision, 3);
        assert_eq!(ok(save_profile(&conn, 1, r#"{"name": "Ada"}"#)), 4);
    }

    #[test]
    fn a_missing_profile_is_not_updated() {
        let conn = seeded();
        assert!(!ok(set_theme(&conn, 99, "dark")));
        assert_eq!(ok(field(&conn, 99, "$.settings.theme")), None);
    }
}

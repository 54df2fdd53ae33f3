// document1: documents in a relational database
//
// Document databases (MongoDB, CouchDB, DynamoDB) store each record as one JSON document:
// no fixed columns, nested objects and lists. That suits data whose shape varies from
// record to record, such as user settings. SQL databases can keep documents in a column
// too: SQLite's JSON functions, PostgreSQL's `jsonb`.
//
//     doc ->> '$.address.city'                   -- one value out of the document
//     json_set(doc, '$.settings.theme', 'dark')  -- the document with one value changed
//
// The database then looks *inside* the documents: it filters on a field, and changes one
// field in place, without the program reading and rewriting the whole document (and
// without two writers overwriting each other's changes). What you give up: the database no
// longer checks the fields for you (here only that `doc` is valid JSON), and a typo in a
// path quietly gives NULL. Fix both queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result, params};

/// The users whose `address.city` is `city`, by id.
fn users_in_city(conn: &Connection, city: &str) -> Result<Vec<i64>> {
    // TODO: searching the text finds "Paris" in a name or a bio too. Compare the city
    // field itself.
    let sql = "SELECT user_id FROM profiles WHERE doc ->> '$.address.city' = ?1 ORDER BY user_id";
    db::column(conn, sql, [city])
}

/// Sets `settings.theme` in a profile, keeping everything else. Returns whether the
/// profile exists.
fn set_theme(conn: &Connection, user_id: i64, theme: &str) -> Result<bool> {
    // TODO: read SQLite's error. Change only the theme inside the document.
    let sql = "UPDATE profiles SET doc = json_set(doc, '$.settings.theme', ?2), revision = revision + 1 WHERE user_id = ?1";
    Ok(conn.execute(sql, params![user_id, theme])? == 1)
}

fn main() -> Result<()> {
    let conn = db::seeded_profiles();
    println!("in Paris: {:?}", users_in_city(&conn, "Paris")?);
    println!("theme set: {}", set_theme(&conn, 2, "dark")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::{field, ok};

    #[test]
    fn finds_users_by_a_field_inside_the_document() {
        let conn = db::seeded_profiles();
        let paris = ok(users_in_city(&conn, "Paris"));
        assert_eq!(paris, [2, 4], "3's bio and 5's name only mention Paris");
        let lon = ok(users_in_city(&conn, "Lon"));
        assert!(lon.is_empty(), "only the whole value matches, got {lon:?}");
    }

    #[test]
    fn setting_the_theme_keeps_the_rest() {
        let conn = db::seeded_profiles();
        assert!(ok(set_theme(&conn, 4, "light")), "profile 4 exists");
        let theme = field(&conn, 4, "$.settings.theme");
        assert_eq!(theme.as_deref(), Some("light"), "the theme is changed");
        let font = field(&conn, 4, "$.settings.font");
        assert_eq!(font.as_deref(), Some("serif"), "the rest stays");
        let city = field(&conn, 4, "$.address.city");
        assert_eq!(city.as_deref(), Some("Paris"), "the rest stays");
        assert_eq!(db::revision(&conn, 4), 2, "a change bumps the revision");
        assert!(!ok(set_theme(&conn, 99, "dark")), "there is no profile 99");
    }
}

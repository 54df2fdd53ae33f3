// sqli1: SQL injection and bound parameters
//
// A query built with `format!("... WHERE name = '{name}'")` lets the name `' OR '1'='1` end
// the string literal and rewrite the query: the input became SQL. The fix is not escaping
// quotes by hand; it is keeping code and data apart. Write a placeholder (`?1`) where the
// value goes and hand the value over separately, as a bound parameter: SQLite compiles the
// statement first, and a value can only fill a hole, never change the statement's shape.
//
// Rewrite both queries with a placeholder and `params![...]`. (O'Brien starts working too.)

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, OptionalExtension, params};

/// The id of the user with exactly this name.
fn find_user(conn: &Connection, name: &str) -> rusqlite::Result<Option<i64>> {
    // TODO: never paste input into SQL text. Write `?1` and bind `name`.
    let sql = format!("SELECT id FROM users WHERE name = '{name}'");
    conn.query_row(&sql, params![], |row| row.get(0)).optional()
}

/// The titles of an author's published posts, oldest first. Drafts stay private.
fn published_titles(conn: &Connection, author: &str) -> rusqlite::Result<Vec<String>> {
    // TODO: the same bug. Use a placeholder and bind `author`.
    let sql =
        format!("SELECT title FROM posts WHERE author = '{author}' AND published = 1 ORDER BY id");
    db::names(conn, &sql, params![])
}

fn main() {
    let conn = db::users_and_posts();
    println!("{:?}", find_user(&conn, "alice"));
    println!("{:?}", published_titles(&conn, "alice"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_users_by_name() {
        let conn = db::users_and_posts();
        let found = find_user(&conn, "O'Brien");
        assert!(
            matches!(found, Ok(Some(3))),
            "O'Brien has id 3, the lookup gave {found:?}: the quote in the name ended the SQL string"
        );
        let found = find_user(&conn, "nobody");
        assert!(
            matches!(found, Ok(None)),
            "no user is called nobody, got {found:?}"
        );
    }

    #[test]
    fn injected_conditions_match_nobody() {
        let conn = db::users_and_posts();
        for name in ["' OR '1'='1", "admin' --", "nobody' OR id = 1 --"] {
            let found = find_user(&conn, name);
            assert!(
                matches!(found, Ok(None)),
                "no user is called {name:?}, but the name became SQL and found {found:?}"
            );
        }
    }

    #[test]
    fn drafts_stay_private() {
        let conn = db::users_and_posts();
        let titles = published_titles(&conn, "alice").unwrap_or_default();
        assert_eq!(
            titles,
            ["Hello, world", "Second post"],
            "alice's published posts"
        );
        let titles = published_titles(&conn, "alice' --");
        assert!(
            matches!(&titles, Ok(t) if t.is_empty()),
            "`alice' --` commented out `AND published = 1` and revealed {titles:?}"
        );
    }

    #[test]
    fn a_union_leaks_no_password_hashes() {
        let conn = db::users_and_posts();
        let titles = published_titles(&conn, "x' UNION SELECT password_hash FROM users --");
        assert!(
            matches!(&titles, Ok(t) if t.is_empty()),
            "a UNION glued a second query on and leaked the password hashes: {titles:?}"
        );
    }
}

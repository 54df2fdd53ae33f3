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
    fn a_name_is_only_ever_a_name() {
        let conn = db::users_and_posts();
        let got = find_user(&conn, "O'Brien");
        let why = format!("O'Brien has id 3, got {got:?}: the quote ended the SQL string");
        assert!(matches!(got, Ok(Some(3))), "{why}");
        for name in ["' OR '1'='1", "admin' --", "nobody' OR id = 1 --"] {
            let got = find_user(&conn, name);
            let why = format!("nobody is called {name:?}, but the name became SQL: {got:?}");
            assert!(matches!(got, Ok(None)), "{why}");
        }
    }

    #[test]
    fn any_name_round_trips_even_one_that_hand_escaping_breaks() {
        let conn = db::users_and_posts();
        let odd = "Zoë O'Neil\0admin"; // even a NUL byte, which ends SQL text
        let added = "INSERT INTO users VALUES (4, ?1, 'x')";
        conn.execute(added, params![odd]).unwrap();
        let got = find_user(&conn, odd);
        let why = "doubling quotes by hand is not enough: SQL text cannot carry every value";
        assert!(
            matches!(got, Ok(Some(4))),
            "{odd:?} has id 4, got {got:?}: {why}"
        );
    }

    #[test]
    fn drafts_and_password_hashes_stay_private() {
        let conn = db::users_and_posts();
        let got = published_titles(&conn, "alice").unwrap_or_default();
        assert_eq!(
            got,
            ["Hello, world", "Second post"],
            "alice's published posts"
        );
        for author in ["alice' --", "x' UNION SELECT password_hash FROM users --"] {
            let got = published_titles(&conn, author);
            let why = format!("no author is called {author:?}, but it became SQL: {got:?}");
            assert!(matches!(&got, Ok(titles) if titles.is_empty()), "{why}");
        }
    }
}

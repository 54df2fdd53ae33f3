// sqli1: SQL injection and bound parameters
//
// SQL injection is the oldest attack on web backends, and it still works wherever a query is
// built by pasting user input into SQL text. With
//
//     format!("SELECT id, name FROM users WHERE name = '{name}'")
//
// the name `' OR '1'='1` closes the string literal early and rewrites the query: the WHERE
// clause becomes always true and the first user (usually the admin) comes back. The name
// `x' UNION SELECT password_hash FROM users --` glues a second query on, and its rows come
// back as if they were post titles. The input stopped being data and became code.
//
// The fix is not to escape quotes by hand. It is to keep code and data apart: write the SQL
// with placeholders (`?1`, `?2`, ...) and hand the values to SQLite separately, as bound
// parameters. SQLite compiles the statement first and the values only fill the holes, so
// they can never change the statement's shape.
//
// Rewrite `find_user` and `published_titles` with bound parameters. The tests run the
// attacks. Notice that the fix also makes a real user called O'Brien work.

use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, PartialEq)]
struct User {
    id: i64,
    name: String,
}

/// Looks a user up by exact name.
fn find_user(conn: &Connection, name: &str) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        "SELECT id, name FROM users WHERE name = ?1",
        params![name],
        |row| {
            Ok(User {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        },
    )
    .optional()
}

/// The titles of an author's published posts, oldest first. Drafts stay private.
fn published_titles(conn: &Connection, author: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT title FROM posts WHERE author = ?1 AND published = 1 ORDER BY id")?;
    let titles = stmt.query_map(params![author], |row| row.get(0))?;
    titles.collect()
}

fn seed(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE users (
             id INTEGER PRIMARY KEY,
             name TEXT NOT NULL UNIQUE,
             password_hash TEXT NOT NULL
         );
         INSERT INTO users (id, name, password_hash) VALUES
             (1, 'admin', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$YWRtaW4taGFzaA'),
             (2, 'alice', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$YWxpY2UtaGFzaA'),
             (3, 'O''Brien', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$b2JyaWVuLWhhc2g');
         CREATE TABLE posts (
             id INTEGER PRIMARY KEY,
             author TEXT NOT NULL,
             title TEXT NOT NULL,
             published INTEGER NOT NULL
         );
         INSERT INTO posts (author, title, published) VALUES
             ('alice', 'Hello, world', 1),
             ('alice', 'My secret plans', 0),
             ('alice', 'Second post', 1),
             ('O''Brien', 'Irish stew', 1);",
    )
}

fn main() {
    let conn = Connection::open_in_memory().expect("open an in-memory database");
    seed(&conn).expect("seed the database");
    println!("{:?}", find_user(&conn, "alice"));
    println!("{:?}", published_titles(&conn, "alice"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        seed(&conn).unwrap();
        conn
    }

    fn user(id: i64, name: &str) -> Option<User> {
        Some(User {
            id,
            name: name.to_string(),
        })
    }

    #[test]
    fn finds_users_by_name() {
        let conn = db();
        assert_eq!(find_user(&conn, "alice").unwrap(), user(2, "alice"));
        assert_eq!(find_user(&conn, "nobody").unwrap(), None);
    }

    #[test]
    fn a_quote_in_a_name_is_just_data() {
        let conn = db();
        let found = find_user(&conn, "O'Brien");
        assert!(
            found.is_ok(),
            "looking up O'Brien broke the query: {found:?}. The quote ended the SQL string."
        );
        assert_eq!(found.unwrap(), user(3, "O'Brien"));
    }

    #[test]
    fn always_true_condition_matches_nobody() {
        let conn = db();
        let found = find_user(&conn, "' OR '1'='1").unwrap();
        assert_eq!(
            found, None,
            "the name `' OR '1'='1` made the WHERE clause always true and logged in as {found:?}"
        );
    }

    #[test]
    fn comment_injection_matches_nobody() {
        let conn = db();
        assert_eq!(find_user(&conn, "admin' --").unwrap(), None);
        assert_eq!(find_user(&conn, "nobody' OR id = 1 --").unwrap(), None);
    }

    #[test]
    fn stacked_query_does_not_run() {
        let conn = db();
        let found = find_user(&conn, "'; DROP TABLE users; --");
        assert!(
            matches!(found, Ok(None)),
            "`'; DROP TABLE users; --` is just a name nobody has, but the lookup gave {found:?}"
        );
        let users: i64 = conn
            .query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
            .unwrap();
        assert_eq!(users, 3);
    }

    #[test]
    fn lists_only_published_posts() {
        let conn = db();
        assert_eq!(
            published_titles(&conn, "alice").unwrap(),
            ["Hello, world", "Second post"]
        );
        assert_eq!(published_titles(&conn, "O'Brien").unwrap(), ["Irish stew"]);
        assert!(published_titles(&conn, "nobody").unwrap().is_empty());
    }

    #[test]
    fn comment_injection_does_not_reveal_drafts() {
        let conn = db();
        let titles = published_titles(&conn, "alice' --").unwrap();
        assert!(
            titles.is_empty(),
            "`alice' --` commented out `AND published = 1` and revealed {titles:?}"
        );
    }

    #[test]
    fn union_injection_does_not_leak_password_hashes() {
        let conn = db();
        let titles =
            published_titles(&conn, "nobody' UNION SELECT password_hash FROM users --").unwrap();
        assert!(
            titles.is_empty(),
            "a UNION glued a second query on and leaked the password hashes: {titles:?}"
        );
    }
}

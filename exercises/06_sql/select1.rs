// select1: asking a database questions
//
// A relational database keeps data in tables: rows of the same shape, one column per fact.
// You ask it questions in SQL, and you describe *what* you want, not how to find it:
//
//     SELECT title, year FROM books WHERE genre = ?1
//
// `SELECT` names the columns you want back, `FROM` the table, `WHERE` keeps only the rows
// for which a condition is true. `?1` is a *bound parameter*: a hole that the database
// fills with a value you pass separately, never by pasting text into the SQL string
// (pasting is how SQL injection happens; the security stage comes back to it).
//
// This whole stage runs on SQLite, a real SQL database engine that lives inside your
// program, through the `rusqlite` crate. Each test opens a fresh database in memory.
//
// Fix the four queries below: three have no `WHERE` clause yet, one has a bug. When a
// query fails, the error message says exactly what is wrong: read it first. Most come from
// SQLite itself ("no such column: titel"); a few from rusqlite, when the Rust code and the
// SQL disagree: "Wrong number of parameters passed to query. Got 1, needed 0" means the
// Rust code passed a value but the SQL has no `?1` to put it in.
//
// (The `ORDER BY id` at the end of each query makes rows come back in a predictable order;
// select2 is about ordering.)

use rusqlite::{Connection, Result};

/// Creates the `books` table and fills it with a dozen books.
fn seed(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE books (
            id          INTEGER PRIMARY KEY,
            title       TEXT NOT NULL,
            author      TEXT NOT NULL,
            genre       TEXT NOT NULL,
            year        INTEGER NOT NULL,
            price_cents INTEGER NOT NULL
        );
        INSERT INTO books (title, author, genre, year, price_cents) VALUES
            ('Dune', 'Frank Herbert', 'sci-fi', 1965, 1099),
            ('The Hobbit', 'J. R. R. Tolkien', 'fantasy', 1937, 899),
            ('Neuromancer', 'William Gibson', 'sci-fi', 1984, 999),
            ('The Left Hand of Darkness', 'Ursula K. Le Guin', 'sci-fi', 1969, 1299),
            ('A Wizard of Earthsea', 'Ursula K. Le Guin', 'fantasy', 1968, 799),
            ('Pride and Prejudice', 'Jane Austen', 'classic', 1813, 499),
            ('The Martian', 'Andy Weir', 'sci-fi', 2011, 1499),
            ('Piranesi', 'Susanna Clarke', 'fantasy', 2020, 1599),
            ('Project Hail Mary', 'Andy Weir', 'sci-fi', 2021, 1899),
            ('Jane Eyre', 'Charlotte Brontë', 'classic', 1847, 599),
            ('The Name of the Wind', 'Patrick Rothfuss', 'fantasy', 2007, 1199),
            ('Gone Girl', 'Gillian Flynn', 'thriller', 2012, 1099);",
    )
}

/// Titles of the books written by `author`.
fn by_author(conn: &Connection, author: &str) -> Result<Vec<String>> {
    // TODO: keep only the rows whose `author` equals the parameter `?1`.
    let sql = "SELECT title FROM books ORDER BY id";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([author], |row| row.get(0))?.collect()
}

/// Title and price of the books that cost from `min_cents` to `max_cents`, both included.
fn priced_between(conn: &Connection, min_cents: i64, max_cents: i64) -> Result<Vec<(String, i64)>> {
    // TODO: keep the rows whose `price_cents` is from `?1` to `?2`, both included.
    let sql = "SELECT title, price_cents FROM books
               ORDER BY id";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([min_cents, max_cents], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// Titles that contain `word` anywhere, ignoring case ("the" finds "The Hobbit").
fn search_titles(conn: &Connection, word: &str) -> Result<Vec<String>> {
    // TODO: keep the titles that contain `?1`. `LIKE` matches a pattern in which `%` stands
    // for any run of characters. Careful: a `?1` inside quotes is just the text "?1".
    let sql = "SELECT title FROM books ORDER BY id";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([word], |row| row.get(0))?.collect()
}

/// Titles of the sci-fi and fantasy books published in `year` or later.
fn speculative_since(conn: &Connection, year: i64) -> Result<Vec<String>> {
    // TODO: this query also returns old books, such as Dune (1965) when `year` is 2000.
    // Find out why (which does SQL apply first: AND or OR?) and fix it.
    let sql = "SELECT title FROM books
               WHERE genre = 'sci-fi' OR genre = 'fantasy' AND year >= ?1
               ORDER BY id";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([year], |row| row.get(0))?.collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin select1` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("by Andy Weir: {:?}", by_author(&conn, "Andy Weir")?);
    println!("5 to 10 dollars: {:?}", priced_between(&conn, 500, 1000)?);
    println!("titles with \"the\": {:?}", search_titles(&conn, "the")?);
    println!(
        "sci-fi and fantasy since 2000: {:?}",
        speculative_since(&conn, 2000)?
    );
    Ok(())
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

    /// Unwraps a query's result, or fails the test with SQLite's own error message.
    #[track_caller]
    fn ok<T>(result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("the query failed: {e}\n  ({e:?})"),
        }
    }

    #[test]
    fn filters_by_author() {
        let conn = db();
        assert_eq!(
            ok(by_author(&conn, "Ursula K. Le Guin")),
            ["The Left Hand of Darkness", "A Wizard of Earthsea"]
        );
        assert_eq!(
            ok(by_author(&conn, "Andy Weir")),
            ["The Martian", "Project Hail Mary"]
        );
    }

    #[test]
    fn unknown_author_gives_no_rows_not_an_error() {
        let conn = db();
        assert_eq!(ok(by_author(&conn, "Nobody")), Vec::<String>::new());
        // `=` compares text exactly: case matters.
        assert_eq!(ok(by_author(&conn, "andy weir")), Vec::<String>::new());
    }

    #[test]
    fn price_range_includes_both_ends() {
        let conn = db();
        assert_eq!(
            ok(priced_between(&conn, 599, 999)),
            [
                ("The Hobbit".to_string(), 899),
                ("Neuromancer".to_string(), 999),
                ("A Wizard of Earthsea".to_string(), 799),
                ("Jane Eyre".to_string(), 599),
            ]
        );
        assert_eq!(
            ok(priced_between(&conn, 1899, 5000)),
            [("Project Hail Mary".to_string(), 1899)]
        );
        assert_eq!(ok(priced_between(&conn, 0, 100)), []);
    }

    #[test]
    fn search_finds_the_word_anywhere_ignoring_case() {
        let conn = db();
        assert_eq!(
            ok(search_titles(&conn, "the")),
            [
                "The Hobbit",
                "The Left Hand of Darkness",
                "The Martian",
                "The Name of the Wind",
            ]
        );
        assert_eq!(
            ok(search_titles(&conn, "MAR")),
            ["The Martian", "Project Hail Mary"]
        );
        assert_eq!(ok(search_titles(&conn, "zebra")), Vec::<String>::new());
    }

    #[test]
    fn genre_list_and_year_both_apply() {
        let conn = db();
        assert_eq!(
            ok(speculative_since(&conn, 2000)),
            [
                "The Martian",
                "Piranesi",
                "Project Hail Mary",
                "The Name of the Wind"
            ]
        );
        assert_eq!(
            ok(speculative_since(&conn, 1960)),
            [
                "Dune",
                "Neuromancer",
                "The Left Hand of Darkness",
                "A Wizard of Earthsea",
                "The Martian",
                "Piranesi",
                "Project Hail Mary",
                "The Name of the Wind",
            ]
        );
    }
}

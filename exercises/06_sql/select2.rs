// select2: order, distinct rows and pages
//
// A table has no order of its own. Without `ORDER BY`, SQLite returns rows in whatever order
// is cheapest for it today, and that can change when the data or the indexes change. So any
// answer whose order matters needs an `ORDER BY`, and the order must be *total*: when two
// rows tie on the first column (two books at the same price), add a second column to break
// the tie, or the tied rows may swap places between two runs of the same query.
//
//     SELECT DISTINCT genre FROM books ORDER BY genre          -- each value once
//     SELECT title FROM books ORDER BY year DESC, title ASC    -- newest first, ties A to Z
//     SELECT title FROM books ORDER BY title LIMIT 5 OFFSET 10 -- rows 11 to 15
//
// `LIMIT n OFFSET k` skips k rows and returns at most n: the simplest way to show a long
// list one page at a time. (The APIs stage shows why large offsets get slow, and the cursor
// paging that replaces them.)
//
// Fix the three queries below.

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
            ('A Wizard of Earthsea', 'Ursula K. Le Guin', 'fantasy', 1968, 1099),
            ('Pride and Prejudice', 'Jane Austen', 'classic', 1813, 499),
            ('The Martian', 'Andy Weir', 'sci-fi', 2011, 1499),
            ('Piranesi', 'Susanna Clarke', 'fantasy', 2020, 1599),
            ('Project Hail Mary', 'Andy Weir', 'sci-fi', 2021, 1899),
            ('Jane Eyre', 'Charlotte Brontë', 'classic', 1847, 599),
            ('The Name of the Wind', 'Patrick Rothfuss', 'fantasy', 2007, 1199),
            ('Gone Girl', 'Gillian Flynn', 'thriller', 2012, 1099);",
    )
}

/// Every author, once each, in alphabetical order.
fn authors(conn: &Connection) -> Result<Vec<String>> {
    // TODO: authors of several books appear several times. Return each one once.
    let sql = "SELECT author FROM books ORDER BY author";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| row.get(0))?.collect()
}

/// The `n` most expensive books, dearest first; books with the same price in title order.
fn most_expensive(conn: &Connection, n: i64) -> Result<Vec<(String, i64)>> {
    // TODO: dearest first, ties in title order, and at most `?1` rows.
    let sql = "SELECT title, price_cents FROM books
               ORDER BY price_cents";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([n], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// Page `page` (counting from 1) of all titles in alphabetical order, `per_page` per page.
fn titles_page(conn: &Connection, page: i64, per_page: i64) -> Result<Vec<String>> {
    let offset = (page - 1) * per_page;
    // TODO: return only one page: at most `?1` rows, after skipping the first `?2`.
    let sql = "SELECT title FROM books ORDER BY title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([per_page, offset], |row| row.get(0))?
        .collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin select2` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("authors: {:?}", authors(&conn)?);
    println!("top 3: {:?}", most_expensive(&conn, 3)?);
    println!("page 2: {:?}", titles_page(&conn, 2, 5)?);
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
    fn each_author_once_in_order() {
        let conn = db();
        assert_eq!(
            ok(authors(&conn)),
            [
                "Andy Weir",
                "Charlotte Brontë",
                "Frank Herbert",
                "Gillian Flynn",
                "J. R. R. Tolkien",
                "Jane Austen",
                "Patrick Rothfuss",
                "Susanna Clarke",
                "Ursula K. Le Guin",
                "William Gibson",
            ]
        );
    }

    #[test]
    fn dearest_first() {
        let conn = db();
        assert_eq!(
            ok(most_expensive(&conn, 3)),
            [
                ("Project Hail Mary".to_string(), 1899),
                ("Piranesi".to_string(), 1599),
                ("The Martian".to_string(), 1499),
            ]
        );
        assert_eq!(ok(most_expensive(&conn, 0)), []);
    }

    #[test]
    fn equal_prices_are_in_title_order() {
        let conn = db();
        // Three books cost 10.99: A Wizard of Earthsea, Dune and Gone Girl.
        let top = ok(most_expensive(&conn, 8));
        assert_eq!(
            top[5..],
            [
                ("A Wizard of Earthsea".to_string(), 1099),
                ("Dune".to_string(), 1099),
                ("Gone Girl".to_string(), 1099),
            ]
        );
    }

    #[test]
    fn pages_cover_every_title_once() {
        let conn = db();
        assert_eq!(
            ok(titles_page(&conn, 1, 5)),
            [
                "A Wizard of Earthsea",
                "Dune",
                "Gone Girl",
                "Jane Eyre",
                "Neuromancer"
            ]
        );
        assert_eq!(
            ok(titles_page(&conn, 2, 5)),
            [
                "Piranesi",
                "Pride and Prejudice",
                "Project Hail Mary",
                "The Hobbit",
                "The Left Hand of Darkness",
            ]
        );
        assert_eq!(
            ok(titles_page(&conn, 3, 5)),
            ["The Martian", "The Name of the Wind"]
        );
        assert_eq!(ok(titles_page(&conn, 4, 5)), Vec::<String>::new());
    }

    #[test]
    fn page_size_is_respected() {
        let conn = db();
        assert_eq!(
            ok(titles_page(&conn, 1, 2)),
            ["A Wizard of Earthsea", "Dune"]
        );
        assert_eq!(
            ok(titles_page(&conn, 6, 2)),
            ["The Martian", "The Name of the Wind"]
        );
        assert_eq!(
            ok(titles_page(&conn, 4, 3)),
            [
                "The Left Hand of Darkness",
                "The Martian",
                "The Name of the Wind"
            ]
        );
    }
}

// join2: LEFT JOIN and NULL
//
// An inner `JOIN` keeps only rows that have a partner: an author without books vanishes
// from the result. A `LEFT JOIN` keeps every row of the left table; when a row has no
// partner, the right table's columns come back as `NULL`, SQL's "no value":
//
//     SELECT a.name, b.title
//     FROM authors AS a
//     LEFT JOIN books AS b ON b.author_id = a.id      -- Terry Pratchett | NULL
//
// In Rust a column that can be NULL is read as an `Option`: `row.get::<_, Option<String>>(1)`
// gives `None` for NULL. Reading NULL as a plain `String` fails with
// "Invalid column type Null at index: 1, name: title".
//
// NULL follows its own logic. It means "unknown", so `NULL = NULL` is not true but NULL,
// and a `WHERE` keeps only rows whose condition is true. To test for NULL, write `IS NULL`
// or `IS NOT NULL`. And a `WHERE` on the right table's columns runs *after* the join, so it
// throws away the NULL rows the LEFT JOIN kept; a condition that only chooses partners
// belongs in the `ON` clause.
//
// Fix the three functions below. The first needs a change in its Rust code as well.

use rusqlite::{Connection, Result};

/// Creates authors and their books. Two authors have no books here.
fn seed(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE authors (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE books (
            id        INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES authors (id),
            title     TEXT NOT NULL,
            year      INTEGER NOT NULL
        );
        INSERT INTO authors (id, name) VALUES
            (1, 'Ursula K. Le Guin'),
            (2, 'Andy Weir'),
            (3, 'Susanna Clarke'),
            (4, 'Terry Pratchett'),
            (5, 'N. K. Jemisin');
        INSERT INTO books (author_id, title, year) VALUES
            (1, 'A Wizard of Earthsea', 1968),
            (1, 'The Dispossessed', 1974),
            (2, 'The Martian', 2011),
            (2, 'Project Hail Mary', 2021),
            (3, 'Jonathan Strange & Mr Norrell', 2004),
            (3, 'Piranesi', 2020);",
    )
}

/// Every author with each of their titles, by author name and then title. An author
/// without books appears once, with `None`.
fn authors_and_books(conn: &Connection) -> Result<Vec<(String, Option<String>)>> {
    let sql = "SELECT a.name, b.title
               FROM authors AS a
               LEFT JOIN books AS b ON b.author_id = a.id
               ORDER BY a.name, b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| {
        let name: String = row.get(0)?;
        let title: Option<String> = row.get(1)?;
        Ok((name, title))
    })?
    .collect()
}

/// The names of the authors who have no books, in name order.
fn authors_without_books(conn: &Connection) -> Result<Vec<String>> {
    let sql = "SELECT a.name
               FROM authors AS a
               LEFT JOIN books AS b ON b.author_id = a.id
               WHERE b.id IS NULL
               ORDER BY a.name";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| row.get(0))?.collect()
}

/// Every author with each of their titles published in `year` or later, by author name
/// and then title. An author with no such book appears once, with `None`.
fn authors_and_books_since(conn: &Connection, year: i64) -> Result<Vec<(String, Option<String>)>> {
    let sql = "SELECT a.name, b.title
               FROM authors AS a
               LEFT JOIN books AS b ON b.author_id = a.id AND b.year >= ?1
               ORDER BY a.name, b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([year], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin join2` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("{:#?}", authors_and_books(&conn)?);
    println!("{:?}", authors_without_books(&conn)?);
    println!("{:#?}", authors_and_books_since(&conn, 2010)?);
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

    fn row(name: &str, title: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), title.map(str::to_string))
    }

    #[test]
    fn every_author_appears_even_without_books() {
        let conn = db();
        assert_eq!(
            ok(authors_and_books(&conn)),
            [
                row("Andy Weir", Some("Project Hail Mary")),
                row("Andy Weir", Some("The Martian")),
                row("N. K. Jemisin", None),
                row("Susanna Clarke", Some("Jonathan Strange & Mr Norrell")),
                row("Susanna Clarke", Some("Piranesi")),
                row("Terry Pratchett", None),
                row("Ursula K. Le Guin", Some("A Wizard of Earthsea")),
                row("Ursula K. Le Guin", Some("The Dispossessed")),
            ]
        );
    }

    #[test]
    fn finds_the_authors_without_books() {
        let conn = db();
        assert_eq!(
            ok(authors_without_books(&conn)),
            ["N. K. Jemisin", "Terry Pratchett"]
        );
        conn.execute(
            "INSERT INTO books (author_id, title, year) VALUES (4, 'Mort', 1987)",
            [],
        )
        .unwrap();
        assert_eq!(ok(authors_without_books(&conn)), ["N. K. Jemisin"]);
    }

    #[test]
    fn a_filter_on_the_books_keeps_every_author() {
        let conn = db();
        assert_eq!(
            ok(authors_and_books_since(&conn, 2010)),
            [
                row("Andy Weir", Some("Project Hail Mary")),
                row("Andy Weir", Some("The Martian")),
                row("N. K. Jemisin", None),
                row("Susanna Clarke", Some("Piranesi")),
                row("Terry Pratchett", None),
                row("Ursula K. Le Guin", None),
            ]
        );
    }

    #[test]
    fn a_filter_that_matches_no_book() {
        let conn = db();
        assert_eq!(
            ok(authors_and_books_since(&conn, 2100)),
            [
                row("Andy Weir", None),
                row("N. K. Jemisin", None),
                row("Susanna Clarke", None),
                row("Terry Pratchett", None),
                row("Ursula K. Le Guin", None),
            ]
        );
        assert_eq!(
            ok(authors_and_books_since(&conn, 0)),
            ok(authors_and_books(&conn))
        );
    }
}

// join3: filtering a LEFT JOIN
//
// NULL means "unknown", so it follows its own logic: `NULL = NULL` is not true but NULL,
// and `WHERE` keeps only the rows whose condition is true. To test for NULL, write
// `IS NULL` or `IS NOT NULL`.
//
// Where a condition goes matters too. `WHERE` runs *after* the join, so a `WHERE` on the
// right table's columns throws away the NULL rows the LEFT JOIN kept. A condition that
// only chooses which rows are partners belongs in `ON`:
//
//     FROM authors AS a LEFT JOIN books AS b ON b.author_id = a.id AND b.year >= 2000
//
// keeps every author, paired with their books from 2000 on, or with NULL. Fix both queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// The names of the authors who have no books, in name order.
fn authors_without_books(conn: &Connection) -> Result<Vec<String>> {
    // TODO: this returns no rows at all. Why? (What is `NULL = NULL`?)
    let sql = "SELECT a.name FROM authors AS a LEFT JOIN books AS b ON b.author_id = a.id
               WHERE b.id = NULL ORDER BY a.name";
    db::column(conn, sql, [])
}

/// Every author with each of their titles published in `year` or later, by author name
/// and then title. An author with no such book appears once, with `None`.
fn authors_and_books_since(conn: &Connection, year: i64) -> Result<Vec<(String, Option<String>)>> {
    // TODO: authors with no recent books disappear. Make the year choose which books join,
    // not which rows survive.
    let sql = "SELECT a.name, b.title FROM authors AS a LEFT JOIN books AS b ON b.author_id = a.id
               WHERE b.year >= ?1
               ORDER BY a.name, b.title";
    db::pairs(conn, sql, [year])
}

fn main() -> Result<()> {
    let conn = db::bookshop();
    println!("{:?}", authors_without_books(&conn)?);
    println!("{:#?}", authors_and_books_since(&conn, 2010)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn finds_the_authors_without_books() {
        let conn = db::bookshop();
        let none = ok(authors_without_books(&conn)).join(", ");
        assert_eq!(
            none, "N. K. Jemisin, Terry Pratchett",
            "two authors have no books"
        );
    }

    #[test]
    fn a_filter_on_the_books_keeps_every_author() {
        let conn = db::bookshop();
        let rows = ok(authors_and_books_since(&conn, 2010));
        let lines = db::lines(&rows);
        let want = [
            "Andy Weir: Project Hail Mary",
            "Andy Weir: The Martian",
            "N. K. Jemisin: NULL",
            "Susanna Clarke: Piranesi",
            "Terry Pratchett: NULL",
            "Ursula K. Le Guin: NULL",
        ];
        assert_eq!(lines, want, "every author; books from 2010 on, or NULL");
    }
}

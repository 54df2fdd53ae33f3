// join2: LEFT JOIN and NULL
//
// An inner `JOIN` keeps only rows that have a partner: an author without books vanishes. A
// `LEFT JOIN` keeps every row of the left table; when a row has no partner, the right
// table's columns come back as `NULL`, SQL's "no value":
//
//     SELECT a.name, b.title
//     FROM authors AS a LEFT JOIN books AS b ON b.author_id = a.id   -- Terry Pratchett | NULL
//
// In Rust, a column that can be NULL is read as an `Option`: `row.get::<_, Option<String>>(1)`
// gives `None` for NULL. Reading NULL as a plain `String` fails with
// "Invalid column type Null at index: 1, name: title".
//
// Keep every author in the list below: change the join, and the type the title is read as.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Every author with each of their titles, by author name and then title. An author
/// without books appears once, with `None`.
fn authors_and_books(conn: &Connection) -> Result<Vec<(String, Option<String>)>> {
    // TODO: authors without books are missing. Keep every author.
    let sql = "SELECT a.name, b.title
               FROM authors AS a JOIN books AS b ON b.author_id = a.id
               ORDER BY a.name, b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| {
        let name: String = row.get(0)?;
        // TODO: once every author is kept, `title` can be NULL. Read it as an `Option`.
        let title: String = row.get(1)?;
        Ok((name, Some(title)))
    })?
    .collect()
}

fn main() -> Result<()> {
    let conn = db::bookshop();
    println!("{:#?}", authors_and_books(&conn)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn every_author_appears_even_without_books() {
        let conn = db::bookshop();
        let rows = ok(authors_and_books(&conn));
        let lines = db::lines(&rows);
        let want = [
            "Andy Weir: Project Hail Mary",
            "Andy Weir: The Martian",
            "N. K. Jemisin: NULL",
            "Susanna Clarke: Jonathan Strange & Mr Norrell",
            "Susanna Clarke: Piranesi",
            "Terry Pratchett: NULL",
            "Ursula K. Le Guin: A Wizard of Earthsea",
            "Ursula K. Le Guin: The Dispossessed",
        ];
        assert_eq!(lines, want, "every author; NULL for the two without books");
    }
}

// join1: joining tables
//
// A relational schema stores each fact once. A book does not repeat its author's name: its
// *foreign key* column `books.author_id` holds the *primary key* of a row of `authors`. To
// see a title next to its author's name, *join* the tables and say which rows belong
// together:
//
//     SELECT b.title, a.name FROM books AS b JOIN authors AS a ON a.id = b.author_id
//
// `b` and `a` are aliases. An inner `JOIN` keeps the pairs of rows for which `ON` is true;
// without `ON`, every book is paired with every author (a "cross join": 6 books and 5
// authors make 30 rows). When both tables have a column of the same name, such as `id`,
// SQLite says "ambiguous column name: id": write `a.id` or `b.id`. Fix both queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Every book's title with its author's name, in title order.
fn books_with_authors(conn: &Connection) -> Result<Vec<(String, String)>> {
    // TODO: this returns 30 rows for 6 books. Pair each book with its own author only.
    let sql = "SELECT b.title, a.name FROM books AS b JOIN authors AS a ORDER BY b.title";
    db::pairs(conn, sql, [])
}

/// Titles of the books written by the author called `name`, in title order.
fn titles_by(conn: &Connection, name: &str) -> Result<Vec<String>> {
    // TODO: read SQLite's complaint, then say which table each `id` belongs to.
    let sql = "SELECT title FROM books JOIN authors ON id = author_id
               WHERE name = ?1 ORDER BY title";
    db::column(conn, sql, [name])
}

fn main() -> Result<()> {
    let conn = db::bookshop();
    println!("{:#?}", books_with_authors(&conn)?);
    println!("{:?}", titles_by(&conn, "Andy Weir")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn each_book_next_to_its_own_author() {
        let conn = db::bookshop();
        let pairs = ok(books_with_authors(&conn));
        let lines: Vec<String> = pairs.iter().map(|(t, a)| format!("{t} by {a}")).collect();
        let want = [
            "A Wizard of Earthsea by Ursula K. Le Guin",
            "Jonathan Strange & Mr Norrell by Susanna Clarke",
            "Piranesi by Susanna Clarke",
            "Project Hail Mary by Andy Weir",
            "The Dispossessed by Ursula K. Le Guin",
            "The Martian by Andy Weir",
        ];
        assert_eq!(
            lines, want,
            "one row per book, with the author its author_id points at"
        );
    }

    #[test]
    fn titles_by_author_name() {
        let conn = db::bookshop();
        let le_guin = ok(titles_by(&conn, "Ursula K. Le Guin"));
        assert_eq!(
            le_guin,
            ["A Wizard of Earthsea", "The Dispossessed"],
            "Le Guin's two books"
        );
        let pratchett = ok(titles_by(&conn, "Terry Pratchett"));
        assert!(
            pratchett.is_empty(),
            "Terry Pratchett has no books here, got {pratchett:?}"
        );
    }
}

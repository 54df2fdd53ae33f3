// select2: order and pages
//
// A table has no order of its own: without `ORDER BY`, rows come back in whatever order is
// cheapest for SQLite today. So an answer whose order matters says `ORDER BY`, and the order
// must be *total*: when two rows tie on the first column, a second column breaks the tie,
// or tied rows may swap places between two runs of the same query.
//
//     SELECT title FROM books ORDER BY year DESC, title ASC    -- newest first, ties A to Z
//     SELECT title FROM books ORDER BY title LIMIT 5 OFFSET 10 -- rows 11 to 15
//
// `LIMIT n OFFSET k` skips k rows and returns at most n: the simplest way to show a long
// list a page at a time (the APIs stage shows why large offsets get slow, and cursor
// paging). Fix both queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Titles of the `n` most expensive books, dearest first; equal prices in title order.
fn most_expensive(conn: &Connection, n: i64) -> Result<Vec<String>> {
    // TODO: dearest first, ties in title order, and at most `?1` rows.
    let sql = "SELECT title FROM books ORDER BY price_cents DESC, title LIMIT ?1";
    db::column(conn, sql, [n])
}

/// Page `page` (counting from 1) of all titles in alphabetical order, `per_page` per page.
fn titles_page(conn: &Connection, page: i64, per_page: i64) -> Result<Vec<String>> {
    let offset = (page - 1) * per_page;
    // TODO: return only one page: at most `?1` rows, after skipping the first `?2`.
    db::column(
        conn,
        "SELECT title FROM books ORDER BY title LIMIT ?1 OFFSET ?2",
        [per_page, offset],
    )
}

fn main() -> Result<()> {
    let conn = db::books();
    println!("top 3: {:?}", most_expensive(&conn, 3)?);
    println!("page 2: {:?}", titles_page(&conn, 2, 5)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn dearest_first_and_ties_in_title_order() {
        let conn = db::books();
        let top = ok(most_expensive(&conn, 3)).join(", ");
        let want = "Project Hail Mary, Piranesi, The Martian";
        assert_eq!(top, want, "the three dearest books, dearest first");
        let ties = ok(most_expensive(&conn, 8))[5..].join(", ");
        let want = "A Wizard of Earthsea, Dune, Gone Girl";
        assert_eq!(ties, want, "books 6 to 8 cost 10.99: title order");
    }

    #[test]
    fn pages_cover_every_title_once() {
        let conn = db::books();
        let page = ok(titles_page(&conn, 2, 5)).join(", ");
        let want = "Piranesi, Pride and Prejudice, Project Hail Mary, The Hobbit, The Left Hand of Darkness";
        assert_eq!(page, want, "page 2, 5 per page, is titles 6 to 10");
        let page = ok(titles_page(&conn, 6, 2)).join(", ");
        let want = "The Martian, The Name of the Wind";
        assert_eq!(page, want, "page 6, 2 per page, is titles 11 and 12");
        let page = ok(titles_page(&conn, 4, 5)).join(", ");
        assert_eq!(page, "", "past the end, a page is empty");
    }
}

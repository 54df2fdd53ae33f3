// select1: asking a database questions
//
// A relational database keeps rows in tables, and you ask it questions in SQL:
//
//     SELECT title, year FROM books WHERE genre = ?1 ORDER BY id
//
// `WHERE` keeps only the rows for which its condition is true. `?1` is a *bound parameter*:
// a hole the database fills with a value passed separately, never pasted into the SQL text
// (pasting is how SQL injection happens). `LIKE` compares text with a pattern in which `%`
// stands for any run of characters, and `||` joins two strings.
//
// This stage runs on SQLite, a real SQL engine inside your program (the `rusqlite` crate).
// `support/db.rs` creates the `books` table and its dozen rows. Give both queries a `WHERE`.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Titles of the books written by `author`, by id.
fn by_author(conn: &Connection, author: &str) -> Result<Vec<String>> {
    // TODO: keep only the rows whose `author` equals the parameter `?1`.
    db::column(conn, "SELECT title FROM books ORDER BY id", [author])
}

/// Titles that contain `word` anywhere, ignoring case ("the" finds "The Hobbit"), by id.
fn search_titles(conn: &Connection, word: &str) -> Result<Vec<String>> {
    // TODO: keep the titles that contain `?1` (SQLite's LIKE ignores the case of ASCII
    // letters). Careful: a `?1` inside quotes is just the text "?1".
    db::column(conn, "SELECT title FROM books ORDER BY id", [word])
}

fn main() -> Result<()> {
    let conn = db::books();
    println!("{:?}", by_author(&conn, "Andy Weir")?);
    println!("{:?}", search_titles(&conn, "the")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn filters_by_author() {
        let conn = db::books();
        let weir = ok(by_author(&conn, "Andy Weir")).join(", ");
        assert_eq!(
            weir, "The Martian, Project Hail Mary",
            "Andy Weir wrote two books"
        );
        let nobody = ok(by_author(&conn, "andy weir")).join(", ");
        assert_eq!(nobody, "", "`=` compares text exactly, case included");
    }

    #[test]
    fn search_finds_the_word_anywhere_ignoring_case() {
        let conn = db::books();
        let the = ok(search_titles(&conn, "the")).join(", ");
        let want = "The Hobbit, The Left Hand of Darkness, The Martian, The Name of the Wind";
        assert_eq!(the, want, "four titles contain \"the\", in any case");
        let mar = ok(search_titles(&conn, "MAR")).join(", ");
        assert_eq!(
            mar, "The Martian, Project Hail Mary",
            "\"MAR\" is inside two titles"
        );
        let zebra = ok(search_titles(&conn, "zebra")).join(", ");
        assert_eq!(zebra, "", "no title contains \"zebra\"");
    }
}

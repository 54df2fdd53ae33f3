// n_plus_one1: the N+1 query problem
//
// A page lists authors with their books. The obvious code asks for the authors (1 query),
// then, for each of the N authors, for that author's books (N queries): N+1 queries. Inside
// your process each costs microseconds; to a database server each is a network round trip,
// easily half a millisecond, so 1,000 authors wait half a second for what one query could
// answer. It is the most common performance bug in backends, and ORMs make it easy to
// write, because loading `author.books` lazily looks like reading a field.
//
// The fix is to ask once: join the tables and group the rows in Rust. Each row of
// `authors LEFT JOIN books` carries one book with its author; ordered by author, an
// author's rows come together, and an author with no books has one row, with a NULL title.
// (The other common fix is two queries: the authors, then all their books at once with
// `WHERE author_id IN (...)`.)
//
// `db::Db` counts the statements it runs. Make `authors_with_books` run just one.

#[path = "support/db.rs"]
mod db;

use db::Db;
use rusqlite::Result;

#[derive(Debug, PartialEq)]
struct AuthorWithBooks {
    name: String,
    books: Vec<String>,
}

/// Every author, by name (two authors with the same name: by id), each with their titles in
/// title order. An author without books has an empty list.
fn authors_with_books(db: &Db) -> Result<Vec<AuthorWithBooks>> {
    // TODO: this asks once for the authors, then once more per author. Ask once, with a
    // join, and group the rows into authors here.
    let sql = "SELECT a.id, a.name, b.title FROM authors AS a
               LEFT JOIN books AS b ON b.author_id = a.id
               ORDER BY a.name, a.id, b.title";
    let rows: Vec<(i64, String, Option<String>)> =
        db.query(sql, [], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    let mut result: Vec<AuthorWithBooks> = Vec::new();
    let mut current_id = None;
    for (id, name, title) in rows {
        if current_id != Some(id) {
            current_id = Some(id);
            result.push(AuthorWithBooks {
                name,
                books: Vec::new(),
            });
        }
        if let (Some(title), Some(author)) = (title, result.last_mut()) {
            author.books.push(title);
        }
    }
    Ok(result)
}

fn main() -> Result<()> {
    let db = Db::new(db::authors_and_books());
    println!("{:#?}", authors_with_books(&db)?);
    println!("statements run: {}", db.statements_run());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(authors: &[AuthorWithBooks]) -> Vec<String> {
        let line = |a: &AuthorWithBooks| format!("{}: {}", a.name, a.books.join(", "));
        authors.iter().map(line).collect()
    }

    #[test]
    fn every_author_with_their_books_in_one_statement() {
        let db = Db::new(db::authors_and_books());
        let authors = lines(&authors_with_books(&db).unwrap());
        let want = [
            "Andy Weir: Project Hail Mary, The Martian",
            "Anonymous: Beowulf",
            "Anonymous: Go Ask Alice",
            "Terry Pratchett: ",
            "Ursula K. Le Guin: A Wizard of Earthsea, The Dispossessed, The Lathe of Heaven",
        ];
        assert_eq!(authors, want, "each author once, books in title order");
        let n = db.statements_run();
        assert_eq!(n, 1, "one query for everything, not 1 + one per author");
    }

    #[test]
    fn one_statement_for_many_authors() {
        let conn = db::authors_and_books();
        db::many_authors(&conn);
        let db = Db::new(conn);
        let authors = authors_with_books(&db).unwrap();
        assert_eq!(db.statements_run(), 1, "300 authors, still one query");
        assert_eq!(authors.len(), 300, "every author, with or without books");
    }
}

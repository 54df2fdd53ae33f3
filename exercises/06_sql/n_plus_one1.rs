// n_plus_one1: the N+1 query problem
//
// A page lists authors with their books. The obvious code asks for the authors (1 query),
// then, for each of the N authors, asks for that author's books (N queries): N+1 queries.
// On SQLite, inside your process, each costs microseconds. On a database server each one is
// a network round trip, easily half a millisecond: 1,000 authors make 1,001 round trips and
// half a second of waiting, for a page that one query could answer. It is the most common
// performance bug in backends, and ORMs make it easy to write by accident, because loading
// `author.books` lazily looks like reading a field.
//
// The fix is to ask once: join the tables, and group the rows in Rust. Each row of
//
//     SELECT a.id, a.name, b.title FROM authors AS a LEFT JOIN books AS b ON ...
//
// carries one book with its author; an author's rows come one after the other if you order
// them by author, and an author with no books still has one row, with a NULL title. (The
// other common fix is two queries: the authors, then all their books at once with
// `WHERE author_id IN (...)`. Here, one query is the goal.)
//
// Here the database is only reachable through `Db`, which counts the statements it runs.
// Make `authors_with_books` give the same answer with a single statement.

use rusqlite::{Connection, Result};

mod db {
    use rusqlite::{Connection, Params, Result, Row};
    use std::cell::Cell;

    /// A connection that counts the statements it runs: each would be a round trip to a
    /// database server.
    pub struct Db {
        conn: Connection,
        statements: Cell<usize>,
    }

    impl Db {
        pub fn new(conn: Connection) -> Db {
            Db {
                conn,
                statements: Cell::new(0),
            }
        }

        /// Runs one query and turns each row into a `T` with `f`.
        pub fn query<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<Vec<T>>
        where
            P: Params,
            F: FnMut(&Row<'_>) -> Result<T>,
        {
            self.statements.set(self.statements.get() + 1);
            let mut stmt = self.conn.prepare_cached(sql)?;
            stmt.query_map(params, f)?.collect()
        }

        /// How many statements have run so far.
        pub fn statements_run(&self) -> usize {
            self.statements.get()
        }
    }
}

use db::Db;

fn seed(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE authors (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE books (
            id        INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES authors (id),
            title     TEXT NOT NULL
        );
        CREATE INDEX books_by_author ON books (author_id);
        INSERT INTO authors (id, name) VALUES
            (1, 'Ursula K. Le Guin'),
            (2, 'Anonymous'),
            (3, 'Andy Weir'),
            (4, 'Terry Pratchett'),
            (5, 'Anonymous');
        INSERT INTO books (author_id, title) VALUES
            (1, 'The Dispossessed'),
            (3, 'The Martian'),
            (1, 'A Wizard of Earthsea'),
            (2, 'Beowulf'),
            (3, 'Project Hail Mary'),
            (5, 'Go Ask Alice'),
            (1, 'The Lathe of Heaven');",
    )
}

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
    let authors = db.query(
        "SELECT id, name FROM authors ORDER BY name, id",
        [],
        |row| {
            let id: i64 = row.get(0)?;
            let name: String = row.get(1)?;
            Ok((id, name))
        },
    )?;
    let mut result = Vec::new();
    for (id, name) in authors {
        let books = db.query(
            "SELECT title FROM books WHERE author_id = ?1 ORDER BY title",
            [id],
            |row| row.get(0),
        )?;
        result.push(AuthorWithBooks { name, books });
    }
    Ok(result)
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin n_plus_one1` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    let db = Db::new(conn);
    println!("{:#?}", authors_with_books(&db)?);
    println!("statements run: {}", db.statements_run());
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str, books: &[&str]) -> AuthorWithBooks {
        AuthorWithBooks {
            name: name.to_string(),
            books: books.iter().map(|title| title.to_string()).collect(),
        }
    }

    #[test]
    fn every_author_with_their_books() {
        let conn = Connection::open_in_memory().unwrap();
        seed(&conn).unwrap();
        let db = Db::new(conn);
        assert_eq!(
            authors_with_books(&db).unwrap(),
            [
                author("Andy Weir", &["Project Hail Mary", "The Martian"]),
                author("Anonymous", &["Beowulf"]),
                author("Anonymous", &["Go Ask Alice"]),
                author("Terry Pratchett", &[]),
                author(
                    "Ursula K. Le Guin",
                    &[
                        "A Wizard of Earthsea",
                        "The Dispossessed",
                        "The Lathe of Heaven"
                    ]
                ),
            ]
        );
    }

    #[test]
    fn one_statement_for_the_whole_list() {
        let conn = Connection::open_in_memory().unwrap();
        seed(&conn).unwrap();
        let db = Db::new(conn);
        authors_with_books(&db).unwrap();
        assert_eq!(
            db.statements_run(),
            1,
            "one query should answer it all, whatever the number of authors"
        );
    }

    #[test]
    fn one_statement_for_many_authors() {
        let conn = Connection::open_in_memory().unwrap();
        seed(&conn).unwrap();
        conn.execute_batch("DELETE FROM books; DELETE FROM authors;")
            .unwrap();
        // Author n, from 1 to 300, is called "Author 001" and so on, and wrote n % 4 books.
        for n in 1..=300 {
            conn.execute(
                "INSERT INTO authors (id, name) VALUES (?1, printf('Author %03d', ?1))",
                [n],
            )
            .unwrap();
            for b in 0..n % 4 {
                conn.execute(
                    "INSERT INTO books (author_id, title) VALUES (?1, printf('Book %d of %d', ?2, ?1))",
                    [n, b],
                )
                .unwrap();
            }
        }
        let db = Db::new(conn);
        let authors = authors_with_books(&db).unwrap();
        assert_eq!(db.statements_run(), 1);
        assert_eq!(authors.len(), 300);
        for (i, found) in authors.iter().enumerate() {
            let n = i + 1;
            let titles: Vec<String> = (0..n % 4).map(|b| format!("Book {b} of {n}")).collect();
            assert_eq!(found.name, format!("Author {n:03}"));
            assert_eq!(found.books, titles);
        }
    }
}

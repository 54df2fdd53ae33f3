//! The stage's databases and query helpers (support code: you do not need to edit it).
//!
//! Each fixture opens a fresh SQLite database in memory and fills it the same way every
//! time, so every test starts from the same rows. Read the `CREATE TABLE` statements here
//! to see the columns your queries can use.
#![allow(dead_code)]

use rusqlite::types::FromSql;
use rusqlite::{Connection, Params, Result, Row};
use std::cell::Cell;

/// Unwraps a query's result, or fails the test with SQLite's own error message.
#[track_caller]
pub fn ok<T>(result: Result<T>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("the query failed: {e}\n  ({e:?})"),
    }
}

/// Runs `sql` and returns the first column of every row.
pub fn column<T: FromSql, P: Params>(conn: &Connection, sql: &str, params: P) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map(params, |row| row.get(0))?.collect()
}

/// Runs `sql` and returns the first two columns of every row.
pub fn pairs<A: FromSql, B: FromSql, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> Result<Vec<(A, B)>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map(params, |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// How many rows `table` has.
pub fn count(conn: &Connection, table: &str) -> i64 {
    ok(
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        }),
    )
}

/// An in-memory database set up with `sql`.
pub fn open_with(sql: &str) -> Connection {
    let conn = ok(Connection::open_in_memory());
    ok(conn.execute_batch(sql));
    conn
}

/// `books`: a dozen books in one table. Three cost 10.99.
pub fn books() -> Connection {
    open_with(
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

/// A small bookshop: `authors`, their `books` (two authors have none), `orders` and the
/// books in each order, `order_items`.
pub fn bookshop() -> Connection {
    open_with(
        "CREATE TABLE authors (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE books (
            id          INTEGER PRIMARY KEY,
            author_id   INTEGER NOT NULL REFERENCES authors (id),
            title       TEXT NOT NULL,
            year        INTEGER NOT NULL,
            price_cents INTEGER NOT NULL
        );
        CREATE TABLE orders (
            id       INTEGER PRIMARY KEY,
            customer TEXT NOT NULL
        );
        CREATE TABLE order_items (
            order_id INTEGER NOT NULL REFERENCES orders (id),
            book_id  INTEGER NOT NULL REFERENCES books (id),
            quantity INTEGER NOT NULL,
            PRIMARY KEY (order_id, book_id)
        );
        INSERT INTO authors (id, name) VALUES
            (1, 'Ursula K. Le Guin'),
            (2, 'Andy Weir'),
            (3, 'Susanna Clarke'),
            (4, 'Terry Pratchett'),
            (5, 'N. K. Jemisin');
        INSERT INTO books (id, author_id, title, year, price_cents) VALUES
            (1, 1, 'A Wizard of Earthsea', 1968, 799),
            (2, 1, 'The Dispossessed', 1974, 1199),
            (3, 2, 'The Martian', 2011, 1499),
            (4, 2, 'Project Hail Mary', 2021, 1899),
            (5, 3, 'Piranesi', 2020, 1599),
            (6, 3, 'Jonathan Strange & Mr Norrell', 2004, 1399);
        INSERT INTO orders (id, customer) VALUES (1, 'ada'), (2, 'grace');
        INSERT INTO order_items (order_id, book_id, quantity) VALUES
            (1, 3, 1),
            (1, 5, 2),
            (1, 1, 3),
            (2, 4, 1);",
    )
}

/// `orders` (paid or cancelled) and the books in each, `order_items`, with their genre and
/// the price paid: a report table, denormalized on purpose (the title and genre are copies),
/// so that the reports need no joins.
pub fn sales() -> Connection {
    open_with(
        "CREATE TABLE orders (
            id       INTEGER PRIMARY KEY,
            customer TEXT NOT NULL,
            status   TEXT NOT NULL
        );
        CREATE TABLE order_items (
            order_id         INTEGER NOT NULL REFERENCES orders (id),
            title            TEXT NOT NULL,
            genre            TEXT NOT NULL,
            quantity         INTEGER NOT NULL,
            unit_price_cents INTEGER NOT NULL
        );
        INSERT INTO orders (id, customer, status) VALUES
            (1, 'ada', 'paid'),
            (2, 'grace', 'paid'),
            (3, 'ada', 'paid'),
            (4, 'linus', 'cancelled'),
            (5, 'ada', 'cancelled'),
            (6, 'grace', 'paid'),
            (7, 'margaret', 'paid');
        INSERT INTO order_items (order_id, title, genre, quantity, unit_price_cents) VALUES
            (1, 'Dune', 'sci-fi', 1, 1099),
            (1, 'Piranesi', 'fantasy', 1, 1599),
            (2, 'The Martian', 'sci-fi', 2, 1499),
            (3, 'Dune', 'sci-fi', 1, 1099),
            (3, 'Jane Eyre', 'classic', 1, 599),
            (4, 'Piranesi', 'fantasy', 5, 1599),
            (5, 'The Hobbit', 'fantasy', 1, 899),
            (6, 'The Hobbit', 'fantasy', 2, 899),
            (7, 'Jane Eyre', 'classic', 3, 599);",
    )
}

/// An empty `notes (id, title, body)` table.
pub fn notes() -> Connection {
    open_with(
        "CREATE TABLE notes (
            id    INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body  TEXT NOT NULL
        );",
    )
}

/// Every note's id and title, by id.
pub fn note_titles(conn: &Connection) -> Vec<(i64, String)> {
    ok(pairs(conn, "SELECT id, title FROM notes ORDER BY id", []))
}

/// An empty `profiles` table: one JSON document per user, and a revision number.
pub fn profiles() -> Connection {
    open_with(
        "CREATE TABLE profiles (
            user_id  INTEGER PRIMARY KEY,
            doc      TEXT NOT NULL CHECK (json_valid(doc)),
            revision INTEGER NOT NULL DEFAULT 1
        );",
    )
}

/// Five profiles; only users 2 and 4 live in Paris, but "Paris" appears in others' text.
pub fn seeded_profiles() -> Connection {
    let conn = profiles();
    let docs = [
        r#"{"name": "Ada", "address": {"city": "London"}, "settings": {"theme": "light"}}"#,
        r#"{"name": "Grace", "address": {"city": "Paris", "zip": "75011"}}"#,
        r#"{"name": "Linus", "address": {"city": "Lyon"}, "bio": "Moved from Paris in 2019"}"#,
        r#"{"name": "Margaret", "address": {"city": "Paris"}, "settings": {"theme": "dark", "font": "serif"}}"#,
        r#"{"name": "Parisa", "address": {"city": "Boston"}}"#,
    ];
    for (id, doc) in (1..).zip(docs) {
        ok(conn.execute(
            "INSERT INTO profiles (user_id, doc) VALUES (?1, ?2)",
            (id, doc),
        ));
    }
    conn
}

/// One value out of a profile, as text: `None` if there is no such profile or field.
pub fn field(conn: &Connection, user_id: i64, path: &str) -> Option<String> {
    let mut stmt = ok(conn.prepare("SELECT doc ->> ?2 FROM profiles WHERE user_id = ?1"));
    let values: Vec<Option<String>> =
        ok(ok(stmt.query_map((user_id, path), |row| row.get(0))).collect());
    values.into_iter().next().flatten()
}

/// A profile's revision number.
pub fn revision(conn: &Connection, user_id: i64) -> i64 {
    ok(conn.query_row(
        "SELECT revision FROM profiles WHERE user_id = ?1",
        [user_id],
        |row| row.get(0),
    ))
}

/// `authors` and `books`, for listing each author with their books. Two authors share a
/// name; one has no books.
pub fn authors_and_books() -> Connection {
    open_with(
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

/// Replaces every author and book with 300 authors, "Author 001" to "Author 300"; author
/// `n` wrote `n % 4` books, "Book 0 of n" and so on.
pub fn many_authors(conn: &Connection) {
    ok(conn.execute_batch(
        "DELETE FROM books;
         DELETE FROM authors;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
         INSERT INTO authors (id, name) SELECT i, printf('Author %03d', i) FROM n;
         WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < 2)
         INSERT INTO books (author_id, title)
         SELECT a.id, printf('Book %d of %d', b.i, a.id)
         FROM authors AS a JOIN b ON b.i < a.id % 4;",
    ));
}

/// A connection that counts the statements it runs: on a database server, each would be
/// a network round trip.
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

/// SQLite's message for a statement that must fail; fails the test if the database accepts
/// it.
#[track_caller]
pub fn refused(conn: &Connection, sql: &str) -> String {
    match conn.execute(sql, []) {
        Ok(_) => panic!("the database accepted a row the schema should refuse: {sql}"),
        Err(e) => e.to_string(),
    }
}

/// `users` and their `orders`, with every constraint, and foreign keys on.
pub fn users_and_orders() -> Connection {
    open_with(
        "PRAGMA foreign_keys = ON;
        CREATE TABLE users (
            id    INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name  TEXT NOT NULL CHECK (name <> '')
        );
        CREATE TABLE orders (
            id          INTEGER PRIMARY KEY,
            user_id     INTEGER NOT NULL REFERENCES users (id),
            total_cents INTEGER NOT NULL CHECK (total_cents >= 0)
        );",
    )
}

/// Runs `sql`, which the schema must refuse with a message that starts with `want`.
#[track_caller]
pub fn assert_refused(conn: &Connection, sql: &str, want: &str) {
    assert_refused_because(conn, sql, want, "");
}

/// Like `assert_refused`, and the failure adds `why`, the rule the row breaks.
#[track_caller]
pub fn assert_refused_because(conn: &Connection, sql: &str, want: &str, why: &str) {
    let why = if why.is_empty() {
        String::new()
    } else {
        format!("\n  ({why})")
    };
    match conn.execute(sql, []) {
        Ok(_) => panic!(
            "the database accepted a row the schema should refuse with \"{want}\": {sql}{why}"
        ),
        Err(e) => assert!(
            e.to_string().starts_with(want),
            "{sql}\n  was refused with \"{e}\", but the schema should say \"{want}\"{why}"
        ),
    }
}

/// Pairs as one line of text, for comparing in a test: "classic: 4, sci-fi: 4".
pub fn show<A: std::fmt::Display, B: std::fmt::Display>(rows: &[(A, B)]) -> String {
    let items: Vec<String> = rows.iter().map(|(a, b)| format!("{a}: {b}")).collect();
    items.join(", ")
}

/// Name and optional title pairs as lines of text: "Andy Weir: The Martian", and
/// "Terry Pratchett: NULL" for `None`.
pub fn lines(rows: &[(String, Option<String>)]) -> Vec<String> {
    let line =
        |(a, t): &(String, Option<String>)| format!("{a}: {}", t.as_deref().unwrap_or("NULL"));
    rows.iter().map(line).collect()
}

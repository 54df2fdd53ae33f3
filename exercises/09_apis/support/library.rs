//! The SQLite side of the sqlite exercises: a `books` table whose ISBNs are UNIQUE, in an
//! in-memory database behind one `Arc<Mutex<Connection>>` (production uses a pool of
//! connections), the `Book` rows, and `hold`, which keeps the database busy from another
//! thread the way a long query would. You don't need to edit it.
#![allow(dead_code)]

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

pub type Db = Arc<Mutex<Connection>>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Book {
    pub id: i64,
    pub isbn: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewBook {
    pub isbn: String,
    pub title: String,
}

pub fn open_db() -> Db {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE books (
             id INTEGER PRIMARY KEY,
             isbn TEXT NOT NULL UNIQUE,
             title TEXT NOT NULL
         );
         INSERT INTO books (isbn, title) VALUES ('9781718503106', 'The Rust Programming Language');",
    )
    .unwrap();
    Arc::new(Mutex::new(conn))
}

/// The database after a migration that gave `books` an `author TEXT NOT NULL` column: an
/// INSERT that leaves `author` out breaks its NOT NULL constraint.
pub fn open_db_with_authors() -> Db {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE books (
             id INTEGER PRIMARY KEY,
             isbn TEXT NOT NULL UNIQUE,
             title TEXT NOT NULL,
             author TEXT NOT NULL
         );",
    )
    .unwrap();
    Arc::new(Mutex::new(conn))
}

/// Reads one book; blocks the calling thread until SQLite answers.
pub fn read_book(conn: &Connection, id: i64) -> rusqlite::Result<Option<Book>> {
    conn.query_row(
        "SELECT id, isbn, title FROM books WHERE id = ?1",
        [id],
        |row| {
            Ok(Book {
                id: row.get(0)?,
                isbn: row.get(1)?,
                title: row.get(2)?,
            })
        },
    )
    .optional()
}

pub fn count_books(db: &Db) -> i64 {
    let conn = db.lock().unwrap();
    conn.query_row("SELECT COUNT(*) FROM books", [], |row| row.get(0))
        .unwrap()
}

/// A thread that holds the database's lock until `release` is called or a second passes.
pub struct Holder {
    release: mpsc::Sender<()>,
    thread: JoinHandle<bool>,
}

pub fn hold(db: &Db) -> Holder {
    let db = Arc::clone(db);
    let (locked_tx, locked_rx) = mpsc::channel();
    let (release, release_rx) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let _guard = db.lock().unwrap();
        locked_tx.send(()).unwrap();
        release_rx.recv_timeout(Duration::from_secs(1)).is_ok()
    });
    locked_rx.recv().unwrap();
    Holder { release, thread }
}

impl Holder {
    /// Lets go; returns whether it was told to (false: it gave up after a second).
    pub fn release(self) -> bool {
        let _ = self.release.send(());
        self.thread.join().unwrap()
    }
}

//! ownership1's notes database: an in-memory SQLite table with four users' notes (support
//! code: you do not need to edit it).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use rusqlite::Connection;

/// The app's database handle.
pub type Db = Arc<Mutex<Connection>>;

/// A fresh database: notes 1 and 3 are alice's, 2 is bob's, 4 is carol's.
pub fn open() -> Db {
    let db = Connection::open_in_memory().expect("an in-memory database");
    db.execute_batch(
        "CREATE TABLE notes (
             id    INTEGER PRIMARY KEY,
             owner TEXT NOT NULL,
             body  TEXT NOT NULL
         );
         INSERT INTO notes (id, owner, body) VALUES
             (1, 'alice', 'dear diary'),
             (2, 'bob',   'the wifi password is hunter2'),
             (3, 'alice', 'buy milk'),
             (4, 'carol', 'surprise party for bob on friday');",
    )
    .expect("the schema and the notes");
    Arc::new(Mutex::new(db))
}

/// How many notes the table holds.
pub fn count(db: &Db) -> i64 {
    let db = db.lock().unwrap();
    let count = db.query_row("SELECT count(*) FROM notes", [], |row| row.get(0));
    count.expect("count the notes")
}

//! The database of aside1: products in a real SQLite database, behind a `Db` that counts the
//! queries it runs, so the tests can see whether the cache spared the database. You don't
//! need to edit it.
#![allow(dead_code)]

use std::cell::Cell;

use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub name: String,
    pub price_cents: i64,
}

/// The slow, authoritative store. Every method counts as one database hit.
pub struct Db {
    conn: Connection,
    hits: Cell<usize>,
}

impl Db {
    pub fn open_seeded() -> rusqlite::Result<Db> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(
            "CREATE TABLE products (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL,
                 price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
             );
             INSERT INTO products (id, name, price_cents) VALUES
                 (1, 'Keyboard', 4999),
                 (2, 'Mouse', 1999),
                 (3, 'Monitor', 18999);",
        )?;
        Ok(Db {
            conn,
            hits: Cell::new(0),
        })
    }

    pub fn find_product(&self, id: i64) -> rusqlite::Result<Option<Product>> {
        self.hits.set(self.hits.get() + 1);
        self.conn
            .query_row(
                "SELECT id, name, price_cents FROM products WHERE id = ?1",
                params![id],
                |row| {
                    Ok(Product {
                        id: row.get(0)?,
                        name: row.get(1)?,
                        price_cents: row.get(2)?,
                    })
                },
            )
            .optional()
    }

    /// Returns whether a product with that id existed.
    pub fn set_price(&self, id: i64, price_cents: i64) -> rusqlite::Result<bool> {
        self.hits.set(self.hits.get() + 1);
        let changed = self.conn.execute(
            "UPDATE products SET price_cents = ?1 WHERE id = ?2",
            params![price_cents, id],
        )?;
        Ok(changed == 1)
    }

    /// How many queries have reached the database so far.
    pub fn hits(&self) -> usize {
        self.hits.get()
    }
}

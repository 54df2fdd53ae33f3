// aside1: a cache in front of the database, and invalidation
//
// The most common cache in a backend is cache-aside (also called lazy loading or read-through):
// 1. on a read, look in the cache first; on a hit, the database is never asked;
// 2. on a miss, read from the database and keep the result in the cache for next time;
// 3. on a write, write to the database first, then delete the cached copy, so the next read
//    loads the new value. Deleting is safer than updating the cache: there is one source of
//    truth, and a failed write leaves nothing wrong in the cache.
//
// "There are only two hard things in computer science: cache invalidation and naming things."
// Step 3 is the one people forget, and then users see old prices for hours.
//
// `Db` wraps a real SQLite database and counts the queries it runs, so the tests can see
// whether the cache spared the database. Make `Catalog::product` answer from the cache when it
// can, and make `Catalog::set_price` invalidate what it changed.

use std::cell::Cell;
use std::collections::HashMap;

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

/// The product catalog the rest of the app uses: the database with a cache in front.
pub struct Catalog {
    db: Db,
    cache: HashMap<i64, Product>,
}

impl Catalog {
    pub fn new(db: Db) -> Self {
        Catalog {
            db,
            cache: HashMap::new(),
        }
    }

    /// A product by id: from the cache if it is there, otherwise from the database (and then
    /// it is cached). Unknown ids are not cached here.
    pub fn product(&mut self, id: i64) -> rusqlite::Result<Option<Product>> {
        if let Some(product) = self.cache.get(&id) {
            return Ok(Some(product.clone()));
        }
        let found = self.db.find_product(id)?;
        if let Some(product) = &found {
            self.cache.insert(id, product.clone());
        }
        Ok(found)
    }

    /// Changes a price in the database, then drops the cached copy so no one reads the old one.
    pub fn set_price(&mut self, id: i64, price_cents: i64) -> rusqlite::Result<bool> {
        let existed = self.db.set_price(id, price_cents)?;
        self.cache.remove(&id);
        Ok(existed)
    }

    pub fn db_hits(&self) -> usize {
        self.db.hits()
    }
}

fn main() -> rusqlite::Result<()> {
    let mut catalog = Catalog::new(Db::open_seeded()?);
    for _ in 0..3 {
        println!("{:?}", catalog.product(1)?);
    }
    println!("{} database hits for three reads", catalog.db_hits());
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::new(Db::open_seeded().unwrap())
    }

    fn keyboard(price_cents: i64) -> Product {
        Product {
            id: 1,
            name: "Keyboard".to_string(),
            price_cents,
        }
    }

    #[test]
    fn the_first_read_goes_to_the_database() {
        let mut catalog = catalog();
        assert_eq!(catalog.product(1).unwrap(), Some(keyboard(4999)));
        assert_eq!(catalog.db_hits(), 1);
    }

    #[test]
    fn repeated_reads_are_served_from_the_cache() {
        let mut catalog = catalog();
        for _ in 0..10 {
            assert_eq!(catalog.product(1).unwrap(), Some(keyboard(4999)));
        }
        assert_eq!(catalog.db_hits(), 1, "ten reads, one query");

        assert_eq!(catalog.product(2).unwrap().unwrap().name, "Mouse");
        assert_eq!(catalog.product(2).unwrap().unwrap().name, "Mouse");
        assert_eq!(catalog.db_hits(), 2, "one query per distinct product");
    }

    #[test]
    fn unknown_products_are_none() {
        let mut catalog = catalog();
        assert_eq!(catalog.product(42).unwrap(), None);
        assert_eq!(catalog.product(42).unwrap(), None);
    }

    #[test]
    fn a_price_change_is_seen_by_the_next_read() {
        let mut catalog = catalog();
        assert_eq!(catalog.product(1).unwrap(), Some(keyboard(4999)));
        assert!(catalog.set_price(1, 3999).unwrap());
        assert_eq!(
            catalog.product(1).unwrap(),
            Some(keyboard(3999)),
            "the cache served the old price after a write"
        );
        // read, write, read again: three queries, and the new price is cached again.
        assert_eq!(catalog.db_hits(), 3);
        assert_eq!(catalog.product(1).unwrap(), Some(keyboard(3999)));
        assert_eq!(catalog.db_hits(), 3);
    }

    #[test]
    fn a_write_invalidates_only_what_it_changed() {
        let mut catalog = catalog();
        catalog.product(1).unwrap();
        catalog.product(2).unwrap();
        catalog.set_price(1, 3999).unwrap();
        assert_eq!(catalog.db_hits(), 3);
        assert_eq!(catalog.product(2).unwrap().unwrap().price_cents, 1999);
        assert_eq!(
            catalog.db_hits(),
            3,
            "product 2 did not change: still cached"
        );
    }

    #[test]
    fn a_rejected_write_leaves_the_right_price_visible() {
        let mut catalog = catalog();
        catalog.product(1).unwrap();
        // The CHECK constraint refuses negative prices.
        assert!(catalog.set_price(1, -100).is_err());
        assert_eq!(catalog.product(1).unwrap(), Some(keyboard(4999)));
    }
}

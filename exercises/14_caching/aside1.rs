// aside1: a cache in front of the database, and invalidation
//
// The most common cache in a backend is cache-aside (lazy loading): the code, not the cache,
// talks to the database:
// 1. on a read, look in the cache first; on a hit, the database is never asked;
// 2. on a miss, read from the database and keep the result in the cache for next time;
// 3. on a write, write to the database first, then delete the cached copy, so the next read
//    loads the new value. Deleting is safer than updating the cache: there is one source of
//    truth, and a failed write leaves nothing wrong in the cache.
//
// Step 3 is the one people forget, and then users see old prices for hours. In production
// the cache is Redis in front of PostgreSQL, and each entry also gets a TTL: a
// backstop for a forgotten invalidation, and for the race where a slow reader puts an old
// value back just after a writer deleted it.
//
// `Db` (support/products.rs) counts the queries it runs. Make `Catalog::product` answer from
// the cache when it can, and make `Catalog::set_price` invalidate what it changed.

use std::collections::HashMap;

#[path = "support/products.rs"]
mod products;
use products::{Db, Product};

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
        // TODO: look in `self.cache` first; on a miss, keep what the database found.
        self.db.find_product(id)
    }

    /// Changes a price in the database, then drops the cached copy so no one reads the old one.
    pub fn set_price(&mut self, id: i64, price_cents: i64) -> rusqlite::Result<bool> {
        // TODO: once the database has accepted the write, the cached copy is wrong.
        self.db.set_price(id, price_cents)
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

    /// The price of product 1 (the keyboard), as the catalog answers it.
    fn keyboard_price(catalog: &mut Catalog) -> Option<i64> {
        catalog
            .product(1)
            .unwrap()
            .map(|product| product.price_cents)
    }

    #[test]
    fn repeated_reads_are_served_from_the_cache() {
        let mut catalog = Catalog::new(Db::open_seeded().unwrap());
        for _ in 0..10 {
            assert_eq!(
                keyboard_price(&mut catalog),
                Some(4999),
                "the keyboard's price"
            );
        }
        let (hits, why) = (catalog.db_hits(), "ten reads, one query: nine cache hits");
        assert_eq!(hits, 1, "{why}");
        assert_eq!(catalog.product(42).unwrap(), None, "an unknown id is None");
    }

    #[test]
    fn a_price_change_is_seen_by_the_next_read() {
        let mut catalog = Catalog::new(Db::open_seeded().unwrap());
        catalog.product(1).unwrap();
        catalog.product(2).unwrap();
        assert!(catalog.set_price(1, 3999).unwrap(), "product 1 exists");
        let why = "the write must drop the cached copy, or the old price is served";
        assert_eq!(keyboard_price(&mut catalog), Some(3999), "{why}");
        let (hits, why) = (
            catalog.db_hits(),
            "2 reads, the write, a new read of product 1",
        );
        assert_eq!(hits, 4, "{why}");
        catalog.product(2).unwrap();
        let (hits, why) = (catalog.db_hits(), "product 2 did not change: still cached");
        assert_eq!(hits, 4, "{why}");
    }

    #[test]
    fn a_rejected_write_leaves_the_right_price_visible() {
        let mut catalog = Catalog::new(Db::open_seeded().unwrap());
        catalog.product(1).unwrap();
        let refused = catalog.set_price(1, -100).is_err();
        assert!(refused, "the CHECK constraint refuses a negative price");
        assert_eq!(
            keyboard_price(&mut catalog),
            Some(4999),
            "the price did not change"
        );
    }
}

// composite_key1: a key whose byte order is the query
//
// A key-value store has no WHERE and no ORDER BY: it keeps keys sorted and lets you read a
// range of them. So you design the key so that the rows you want together sit next to each
// other, in the order you want them. For "a customer's orders between two times", the key is
// the customer id followed by the time: one customer's orders then form one contiguous run,
// sorted by time, and a range scan from (customer, from) to (customer, to) reads exactly them.
//
// redb compares `&[u8]` keys byte by byte, from the first byte. `order_key` must encode
// numbers so that this byte order is their numeric order.

#[path = "support/tempdir.rs"]
mod tempdir;

use redb::{Database, ReadableDatabase, TableDefinition};

/// Orders, keyed by `order_key(customer, placed_at)`; the value describes the order.
const ORDERS: TableDefinition<&[u8], &str> = TableDefinition::new("orders");

/// 4 bytes of customer id, then 8 bytes of time (milliseconds).
fn order_key(customer: u32, placed_at: u64) -> [u8; 12] {
    let mut key = [0u8; 12];
    // TODO: encode both numbers so that byte order is numeric order.
    key[..4].copy_from_slice(&customer.to_le_bytes());
    key[4..].copy_from_slice(&placed_at.to_le_bytes());
    key
}

fn add_order(db: &Database, customer: u32, placed_at: u64, what: &str) -> Result<(), redb::Error> {
    let txn = db.begin_write()?;
    txn.open_table(ORDERS)?
        .insert(&order_key(customer, placed_at)[..], what)?;
    txn.commit()?;
    Ok(())
}

/// The customer's orders placed in `from..to` (milliseconds), oldest first.
fn orders_between(
    db: &Database,
    customer: u32,
    from: u64,
    to: u64,
) -> Result<Vec<String>, redb::Error> {
    let (start, end) = (order_key(customer, from), order_key(customer, to));
    let table = db.begin_read()?.open_table(ORDERS)?;
    let mut orders = Vec::new();
    for entry in table.range(&start[..]..&end[..])? {
        orders.push(entry?.1.value().to_owned());
    }
    Ok(orders)
}

/// The customer's `n` most recent orders, newest first: the same range, read backwards.
fn latest_orders(db: &Database, customer: u32, n: usize) -> Result<Vec<String>, redb::Error> {
    let (start, end) = (order_key(customer, 0), order_key(customer, u64::MAX));
    let table = db.begin_read()?.open_table(ORDERS)?;
    let mut orders = Vec::new();
    for entry in table.range(&start[..]..=&end[..])?.rev().take(n) {
        orders.push(entry?.1.value().to_owned());
    }
    Ok(orders)
}

fn main() -> Result<(), redb::Error> {
    // `cargo run -p exercises-nosql --bin composite_key1` runs this.
    let dir = tempdir::TempDir::new();
    let db = Database::create(dir.join("shop.redb"))?;
    add_order(&db, 1, 100, "a book")?;
    add_order(&db, 256, 50, "a lamp")?;
    add_order(&db, 1, 300, "a pen")?;
    println!(
        "customer 1, 0..1000 ms: {:?}",
        orders_between(&db, 1, 0, 1_000)?
    );
    println!("customer 1, latest: {:?}", latest_orders(&db, 1, 1)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Customers 1, 2 and 256, with orders on both sides of 256 ms and 65 536 ms.
    fn shop(dir: &tempdir::TempDir) -> Database {
        let db = Database::create(dir.join("shop.redb")).unwrap();
        for (customer, at) in [
            (1, 100),
            (1, 300),
            (1, 70_000),
            (2, 200),
            (256, 150),
            (256, 5),
            (1, 20),
        ] {
            add_order(&db, customer, at, &format!("c{customer}@{at}")).unwrap();
        }
        db
    }

    #[test]
    fn a_time_window_of_one_customer() {
        let dir = tempdir::TempDir::new();
        let db = shop(&dir);
        assert_eq!(
            orders_between(&db, 1, 50, 1_000).unwrap(),
            ["c1@100", "c1@300"],
            "customer 1's orders from 50 to 1000 ms, oldest first: 300 comes after 100"
        );
        assert_eq!(
            orders_between(&db, 1, 0, 100_000).unwrap(),
            ["c1@20", "c1@100", "c1@300", "c1@70000"],
            "all of customer 1's orders, in time order, and no one else's"
        );
    }

    #[test]
    fn customers_do_not_mix() {
        let dir = tempdir::TempDir::new();
        let db = shop(&dir);
        assert_eq!(
            orders_between(&db, 256, 0, 1_000).unwrap(),
            ["c256@5", "c256@150"],
            "customer 256's orders only: its key must sort after customer 2's and before 257's"
        );
        assert_eq!(
            orders_between(&db, 2, 0, u64::MAX).unwrap(),
            ["c2@200"],
            "customer 2 has one order"
        );
    }

    #[test]
    fn the_latest_orders_come_from_reading_backwards() {
        let dir = tempdir::TempDir::new();
        let db = shop(&dir);
        assert_eq!(
            latest_orders(&db, 1, 2).unwrap(),
            ["c1@70000", "c1@300"],
            "customer 1's two most recent orders, newest first"
        );
        assert_eq!(
            latest_orders(&db, 3, 5).unwrap(),
            Vec::<String>::new(),
            "customer 3 has no orders"
        );
    }
}

// outbox1: the transactional outbox
//
// When an order is placed, the shop saves it and tells the shipping service through a
// queue. Doing both is the "dual write" problem: save the order, then crash before
// enqueueing, and shipping never hears of it; enqueue first, then fail to save, and
// shipping sends goods for an order that does not exist. A database transaction can't
// include the queue.
//
// The outbox pattern: in the same transaction as the order, insert the event into an
// `outbox` table in the shop's own database. Either both are saved or neither is. A relay
// then moves the outbox rows to the queue (relay1, next).
//
// Fix `place_order`: save the order and its event together.

#[path = "support/shop.rs"]
mod shop;

use rusqlite::{Connection, params};

/// Saves an order and its `order_placed` event, both or neither. Returns the order id.
pub fn place_order(
    conn: &mut Connection,
    customer: &str,
    total_cents: i64,
) -> rusqlite::Result<i64> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO orders (customer, total_cents) VALUES (?1, ?2)",
        params![customer, total_cents],
    )?;
    let order_id = tx.last_insert_rowid();
    let payload = serde_json::json!({ "order_id": order_id, "customer": customer }).to_string();
    tx.execute(
        "INSERT INTO outbox (topic, payload) VALUES ('order_placed', ?1)",
        [payload],
    )?;
    tx.commit()?;
    Ok(order_id)
}

fn main() {
    let mut shop = shop::open_shop_db();
    for (customer, total) in [("ada", 1200), ("grace", 800)] {
        let id = place_order(&mut shop, customer, total).unwrap();
        println!("order {id} placed for {customer}");
    }
    for row in shop::unsent(&shop).unwrap() {
        println!("outbox row {}: {} {}", row.id, row.topic, row.payload);
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn an_order_and_its_event_are_saved_together() {
        let mut shop = shop::open_shop_db();
        assert_eq!(
            place_order(&mut shop, "ada", 1200),
            Ok(1),
            "the first order gets id 1"
        );
        let orders = count(&shop, "SELECT COUNT(*) FROM orders");
        assert_eq!(orders, 1, "the order is saved");
        let pending = shop::unsent(&shop).unwrap();
        assert_eq!(pending.len(), 1, "one order, one event in the outbox");
        assert_eq!(pending[0].topic, "order_placed", "the event's topic");
        assert_eq!(
            pending[0].payload, r#"{"customer":"ada","order_id":1}"#,
            "the event names the order"
        );
    }

    #[test]
    fn when_the_event_cannot_be_saved_the_order_is_not_saved_either() {
        let mut shop = shop::open_shop_db();
        // Make every insert into the outbox fail, as a full disk would.
        shop.execute_batch(
            "CREATE TRIGGER disk_full BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
        let placed = place_order(&mut shop, "ada", 1200);
        assert!(
            placed.is_err(),
            "the event could not be saved, so the order fails"
        );
        assert_eq!(
            count(&shop, "SELECT COUNT(*) FROM orders"),
            0,
            "an order without its event: shipping would never hear of it"
        );
    }
}

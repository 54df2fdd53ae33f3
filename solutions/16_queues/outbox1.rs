// outbox1: the transactional outbox
//
// A placed order must reach the shipping service through a queue. Save the order and crash
// before enqueueing, and shipping never hears of it; enqueue first and fail to save, and it
// ships an order that does not exist (the "dual write" problem). The outbox pattern: insert
// the event into an `outbox` table in the same transaction as the order; a relay moves it to
// the queue later (relay1, next).
//
// Fix `place_order`: save the order and its event together.

#[path = "support/faults.rs"]
mod faults;
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
    let sql = "INSERT INTO orders (customer, total_cents) VALUES (?1, ?2)";
    tx.execute(sql, params![customer, total_cents])?;
    let order_id = tx.last_insert_rowid();
    let payload = serde_json::json!({ "order_id": order_id, "customer": customer }).to_string();
    let sql = "INSERT INTO outbox (topic, payload) VALUES ('order_placed', ?1)";
    tx.execute(sql, [payload])?;
    tx.commit()?;
    Ok(order_id)
}

fn main() {
    let mut shop = shop::open_shop_db();
    let id = place_order(&mut shop, "ada", 1200).unwrap();
    println!(
        "order {id} placed; the outbox holds {:?}",
        shop::unsent(&shop).unwrap()
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_and_its_event_are_saved_together() {
        let mut shop = shop::open_shop_db();
        let placed = place_order(&mut shop, "ada", 1200);
        assert_eq!(placed, Ok(1), "the first order is saved with id 1");
        let events: Vec<String> = shop::unsent(&shop)
            .unwrap()
            .into_iter()
            .map(|row| row.payload)
            .collect();
        let why = "one order, one event in the outbox, naming the order";
        assert_eq!(events, [r#"{"customer":"ada","order_id":1}"#], "{why}");
    }

    #[test]
    fn when_the_event_cannot_be_saved_the_order_is_not_saved_either() {
        let mut shop = shop::open_shop_db();
        faults::break_writes(&shop, "INSERT", "outbox", "disk full");
        let failed = place_order(&mut shop, "ada", 1200).is_err();
        assert!(
            failed,
            "the event could not be saved, so placing the order fails"
        );
        let why = "an order saved without its event: shipping would never hear of it";
        assert_eq!(shop::order_count(&shop), 0, "{why}");
    }
}

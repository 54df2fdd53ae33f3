// outbox1: the transactional outbox, and a consumer that drops duplicates
//
// When an order is placed, the shop saves it and tells the shipping service through a
// message queue (Kafka, RabbitMQ, SQS...). Doing both is the "dual write" problem: save the
// order, then crash before publishing, and shipping never hears of it; publish first, then
// fail to save, and shipping sends goods for an order that does not exist. A database
// transaction can't include the queue.
//
// The outbox pattern: in the same transaction as the order, insert the event into an
// `outbox` table. Either both are saved or neither is. A separate relay then reads the
// pending events in order, publishes each one, and only after that marks it as published. If
// the relay crashes between publishing and marking, it publishes that event again when it
// restarts: delivery is "at least once", never "at most once". So the consumer must drop
// duplicates: it records the id of every event it has handled (an "inbox") in the same
// transaction as its own change, and skips ids it has seen.
//
// Here the shop and the shipping service each have their own SQLite database, and
// "publishing" is a function the tests pass in (sometimes the broker is down).
//
// Fix `place_order` (TODO 1), `relay` (TODO 2) and `handle_event` (TODO 3).

use rusqlite::{Connection, params};

/// The shop's database: orders and the outbox.
pub fn open_shop_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE orders (
             id INTEGER PRIMARY KEY,
             customer TEXT NOT NULL,
             total_cents INTEGER NOT NULL
         );
         CREATE TABLE outbox (
             id INTEGER PRIMARY KEY,
             topic TEXT NOT NULL,
             payload TEXT NOT NULL,
             published INTEGER NOT NULL DEFAULT 0
         );",
    )
    .unwrap();
    conn
}

/// The shipping service's database: shipments, and the ids of the events it has handled.
pub fn open_shipping_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE shipments (
             id INTEGER PRIMARY KEY,
             order_id INTEGER NOT NULL,
             customer TEXT NOT NULL
         );
         CREATE TABLE processed_events (event_id INTEGER PRIMARY KEY);",
    )
    .unwrap();
    conn
}

/// An event as it travels from the outbox to the consumer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub topic: String,
    pub payload: String,
}

/// The broker could not take the message.
#[derive(Debug, PartialEq, Eq)]
pub struct BrokerDown;

/// Saves an order and its `order_placed` event, both or neither. Returns the order id.
pub fn place_order(
    conn: &mut Connection,
    customer: &str,
    total_cents: i64,
) -> rusqlite::Result<i64> {
    // TODO 1: these are two separate writes: if the second one fails, the order stays saved
    // without its event. Make them one transaction (`conn.transaction()`, then `commit`).
    conn.execute(
        "INSERT INTO orders (customer, total_cents) VALUES (?1, ?2)",
        params![customer, total_cents],
    )?;
    let order_id = conn.last_insert_rowid();
    let payload = serde_json::json!({ "order_id": order_id, "customer": customer }).to_string();
    conn.execute(
        "INSERT INTO outbox (topic, payload) VALUES ('order_placed', ?1)",
        [payload],
    )?;
    Ok(order_id)
}

/// The events not published yet, oldest first.
fn pending_events(conn: &Connection) -> rusqlite::Result<Vec<Event>> {
    let mut stmt =
        conn.prepare("SELECT id, topic, payload FROM outbox WHERE published = 0 ORDER BY id")?;
    let events = stmt.query_map([], |row| {
        Ok(Event {
            id: row.get(0)?,
            topic: row.get(1)?,
            payload: row.get(2)?,
        })
    })?;
    events.collect()
}

fn mark_published(conn: &Connection, event_id: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE outbox SET published = 1 WHERE id = ?1", [event_id])?;
    Ok(())
}

/// Publishes the pending events in order. Stops at the first one the broker refuses (it
/// stays pending for the next run). Returns how many events were published.
pub fn relay(
    conn: &Connection,
    mut publish: impl FnMut(&Event) -> Result<(), BrokerDown>,
) -> rusqlite::Result<usize> {
    let mut published = 0;
    for event in pending_events(conn)? {
        // TODO 2: marking first and publishing second loses the event whenever the broker is
        // down (or the relay crashes in between): at most once. Make it at least once.
        mark_published(conn, event.id)?;
        if publish(&event).is_err() {
            break;
        }
        published += 1;
    }
    Ok(published)
}

/// The shipping service's consumer. Returns `true` if the event was applied, `false` if it
/// was a duplicate and skipped.
pub fn handle_event(conn: &mut Connection, event: &Event) -> rusqlite::Result<bool> {
    // TODO 3: the same event can arrive more than once. In one transaction, record
    // `event.id` in `processed_events` (`INSERT OR IGNORE` changes 0 rows for an id that is
    // there already: `execute` returns that number) and skip events seen before.
    let order: serde_json::Value = serde_json::from_str(&event.payload).unwrap();
    conn.execute(
        "INSERT INTO shipments (order_id, customer) VALUES (?1, ?2)",
        params![order["order_id"].as_i64(), order["customer"].as_str()],
    )?;
    Ok(true)
}

fn main() {
    let mut shop = open_shop_db();
    let mut shipping = open_shipping_db();
    for (customer, total) in [("ada", 1200), ("grace", 800)] {
        let id = place_order(&mut shop, customer, total).unwrap();
        println!("order {id} placed for {customer}");
    }
    let sent = relay(&shop, |event| {
        let applied = handle_event(&mut shipping, event).unwrap();
        println!("event {} delivered, applied: {applied}", event.id);
        Ok(())
    })
    .unwrap();
    println!("{sent} events published");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    fn order_ids(events: &[Event]) -> Vec<i64> {
        events
            .iter()
            .map(|e| {
                let v: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
                v["order_id"].as_i64().unwrap()
            })
            .collect()
    }

    #[test]
    fn an_order_and_its_event_are_saved_together() {
        let mut shop = open_shop_db();
        assert_eq!(place_order(&mut shop, "ada", 1200), Ok(1));
        assert_eq!(count(&shop, "SELECT COUNT(*) FROM orders"), 1);
        let pending = pending_events(&shop).unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].topic, "order_placed");
        assert_eq!(pending[0].payload, r#"{"customer":"ada","order_id":1}"#);
    }

    #[test]
    fn when_the_event_cannot_be_saved_the_order_is_not_saved_either() {
        let mut shop = open_shop_db();
        // Make every insert into the outbox fail, as a full disk would.
        shop.execute_batch(
            "CREATE TRIGGER disk_full BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
        assert!(place_order(&mut shop, "ada", 1200).is_err());
        assert_eq!(
            count(&shop, "SELECT COUNT(*) FROM orders"),
            0,
            "an order without its event: shipping would never hear of it"
        );
    }

    #[test]
    fn the_relay_publishes_each_pending_event_once_in_order() {
        let mut shop = open_shop_db();
        for customer in ["ada", "grace", "linus"] {
            place_order(&mut shop, customer, 100).unwrap();
        }
        let mut broker = Vec::new();
        let sent = relay(&shop, |event| {
            broker.push(event.clone());
            Ok(())
        });
        assert_eq!(sent, Ok(3));
        assert_eq!(order_ids(&broker), vec![1, 2, 3]);
        // Nothing is pending any more.
        assert_eq!(relay(&shop, |_| panic!("published again")), Ok(0));
    }

    #[test]
    fn an_event_is_not_lost_when_the_broker_is_down() {
        let mut shop = open_shop_db();
        for customer in ["ada", "grace", "linus"] {
            place_order(&mut shop, customer, 100).unwrap();
        }
        // The broker takes one message, then goes down.
        let mut broker = Vec::new();
        let sent = relay(&shop, |event| {
            if broker.is_empty() {
                broker.push(event.clone());
                Ok(())
            } else {
                Err(BrokerDown)
            }
        });
        assert_eq!(sent, Ok(1));
        assert_eq!(
            count(&shop, "SELECT COUNT(*) FROM outbox WHERE published = 0"),
            2,
            "the refused events must stay pending"
        );
        // The broker is back: the next run sends the rest, in order.
        let sent = relay(&shop, |event| {
            broker.push(event.clone());
            Ok(())
        });
        assert_eq!(sent, Ok(2));
        assert_eq!(order_ids(&broker), vec![1, 2, 3]);
    }

    #[test]
    fn the_consumer_applies_an_event_once() {
        let mut shipping = open_shipping_db();
        let event = Event {
            id: 7,
            topic: "order_placed".to_string(),
            payload: r#"{"customer":"ada","order_id":3}"#.to_string(),
        };
        assert_eq!(handle_event(&mut shipping, &event), Ok(true));
        assert_eq!(
            handle_event(&mut shipping, &event),
            Ok(false),
            "a duplicate"
        );
        assert_eq!(
            handle_event(&mut shipping, &event),
            Ok(false),
            "a duplicate"
        );
        let shipments: Vec<(i64, String)> = shipping
            .prepare("SELECT order_id, customer FROM shipments")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(shipments, vec![(3, "ada".to_string())], "ship once");
    }

    #[test]
    fn a_relay_crash_after_publishing_ships_nothing_twice() {
        let mut shop = open_shop_db();
        let mut shipping = open_shipping_db();
        for customer in ["ada", "grace"] {
            place_order(&mut shop, customer, 100).unwrap();
        }
        // The relay crashes right after publishing, before it can mark the event.
        shop.execute_batch(
            "CREATE TRIGGER crash BEFORE UPDATE ON outbox
             BEGIN SELECT RAISE(ABORT, 'relay crashed'); END;",
        )
        .unwrap();
        let mut deliveries = 0;
        let crashed = relay(&shop, |event| {
            deliveries += 1;
            handle_event(&mut shipping, event).unwrap();
            Ok(())
        });
        assert!(crashed.is_err());
        shop.execute_batch("DROP TRIGGER crash").unwrap();

        // The restarted relay publishes the unmarked event again, and the rest.
        let sent = relay(&shop, |event| {
            deliveries += 1;
            handle_event(&mut shipping, event).unwrap();
            Ok(())
        });
        assert_eq!(sent, Ok(2));
        assert_eq!(deliveries, 3, "event 1 was delivered twice: at least once");
        assert_eq!(
            count(&shipping, "SELECT COUNT(*) FROM shipments"),
            2,
            "one shipment per order, however often the events arrive"
        );
    }
}

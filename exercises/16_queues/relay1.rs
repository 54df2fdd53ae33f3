// relay1: the outbox relay delivers at least once
//
// The relay moves the outbox's unsent rows into the queue and marks them sent. The outbox
// lives in the shop's database and the queue in another, so no transaction covers both:
// whatever order the relay picks, a crash can fall between the two writes. Mark first and
// then crash, and the event is never enqueued: lost ("at most once"). Enqueue first and
// then crash, and the restarted relay enqueues it again: a duplicate ("at least once"),
// which an idempotent consumer drops (the message's id is the outbox row's id).
// A duplicate is an annoyance; a lost order is a lost order.
//
// Fix `relay` so that it delivers every event at least once.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;
#[path = "support/shop.rs"]
mod shop;

use clock::Clock;
use rusqlite::Connection;

/// Moves the unsent outbox rows, oldest first, into the queue. Returns how many it sent.
pub fn relay(shop: &Connection, queue: &Connection, clock: &dyn Clock) -> rusqlite::Result<usize> {
    let mut sent = 0;
    for row in shop::unsent(shop)? {
        // TODO: marking the row first loses it when the enqueue fails or the relay crashes
        // in between. Order the two writes so that a crash can only cause a duplicate.
        shop.execute("UPDATE outbox SET sent = 1 WHERE id = ?1", [row.id])?;
        jobs::enqueue(queue, clock, &row.message())?;
        sent += 1;
    }
    Ok(sent)
}

fn main() {
    let (shop, queue) = (shop::open_shop_db(), jobs::open_queue());
    shop::add_event(&shop, "order_placed", r#"{"order_id":1}"#);
    let sent = relay(&shop, &queue, &clock::SystemClock).unwrap();
    println!("{sent} sent; the queue holds {:?}", jobs::payloads(&queue));
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;

    /// The shop with three events in its outbox, and an empty queue.
    fn setup() -> (Connection, Connection, FakeClock) {
        let shop = shop::open_shop_db();
        for order_id in 1..=3 {
            shop::add_event(
                &shop,
                "order_placed",
                &format!(r#"{{"order_id":{order_id}}}"#),
            );
        }
        (shop, jobs::open_queue(), FakeClock::new())
    }

    /// The message ids in the queue, in the order they were enqueued.
    fn message_ids(queue: &Connection) -> Vec<i64> {
        let payloads = jobs::payloads(queue);
        let ids = payloads.iter().map(|payload| {
            let message: serde_json::Value = serde_json::from_str(payload).unwrap();
            message["id"].as_i64().unwrap()
        });
        ids.collect()
    }

    fn unsent(shop: &Connection) -> i64 {
        jobs::count(shop, "SELECT COUNT(*) FROM outbox WHERE sent = 0")
    }

    #[test]
    fn the_relay_sends_each_row_once_in_order() {
        let (shop, queue, clock) = setup();
        assert_eq!(relay(&shop, &queue, &clock), Ok(3), "three unsent rows");
        assert_eq!(message_ids(&queue), vec![1, 2, 3], "enqueued oldest first");
        assert_eq!(
            relay(&shop, &queue, &clock),
            Ok(0),
            "every row is marked sent"
        );
    }

    #[test]
    fn when_the_queue_is_down_no_event_is_lost() {
        let (shop, queue, clock) = setup();
        queue
            .execute_batch(
                "CREATE TRIGGER down BEFORE INSERT ON jobs
                 BEGIN SELECT RAISE(ABORT, 'queue unavailable'); END;",
            )
            .unwrap();
        assert!(
            relay(&shop, &queue, &clock).is_err(),
            "the queue refused the message"
        );
        assert_eq!(
            unsent(&shop),
            3,
            "a row the queue did not take must stay unsent"
        );
        queue.execute_batch("DROP TRIGGER down").unwrap();
        relay(&shop, &queue, &clock).unwrap();
        assert_eq!(
            message_ids(&queue),
            vec![1, 2, 3],
            "the queue is back: all three arrive"
        );
    }

    #[test]
    fn a_crash_between_the_writes_sends_twice_never_zero_times() {
        let (shop, queue, clock) = setup();
        // The relay crashes before it can mark a row as sent.
        shop.execute_batch(
            "CREATE TRIGGER crash BEFORE UPDATE ON outbox
             BEGIN SELECT RAISE(ABORT, 'relay crashed'); END;",
        )
        .unwrap();
        assert!(relay(&shop, &queue, &clock).is_err(), "the relay crashed");
        shop.execute_batch("DROP TRIGGER crash").unwrap();
        relay(&shop, &queue, &clock).unwrap();
        assert_eq!(
            message_ids(&queue),
            vec![1, 1, 2, 3],
            "the row enqueued before the crash is enqueued again by the restarted relay \
             (at least once); none is missing"
        );
    }
}

// relay1: the outbox relay delivers at least once
//
// The relay moves the outbox's unsent rows into the queue and marks them sent. No
// transaction covers the shop's database and the queue, so a crash can fall between the two
// writes. Mark first, and a crash loses the event ("at most once"); enqueue first, and the
// restarted relay enqueues it again ("at least once"): a duplicate, which an idempotent
// consumer drops by its id. A duplicate is an annoyance; a lost order is a lost order.
//
// Fix `relay` so that it delivers every event at least once.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/faults.rs"]
mod faults;
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
    let (shop, queue) = (shop::with_events(2), jobs::open_queue());
    let sent = relay(&shop, &queue, &clock::SystemClock).unwrap();
    println!("{sent} sent; the queue holds {:?}", jobs::payloads(&queue));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_the_queue_is_down_no_event_is_lost() {
        let (shop, (queue, clock)) = (shop::with_events(3), jobs::queue_with(&[]));
        faults::break_writes(&queue, "INSERT", "jobs", "queue unavailable");
        let failed = relay(&shop, &queue, &clock).is_err();
        assert!(
            failed,
            "the queue refused the message, and relay reports it"
        );
        faults::repair(&queue);
        let why = "a row the queue did not take stays unsent, and is sent once the queue is back";
        assert_eq!(relay(&shop, &queue, &clock), Ok(3), "{why}");
        let ids = jobs::message_ids(&queue);
        assert_eq!(ids, [1, 2, 3], "all three arrive, oldest first");
        assert_eq!(
            relay(&shop, &queue, &clock),
            Ok(0),
            "every row is marked sent"
        );
    }

    #[test]
    fn a_crash_between_the_writes_sends_twice_never_zero_times() {
        let (shop, (queue, clock)) = (shop::with_events(3), jobs::queue_with(&[]));
        faults::break_writes(&shop, "UPDATE", "outbox", "relay crashed");
        let failed = relay(&shop, &queue, &clock).is_err();
        assert!(failed, "the relay crashed at its first UPDATE");
        faults::repair(&shop);
        relay(&shop, &queue, &clock).unwrap();
        let why = "the row enqueued before the crash is enqueued again by the restarted relay \
                   (at least once); none is missing";
        assert_eq!(jobs::message_ids(&queue), [1, 1, 2, 3], "{why}");
    }
}

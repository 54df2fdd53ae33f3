// idempotency2: whose key, and for how long
//
// An idempotency key is made up by the client, so it names an operation only together with
// the caller who made it up. Looked up globally, the key "order-1" sent by two customers
// replays the first customer's payment to the second (their receipt, someone else's data), and
// the second payment is never made. Scope keys to the authenticated principal. And keys don't
// live forever: a retry comes within minutes, so after `KEY_TTL` (24 h, Stripe's choice) the
// same key is a new request, and a periodic job deletes the old rows so the table stays small.
//
// Fix `find_key`: look up only the caller's own key, stored less than `KEY_TTL` ago.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/payments.rs"]
mod payments;

use std::time::Duration;

use payments::{KEY_TTL, Stored, millis, stored};
use rusqlite::{Connection, OptionalExtension, params};

/// The response stored for `principal`'s `key`, unless it is older than `KEY_TTL` at `now`.
fn find_key(
    conn: &Connection,
    principal: &str,
    key: &str,
    now: Duration,
) -> rusqlite::Result<Option<Stored>> {
    let oldest = millis(now) - millis(KEY_TTL);
    let sql = "SELECT request_hash, status, body FROM idempotency_keys
               WHERE principal = ?1 AND key = ?2 AND created_at_ms > ?3";
    conn.query_row(sql, params![principal, key, oldest], stored)
        .optional()
}

fn main() {
    println!("Run the tests: two callers share a key, and time passes.");
}

#[cfg(test)]
mod tests {
    use crate::payments::{KEY_TTL, PAY_BOB, Payments, app, pay};
    use std::time::Duration;

    #[tokio::test]
    async fn the_same_key_from_another_caller_is_a_new_request() {
        let state = Payments::new(super::find_key);
        let app = app(state.clone());
        let alice = pay(&app, "alice", "order-1", PAY_BOB).await;
        let mallory = pay(&app, "mallory", "order-1", PAY_BOB).await;
        assert!(
            !mallory.replayed,
            "mallory's order-1 is not alice's: no replay of {}",
            alice.body
        );
        assert_eq!(
            mallory.status, 201,
            "mallory's payment is made: {}",
            mallory.body
        );
        assert_eq!(state.payments(), 2, "two callers, two payments");
        let again = pay(&app, "alice", "order-1", PAY_BOB).await;
        assert!(
            again.replayed && again.body == alice.body,
            "alice's own retry still replays hers"
        );
    }

    #[tokio::test]
    async fn an_expired_key_is_a_new_request() {
        let state = Payments::new(super::find_key);
        let app = app(state.clone());
        pay(&app, "alice", "k-1", PAY_BOB).await;
        state.clock.advance(KEY_TTL - Duration::from_secs(60));
        assert!(
            pay(&app, "alice", "k-1", PAY_BOB).await.replayed,
            "a minute before the TTL: replayed"
        );
        state.clock.advance(Duration::from_secs(120));
        let late = pay(&app, "alice", "k-1", PAY_BOB).await;
        assert!(
            !late.replayed,
            "24 h after, the key has expired: a new request, not a replay"
        );
        assert_eq!(
            state.payments(),
            2,
            "the expired key's request is a new payment: {}",
            late.body
        );
    }
}

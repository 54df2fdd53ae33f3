// idempotency2: whose key, and for how long
//
// A client makes its keys up, so a key names an operation only with its caller. Looked up
// globally, "order-1" from two customers replays the first one's payment (someone else's
// data) to the second, whose payment is never made: scope keys to the authenticated
// principal. And a retry comes within minutes: after `KEY_TTL` (24 h, as at Stripe) a key is
// a new request, and a periodic job deletes the old rows.
//
// Fix `find_key`: look up only the caller's own key, stored less than `KEY_TTL` ago.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/payments.rs"]
mod payments;

use std::time::Duration;

use payments::{KEY_TTL, Stored, millis, stored};
use rusqlite::{Connection, OptionalExtension, Result, params};

/// The response stored for `principal`'s `key`, unless it is older than `KEY_TTL` at `now`.
fn find_key(db: &Connection, principal: &str, key: &str, now: Duration) -> Result<Option<Stored>> {
    let oldest = millis(now) - millis(KEY_TTL);
    let sql = "SELECT request_hash, status, body FROM idempotency_keys
               WHERE principal = ?1 AND key = ?2 AND created_at_ms > ?3";
    db.query_row(sql, params![principal, key, oldest], stored)
        .optional()
}

fn main() {
    let state = payments::Payments::new(find_key);
    let found = find_key(&state.db.lock().unwrap(), "alice", "k-1", KEY_TTL);
    println!("alice's k-1 in an empty store: {found:?}");
}

#[cfg(test)]
mod tests {
    use crate::payments::{KEY_TTL, MINUTE, PAY_BOB, pay, serve};

    #[tokio::test]
    async fn the_same_key_from_another_caller_is_a_new_request() {
        let (state, app) = serve(super::find_key);
        let alice = pay(&app, "alice", "order-1", PAY_BOB).await;
        let mallory = pay(&app, "mallory", "order-1", PAY_BOB).await;
        let why = format!(
            "mallory's order-1 is not alice's: {} is not hers",
            alice.body
        );
        assert_eq!(mallory.kind(), "paid", "{why}");
        assert_eq!(state.payments(), 2, "two callers, two payments");
        let again = pay(&app, "alice", "order-1", PAY_BOB).await;
        assert_eq!(
            again.kind(),
            "replayed",
            "alice's own retry still replays hers"
        );
    }

    #[tokio::test]
    async fn an_expired_key_is_a_new_request() {
        let (state, app) = serve(super::find_key);
        pay(&app, "alice", "k-1", PAY_BOB).await;
        state.clock.advance(KEY_TTL - MINUTE);
        let retry = pay(&app, "alice", "k-1", PAY_BOB).await;
        assert_eq!(
            retry.kind(),
            "replayed",
            "a minute before the 24 h TTL: a replay"
        );
        state.clock.advance(2 * MINUTE);
        let late = pay(&app, "alice", "k-1", PAY_BOB).await;
        assert_eq!(
            late.kind(),
            "paid",
            "a minute after the 24 h TTL the key has expired"
        );
        assert_eq!(
            state.payments(),
            2,
            "the expired key's request is a new payment"
        );
    }
}

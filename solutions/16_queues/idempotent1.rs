// idempotent1: an idempotent consumer
//
// A queue that hides jobs instead of deleting them delivers "at least once": a consumer that
// did the work but died before its ack gets the message again. Exactly-once *effect* is
// still possible: the consumer records each message id in `processed_messages` in the same
// transaction as its effect, and skips a message whose id is there already.
//
// Fix `handle`: apply a deposit once, however often it is delivered.

#[path = "support/bank.rs"]
mod bank;
#[path = "support/faults.rs"]
mod faults;

use rusqlite::{Connection, params};
use serde_json::Value;

/// Applies a deposit message, `{"id": "dep-1", "account": "ada", "cents": 500}`. Returns
/// `true` if it was applied, `false` if it was a duplicate.
pub fn handle(conn: &mut Connection, payload: &str) -> rusqlite::Result<bool> {
    let deposit: Value = serde_json::from_str(payload).expect("a deposit message");
    let tx = conn.transaction()?;
    let first_time = tx.execute(
        "INSERT OR IGNORE INTO processed_messages (message_id) VALUES (?1)",
        [deposit["id"].as_str()],
    )? == 1;
    if !first_time {
        return Ok(false);
    }
    tx.execute(
        "UPDATE balances SET cents = cents + ?2 WHERE account = ?1",
        params![deposit["account"].as_str(), deposit["cents"].as_i64()],
    )?;
    tx.commit()?;
    Ok(true)
}

fn main() {
    let mut bank = bank::open_bank();
    let deposit = r#"{"id": "dep-1", "account": "ada", "cents": 500}"#;
    for _ in 0..2 {
        println!("applied: {}", handle(&mut bank, deposit).unwrap());
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const DEPOSIT: &str = r#"{"id": "dep-1", "account": "ada", "cents": 500}"#;

    #[test]
    fn a_message_delivered_twice_is_applied_once() {
        let mut bank = bank::open_bank();
        let first = handle(&mut bank, DEPOSIT);
        assert_eq!(first, Ok(true), "the first delivery is applied");
        // The consumer dies before its ack; after the visibility timeout the job comes back.
        let why = "the same message id again: a duplicate, skipped";
        assert_eq!(handle(&mut bank, DEPOSIT), Ok(false), "{why}");
        let why = "at-least-once delivery, exactly-once effect: ada was credited once";
        assert_eq!(bank::balance(&bank), 500, "{why}");
    }

    #[test]
    fn a_deposit_that_failed_is_not_marked_as_done() {
        let mut bank = bank::open_bank();
        faults::break_writes(&bank, "UPDATE", "balances", "disk full");
        assert!(
            handle(&mut bank, DEPOSIT).is_err(),
            "the balance could not be updated"
        );
        faults::repair(&bank);
        let why = "the failed delivery must leave no mark, or its retry is skipped: record \\
                   the id in the same transaction as the effect";
        assert_eq!(handle(&mut bank, DEPOSIT), Ok(true), "{why}");
        assert_eq!(bank::balance(&bank), 500, "the retry credited ada");
    }
}

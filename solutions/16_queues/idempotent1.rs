// idempotent1: an idempotent consumer
//
// A queue that hides jobs instead of deleting them delivers "at least once": a consumer
// that did the work but died before its ack gets the same message again after the
// visibility timeout. Exactly-once delivery is not on offer; exactly-once *effect* is, if
// the consumer remembers what it has done. It records each message id in a
// `processed_messages` table in the same transaction as its effect: both are saved or
// neither, and a message whose id is there already is skipped.
//
// Fix `handle`: apply a deposit once, however often it is delivered.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/jobs.rs"]
mod jobs;
#[path = "support/queue.rs"]
mod queue;

use rusqlite::{Connection, params};
use serde_json::Value;

/// The bank's database: balances, and the ids of the messages already applied.
pub fn open_bank() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE balances (account TEXT PRIMARY KEY, cents INTEGER NOT NULL);
         CREATE TABLE processed_messages (message_id TEXT PRIMARY KEY);
         INSERT INTO balances VALUES ('ada', 0);",
    )
    .unwrap();
    conn
}

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
    let mut bank = open_bank();
    let deposit = r#"{"id": "dep-1", "account": "ada", "cents": 500}"#;
    for _ in 0..2 {
        println!("applied: {}", handle(&mut bank, deposit).unwrap());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;
    use queue::{VISIBILITY_TIMEOUT, claim};

    const DEPOSIT: &str = r#"{"id": "dep-1", "account": "ada", "cents": 500}"#;

    fn balance(bank: &Connection) -> i64 {
        jobs::count(bank, "SELECT cents FROM balances WHERE account = 'ada'")
    }

    #[test]
    fn a_message_delivered_twice_is_applied_once() {
        let mut bank = open_bank();
        assert_eq!(
            handle(&mut bank, DEPOSIT),
            Ok(true),
            "the first delivery is applied"
        );
        assert_eq!(
            handle(&mut bank, DEPOSIT),
            Ok(false),
            "the same message id again: a duplicate"
        );
        assert_eq!(balance(&bank), 500, "ada was credited once");
    }

    #[test]
    fn a_consumer_that_died_before_its_ack_does_no_harm() {
        let (queue, clock, mut bank) = (jobs::open_queue(), FakeClock::new(), open_bank());
        jobs::enqueue(&queue, &clock, DEPOSIT).unwrap();
        let job = claim(&queue, &clock, VISIBILITY_TIMEOUT)
            .unwrap()
            .expect("one job");
        handle(&mut bank, &job.payload).unwrap();
        // The consumer dies here, before `jobs::ack`. The job comes back.
        clock.advance(VISIBILITY_TIMEOUT);
        let again = claim(&queue, &clock, VISIBILITY_TIMEOUT)
            .unwrap()
            .expect("a redelivery");
        let applied = handle(&mut bank, &again.payload).unwrap();
        jobs::ack(&queue, again.id).unwrap();
        assert!(!applied, "the redelivered deposit was applied already");
        assert_eq!(
            balance(&bank),
            500,
            "at-least-once delivery, exactly-once effect"
        );
    }

    #[test]
    fn a_deposit_that_failed_is_not_marked_as_done() {
        let mut bank = open_bank();
        bank.execute_batch(
            "CREATE TRIGGER disk_full BEFORE UPDATE ON balances
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
        assert!(
            handle(&mut bank, DEPOSIT).is_err(),
            "the balance could not be updated"
        );
        bank.execute_batch("DROP TRIGGER disk_full").unwrap();
        assert_eq!(
            handle(&mut bank, DEPOSIT),
            Ok(true),
            "the failed delivery must leave no mark, or its retry is skipped: \
             record the id in the same transaction as the effect"
        );
        assert_eq!(balance(&bank), 500, "the retry credited ada");
    }
}

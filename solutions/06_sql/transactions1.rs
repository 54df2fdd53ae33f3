// transactions1: all or nothing
//
// Moving money takes two statements: take it from one account, add it to the other. If the
// program stops between them (an error, a crash, a power cut), the money has left one
// account and reached no other. A *transaction* groups statements so that all of them take
// effect or none does: the "A" (atomicity) of ACID.
//
// In rusqlite, `conn.transaction()` starts one (`BEGIN`) and returns a `Transaction`, which
// you use like the connection itself (it derefs to `&Connection`). `tx.commit()` makes the
// changes permanent (`COMMIT`). A `Transaction` dropped without a commit, for example
// because `?` returned early, rolls everything back (`ROLLBACK`). Until the commit, no
// other connection sees the changes either.
//
// `move_money` (in `support/bank.rs`) is right statement by statement, but a failure after
// its first UPDATE leaves that UPDATE in place. Make `transfer_all` all-or-nothing (and with
// it `transfer`, a batch of one).

#[path = "support/bank.rs"]
mod bank;

use bank::{TransferError, move_money};
use rusqlite::Connection;

/// Applies every `(from, to, amount_cents)` transfer in order, or none of them if one fails.
fn transfer_all(conn: &mut Connection, transfers: &[(i64, i64, i64)]) -> Result<(), TransferError> {
    // TODO: make the batch one transaction: start it here instead of using the connection
    // as it is, and commit it once every transfer went through.
    let db = conn.transaction()?;
    for &(from, to, amount_cents) in transfers {
        move_money(&db, from, to, amount_cents)?;
    }
    db.commit()?;
    Ok(())
}

/// Moves `amount_cents` from `from` to `to`, completely or not at all.
fn transfer(conn: &mut Connection, from: i64, to: i64, amount: i64) -> Result<(), TransferError> {
    transfer_all(conn, &[(from, to, amount)])
}

fn main() {
    let mut conn = bank::accounts();
    println!("ada -> nobody: {:?}", transfer(&mut conn, 1, 99, 2500));
    println!("balances: {:?}", bank::balances(&conn));
}

#[cfg(test)]
mod tests {
    use super::*;
    use bank::balances;

    #[test]
    fn a_failed_transfer_changes_nothing() {
        let mut conn = bank::accounts();
        let to_nobody = transfer(&mut conn, 1, 99, 2500);
        let want = Err(TransferError::UnknownAccount(99));
        assert_eq!(to_nobody, want, "there is no account 99");
        let after = balances(&conn);
        assert_eq!(after, [10000, 5000, 0], "ada's debit must roll back");
        assert!(conn.is_autocommit(), "no transaction may be left open");
        assert_eq!(transfer(&mut conn, 1, 2, 2500), Ok(()), "ada pays grace");
        let after = balances(&conn);
        let why = "25.00 moved from ada to grace, for good (did you commit?)";
        assert_eq!(after, [7500, 7500, 0], "{why}");
    }

    #[test]
    fn a_failing_transfer_cancels_the_whole_batch() {
        let mut conn = bank::accounts();
        let batch = [(1, 3, 3000), (3, 2, 1000), (2, 1, 9000)];
        let result = transfer_all(&mut conn, &batch);
        let want = Err(TransferError::InsufficientFunds);
        assert_eq!(result, want, "grace has 60.00, not 90.00");
        let after = balances(&conn);
        assert_eq!(after, [10000, 5000, 0], "the first two must roll back");
        assert!(conn.is_autocommit(), "no transaction may be left open");
    }
}

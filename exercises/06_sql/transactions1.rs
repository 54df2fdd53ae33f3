// transactions1: all or nothing
//
// Moving money between two accounts takes two statements: take it from one, add it to the
// other. If the program stops between them (an error, a crash, a power cut), the money has
// left one account and reached no other. A *transaction* groups statements so that either
// all of them take effect or none does: that is the "A" (atomicity) of ACID.
//
// In rusqlite, `conn.transaction()` starts one (SQL's `BEGIN`) and returns a `Transaction`,
// which you use like the connection itself (it derefs to `&Connection`). `tx.commit()` makes
// the changes permanent (`COMMIT`). If the `Transaction` is dropped without a commit (for
// example because `?` returned early with an error), it rolls everything back (`ROLLBACK`).
// Until the commit, no other connection sees the changes either.
//
// `move_money` below is correct statement by statement, but a failure after its first
// UPDATE leaves that UPDATE in place. Make `transfer` and `transfer_all` all-or-nothing.

use rusqlite::{Connection, params};

fn seed(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE accounts (
            id            INTEGER PRIMARY KEY,
            owner         TEXT NOT NULL,
            balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
        );
        INSERT INTO accounts (id, owner, balance_cents) VALUES
            (1, 'ada', 10000),
            (2, 'grace', 5000),
            (3, 'linus', 0);",
    )
}

#[derive(Debug, PartialEq)]
enum TransferError {
    /// The balance would go below zero (the CHECK constraint refused it).
    InsufficientFunds,
    /// There is no account with this id.
    UnknownAccount(i64),
    /// Any other database error.
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for TransferError {
    fn from(err: rusqlite::Error) -> Self {
        TransferError::Db(err)
    }
}

/// Takes `amount_cents` from account `from` and adds it to account `to`. Two statements:
/// not safe on its own.
fn move_money(
    conn: &Connection,
    from: i64,
    to: i64,
    amount_cents: i64,
) -> Result<(), TransferError> {
    let debited = conn
        .execute(
            "UPDATE accounts SET balance_cents = balance_cents - ?2 WHERE id = ?1",
            params![from, amount_cents],
        )
        .map_err(|err| match err.sqlite_error() {
            Some(e) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_CHECK => {
                TransferError::InsufficientFunds
            }
            _ => TransferError::Db(err),
        })?;
    if debited == 0 {
        return Err(TransferError::UnknownAccount(from));
    }
    let credited = conn.execute(
        "UPDATE accounts SET balance_cents = balance_cents + ?2 WHERE id = ?1",
        params![to, amount_cents],
    )?;
    if credited == 0 {
        return Err(TransferError::UnknownAccount(to));
    }
    Ok(())
}

/// Moves `amount_cents` from `from` to `to`, completely or not at all.
fn transfer(
    conn: &mut Connection,
    from: i64,
    to: i64,
    amount_cents: i64,
) -> Result<(), TransferError> {
    // TODO: run `move_money` inside a transaction, and commit only if it succeeded.
    move_money(conn, from, to, amount_cents)
}

/// Applies every `(from, to, amount_cents)` transfer in order, or none of them if one fails.
fn transfer_all(conn: &mut Connection, transfers: &[(i64, i64, i64)]) -> Result<(), TransferError> {
    // TODO: one transaction around the whole batch.
    for &(from, to, amount_cents) in transfers {
        move_money(conn, from, to, amount_cents)?;
    }
    Ok(())
}

fn balances(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT balance_cents FROM accounts ORDER BY id")?;
    stmt.query_map([], |row| row.get(0))?.collect()
}

fn main() -> rusqlite::Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin transactions1` runs this.
    let mut conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("before: {:?}", balances(&conn)?);
    println!("ada -> nobody: {:?}", transfer(&mut conn, 1, 99, 2500));
    println!("after: {:?}", balances(&conn)?);
    let batch = [(1, 3, 3000), (3, 2, 5000)];
    println!("a batch: {:?}", transfer_all(&mut conn, &batch));
    println!("after: {:?}", balances(&conn)?);
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        seed(&conn).unwrap();
        conn
    }

    /// The balances of accounts 1, 2 and 3.
    fn balances_of(conn: &Connection) -> Vec<i64> {
        balances(conn).unwrap()
    }

    #[test]
    fn a_transfer_moves_the_money() {
        let mut conn = db();
        assert_eq!(transfer(&mut conn, 1, 2, 2500), Ok(()));
        assert_eq!(balances_of(&conn), [7500, 7500, 0]);
        assert_eq!(transfer(&mut conn, 2, 3, 7500), Ok(()));
        assert_eq!(balances_of(&conn), [7500, 0, 7500]);
    }

    #[test]
    fn insufficient_funds_change_nothing() {
        let mut conn = db();
        assert_eq!(
            transfer(&mut conn, 2, 1, 5001),
            Err(TransferError::InsufficientFunds)
        );
        assert_eq!(balances_of(&conn), [10000, 5000, 0]);
    }

    #[test]
    fn an_unknown_source_changes_nothing() {
        let mut conn = db();
        assert_eq!(
            transfer(&mut conn, 99, 1, 100),
            Err(TransferError::UnknownAccount(99))
        );
        assert_eq!(balances_of(&conn), [10000, 5000, 0]);
    }

    #[test]
    fn an_unknown_destination_changes_nothing() {
        let mut conn = db();
        assert_eq!(
            transfer(&mut conn, 1, 99, 2500),
            Err(TransferError::UnknownAccount(99))
        );
        // The 25.00 must still be in ada's account, not lost on the way.
        assert_eq!(balances_of(&conn), [10000, 5000, 0]);
        // And no transaction is left open on the connection.
        assert!(conn.is_autocommit());
        assert_eq!(transfer(&mut conn, 1, 3, 100), Ok(()));
        assert_eq!(balances_of(&conn), [9900, 5000, 100]);
    }

    #[test]
    fn a_batch_applies_every_transfer() {
        let mut conn = db();
        assert_eq!(
            transfer_all(&mut conn, &[(1, 3, 3000), (3, 2, 1000), (2, 1, 500)]),
            Ok(())
        );
        assert_eq!(balances_of(&conn), [7500, 5500, 2000]);
        assert_eq!(transfer_all(&mut conn, &[]), Ok(()));
        assert_eq!(balances_of(&conn), [7500, 5500, 2000]);
    }

    #[test]
    fn a_failing_transfer_cancels_the_whole_batch() {
        let mut conn = db();
        // The first two work; grace then has 60.00 and cannot send 90.00.
        assert_eq!(
            transfer_all(&mut conn, &[(1, 3, 3000), (3, 2, 1000), (2, 1, 9000)]),
            Err(TransferError::InsufficientFunds)
        );
        assert_eq!(balances_of(&conn), [10000, 5000, 0]);
        assert!(conn.is_autocommit());
        assert_eq!(
            transfer_all(&mut conn, &[(2, 1, 100), (1, 42, 100)]),
            Err(TransferError::UnknownAccount(42))
        );
        assert_eq!(balances_of(&conn), [10000, 5000, 0]);
    }
}

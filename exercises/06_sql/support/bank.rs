//! Accounts and a two-statement money move (support code: you do not need to edit it).
#![allow(dead_code)]

use rusqlite::{Connection, params};

/// Three accounts: 1 ada 100.00, 2 grace 50.00, 3 linus 0.00. A balance can never go below
/// zero (a CHECK constraint).
pub fn accounts() -> Connection {
    let conn = Connection::open_in_memory().expect("open a database in memory");
    conn.execute_batch(
        "CREATE TABLE accounts (
            id            INTEGER PRIMARY KEY,
            owner         TEXT NOT NULL,
            balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
        );
        INSERT INTO accounts (id, owner, balance_cents) VALUES
            (1, 'ada', 10000), (2, 'grace', 5000), (3, 'linus', 0);",
    )
    .expect("create the accounts");
    conn
}

/// The balances of accounts 1, 2 and 3.
pub fn balances(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT balance_cents FROM accounts ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |row| row.get(0))
        .and_then(|rows| rows.collect())
        .expect("read the balances")
}

#[derive(Debug, PartialEq)]
pub enum TransferError {
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

/// Takes `amount_cents` from account `from`, then adds it to account `to`: two statements,
/// each correct, but not safe on their own. An error after the first leaves it done.
pub fn move_money(
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

//! The users tables and the reads that use them (support code: you do not need to edit it).
#![allow(dead_code)]

use redb::{Database, ReadableDatabase, ReadableTableMetadata, TableDefinition};

/// User id -> name.
pub const USERS: TableDefinition<u64, &str> = TableDefinition::new("users");
/// Email -> user id: the secondary index.
pub const BY_EMAIL: TableDefinition<&str, u64> = TableDefinition::new("users_by_email");

/// Any error: a redb one, or a refusal of ours (`?` turns either into this).
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn get_user(db: &Database, id: u64) -> Result<Option<String>> {
    let table = db.begin_read()?.open_table(USERS)?;
    Ok(table.get(id)?.map(|name| name.value().to_owned()))
}

/// Two reads, no scan: the index gives the id, the id gives the user.
pub fn find_by_email(db: &Database, email: &str) -> Result<Option<(u64, String)>> {
    let txn = db.begin_read()?;
    let Some(id) = txn.open_table(BY_EMAIL)?.get(email)?.map(|id| id.value()) else {
        return Ok(None);
    };
    let name = txn
        .open_table(USERS)?
        .get(id)?
        .map(|name| name.value().to_owned());
    Ok(name.map(|name| (id, name)))
}

/// How many users and index entries there are.
pub fn counts(db: &Database) -> (u64, u64) {
    let txn = db.begin_read().expect("begin_read");
    let users = txn.open_table(USERS).expect("users").len().expect("len");
    let index = txn.open_table(BY_EMAIL).expect("index").len().expect("len");
    (users, index)
}

/// A new, empty database in a temporary directory (removed when the `TempDir` is dropped).
pub fn fresh() -> (super::tempdir::TempDir, Database) {
    let dir = super::tempdir::TempDir::new();
    let db = Database::create(dir.join("users.redb")).expect("create the database");
    (dir, db)
}

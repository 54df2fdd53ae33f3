// backup1: backing up a live database
//
// A database that is in use cannot be backed up by copying its file. The copy can be torn:
// it may catch a transaction halfway, some pages from before it and some from after. And in
// WAL mode, the way SQLite runs in production, the latest commits are not even in the
// file yet but in `live.db-wal`, so a copy of `live.db` silently misses them.
//
// SQLite's *online backup API* copies a live database page by page through a connection,
// as a reader: it sees only committed transactions, never a writer's unfinished work, and
// the writers need not stop. In rusqlite:
//
//     let mut copy = Connection::open(dest)?;
//     let backup = rusqlite::backup::Backup::new(live, &mut copy)?;
//     backup.run_to_completion(100, std::time::Duration::ZERO, None)?; // 100 pages a step
//
// Production adds the rest: backups on a schedule, kept off the machine, and tested by
// restoring them (backup2). Litestream streams SQLite's WAL to object storage for
// point-in-time recovery; PostgreSQL has `pg_dump` and WAL archiving (PITR).
//
// Make `back_up` use the backup API instead of a file copy.

#[path = "support/live.rs"]
mod live;
#[path = "support/tempdir.rs"]
mod tempdir;

use rusqlite::Connection;
use std::path::Path;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Copies the database that `live` is connected to into a new file, `dest`.
fn back_up(live: &Connection, dest: &Path) -> Result<()> {
    // TODO: copy through the connection, with `Backup`, not the file on disk.
    let file = live.path().ok_or("an in-memory database has no file")?;
    std::fs::copy(file, dest)?;
    Ok(())
}

fn main() -> Result<()> {
    let dir = tempdir::TempDir::new();
    let conn = live::create(&dir.join("live.db"), 250)?;
    back_up(&conn, &dir.join("copy.db"))?;
    println!("copy: {}", live::describe_file(&dir.join("copy.db")));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempdir::TempDir;

    #[test]
    fn the_copy_has_every_committed_transaction() {
        let dir = TempDir::new();
        let conn = live::create(&dir.join("live.db"), 250).unwrap();
        back_up(&conn, &dir.join("copy.db")).unwrap();
        let want = "100 accounts, 100000 cents, 250 transfers";
        assert_eq!(
            live::describe(&conn),
            want,
            "the live database, for comparison"
        );
        let copy = live::describe_file(&dir.join("copy.db"));
        assert_eq!(
            copy, want,
            "the copy must hold every commit, also those still in live.db-wal"
        );
    }

    #[test]
    fn a_write_in_progress_is_not_copied() {
        let dir = TempDir::new();
        let conn = live::create(&dir.join("live.db"), 10).unwrap();
        let writer = live::writer_halfway(&dir.join("live.db")).unwrap();
        back_up(&conn, &dir.join("copy.db")).unwrap();
        writer.execute_batch("ROLLBACK").unwrap();
        let copy = live::describe_file(&dir.join("copy.db"));
        let want = "100 accounts, 100000 cents, 10 transfers";
        assert_eq!(
            copy, want,
            "the copy holds what was committed, not the writer's half transfer"
        );
    }
}

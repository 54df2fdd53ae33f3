// backup2: a backup you can trust
//
// A backup is only as good as the restore that was tested. Two checks before trusting a
// copy: SQLite's `PRAGMA integrity_check` reads every page and every index and answers a
// single row, "ok", or one row per problem (a failing disk, a torn copy); reading a table
// is no check, it touches that table's pages and no index. And a restore goes into a
// *fresh* database, so that whatever happens next, the backup file itself stays as it was.
//
// `snapshot` writes a backup with `VACUUM INTO 'file'`: like the backup API, it copies
// only committed data from a live database, and the copy comes out compacted. In
// production, restore drills run on a schedule, often from point-in-time recovery:
// Litestream for SQLite, WAL archiving or `pg_basebackup` for PostgreSQL.
//
// Write `is_intact` and `restore`.

#[path = "support/live.rs"]
mod live;
#[path = "support/tempdir.rs"]
mod tempdir;

use rusqlite::Connection;
use std::path::Path;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Writes a consistent, compact copy of the database behind `live` to `dest` (a new file).
fn snapshot(live: &Connection, dest: &Path) -> Result<()> {
    live.execute("VACUUM INTO ?1", [dest.to_str().ok_or("not a UTF-8 path")?])?;
    Ok(())
}

/// Whether SQLite finds every page and index of the database sound.
fn is_intact(conn: &Connection) -> Result<bool> {
    // TODO: ask SQLite to check the whole database, not to read one table.
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    Ok(verdict == "ok")
}

/// Restores the snapshot at `path` into a new in-memory database, if it is intact.
fn restore(path: &Path) -> Result<Connection> {
    let file = Connection::open(path)?;
    // TODO: refuse a snapshot that is not intact, and copy it into a fresh in-memory
    // database (with `rusqlite::backup::Backup`) instead of working on the backup file.
    if !is_intact(&file)? {
        return Err(format!("{} failed its integrity check", path.display()).into());
    }
    let mut fresh = Connection::open_in_memory()?;
    rusqlite::backup::Backup::new(&file, &mut fresh)?.run_to_completion(
        100,
        std::time::Duration::ZERO,
        None,
    )?;
    Ok(fresh)
}

fn main() -> Result<()> {
    let dir = tempdir::TempDir::new();
    let conn = live::create(&dir.join("live.db"), 250)?;
    snapshot(&conn, &dir.join("snap.db"))?;
    println!(
        "restored: {}",
        live::describe(&restore(&dir.join("snap.db"))?)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempdir::TempDir;

    #[test]
    fn a_restore_is_a_fresh_copy() {
        let dir = TempDir::new();
        let conn = live::create(&dir.join("live.db"), 250).unwrap();
        let _writer = live::writer_halfway(&dir.join("live.db")).unwrap();
        snapshot(&conn, &dir.join("snap.db")).unwrap();
        let restored = restore(&dir.join("snap.db")).expect("restore a good snapshot");
        let want = "100 accounts, 100000 cents, 250 transfers";
        let got = live::describe(&restored);
        assert_eq!(got, want, "what was committed, not the half transfer");
        live::transfer(&restored, 1, 2, 100).unwrap();
        let snap = live::describe_file(&dir.join("snap.db"));
        assert_eq!(snap, want, "a write after restore went into the backup");
    }

    #[test]
    fn a_damaged_snapshot_is_refused() {
        let dir = TempDir::new();
        let conn = live::create(&dir.join("live.db"), 250).unwrap();
        snapshot(&conn, &dir.join("snap.db")).unwrap();
        let good = Connection::open(dir.join("snap.db")).unwrap();
        assert!(
            is_intact(&good).unwrap(),
            "the snapshot as written is intact"
        );
        drop(good);
        live::corrupt_index(&dir.join("snap.db"));
        let bad = Connection::open(dir.join("snap.db")).unwrap();
        let verdict = is_intact(&bad).map_err(|e| e.to_string());
        let ok = matches!(verdict, Ok(true));
        assert!(!ok, "a damaged index must fail the check, got {verdict:?}");
        let restored = restore(&dir.join("snap.db")).map(|_| ());
        assert!(restored.is_err(), "restore must refuse a damaged snapshot");
    }
}

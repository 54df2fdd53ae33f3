// durability1: committed means on disk, and nothing else is
//
// An embedded store such as redb lives in a file of your program's own. Its promise is the
// same as a database server's: once `commit()` returns, the transaction's writes are in the
// file and survive the program stopping (the "D" of ACID); a write transaction that ends
// any other way (dropped, or `abort()`ed) leaves nothing behind, not even part of itself.
//
// `save_batch` stores notes; a note with an empty body makes the whole batch fail. Fix it
// so that a good batch survives closing and reopening the file, and a bad one leaves nothing.

#[path = "support/tempdir.rs"]
mod tempdir;

use redb::{Database, ReadableDatabase, TableDefinition, TableError};

/// Note id -> body.
const NOTES: TableDefinition<u64, &str> = TableDefinition::new("notes");

#[derive(Debug, PartialEq)]
enum SaveError {
    EmptyBody(u64),
    Db(String),
}

impl<E: Into<redb::Error>> From<E> for SaveError {
    fn from(err: E) -> Self {
        SaveError::Db(err.into().to_string())
    }
}

/// Saves all the notes, or none of them if one has an empty body.
fn save_batch(db: &Database, notes: &[(u64, &str)]) -> Result<(), SaveError> {
    let txn = db.begin_write()?;
    {
        let mut table = txn.open_table(NOTES)?;
        for &(id, body) in notes {
            if body.is_empty() {
                // TODO: the batch fails here, with the error: nothing of it may be stored.
                continue;
            }
            table.insert(id, body)?;
        }
    }
    // TODO: make the batch permanent.
    drop(txn);
    Ok(())
}

/// Every stored note, by id.
fn load_all(db: &Database) -> Result<Vec<(u64, String)>, SaveError> {
    let txn = db.begin_read()?;
    let table = match txn.open_table(NOTES) {
        Err(TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
        table => table?,
    };
    let mut notes = Vec::new();
    for entry in table.range(0..)? {
        let (id, body) = entry?;
        notes.push((id.value(), body.value().to_owned()));
    }
    Ok(notes)
}

fn main() -> Result<(), SaveError> {
    // `cargo run -p exercises-nosql --bin durability1` runs this.
    let dir = tempdir::TempDir::new();
    let db = Database::create(dir.join("notes.redb"))?;
    println!("good batch: {:?}", save_batch(&db, &[(1, "buy milk")]));
    println!(
        "bad batch: {:?}",
        save_batch(&db, &[(2, "call Ada"), (3, "")])
    );
    drop(db);
    let db = Database::create(dir.join("notes.redb"))?;
    println!("after reopening: {:?}", load_all(&db)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(list: &[(u64, &str)]) -> Vec<(u64, String)> {
        list.iter()
            .map(|&(id, body)| (id, body.to_owned()))
            .collect()
    }

    #[test]
    fn a_saved_batch_is_there_after_reopening() {
        let dir = tempdir::TempDir::new();
        let path = dir.join("notes.redb");
        let db = Database::create(&path).unwrap();
        assert_eq!(
            save_batch(&db, &[(1, "buy milk"), (2, "call Ada")]),
            Ok(()),
            "a good batch is saved"
        );
        drop(db); // closes the file, as when the program stops
        let db = Database::create(&path).unwrap(); // opens the existing file
        assert_eq!(
            load_all(&db).unwrap(),
            notes(&[(1, "buy milk"), (2, "call Ada")]),
            "what was committed before closing is in the file when it is opened again"
        );
    }

    #[test]
    fn a_bad_batch_leaves_nothing() {
        let dir = tempdir::TempDir::new();
        let path = dir.join("notes.redb");
        let db = Database::create(&path).unwrap();
        save_batch(&db, &[(1, "buy milk")]).unwrap();
        assert_eq!(
            save_batch(&db, &[(2, "call Ada"), (3, ""), (4, "write tests")]),
            Err(SaveError::EmptyBody(3)),
            "note 3 has an empty body: the batch fails, naming it"
        );
        drop(db);
        let db = Database::create(&path).unwrap();
        assert_eq!(
            load_all(&db).unwrap(),
            notes(&[(1, "buy milk")]),
            "only the first batch is stored: notes 2 and 4 came in the failed batch, which must \
             leave nothing (its write transaction is dropped, so aborted, not committed)"
        );
    }

    #[test]
    fn an_aborted_transaction_leaves_nothing_either() {
        let dir = tempdir::TempDir::new();
        let db = Database::create(dir.join("notes.redb")).unwrap();
        save_batch(&db, &[(1, "buy milk")]).unwrap();
        assert_eq!(
            load_all(&db).unwrap(),
            notes(&[(1, "buy milk")]),
            "once save_batch returns Ok, a new read transaction sees its notes: it committed"
        );
        let txn = db.begin_write().unwrap();
        txn.open_table(NOTES).unwrap().insert(9, "never").unwrap();
        txn.abort().unwrap();
        assert_eq!(
            load_all(&db).unwrap(),
            notes(&[(1, "buy milk")]),
            "abort() discards the writes"
        );
        save_batch(&db, &[(2, "call Ada")]).unwrap();
        assert_eq!(
            load_all(&db).unwrap(),
            notes(&[(1, "buy milk"), (2, "call Ada")]),
            "and the store takes new batches afterwards"
        );
    }
}

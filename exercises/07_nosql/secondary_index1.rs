// secondary_index1: an index kept in the same transaction
//
// A key-value store finds records by their key only. To find a user by email, you keep a
// second table, the *index*, from email to user id, and you write it yourself whenever you
// write a user. (A relational database does this for you: CREATE UNIQUE INDEX.) The record
// and its index entry must never disagree: no user the index cannot find, no index entry
// pointing to nobody. With one write transaction for both, they are committed together or
// not at all.
//
// `add_user` commits the user, then checks and writes the index in a second transaction.
// When the email is taken, the user is already stored. Make it one transaction.

#[path = "support/tempdir.rs"]
mod tempdir;

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

/// User id -> name.
const USERS: TableDefinition<u64, &str> = TableDefinition::new("users");
/// Email -> user id: the secondary index.
const BY_EMAIL: TableDefinition<&str, u64> = TableDefinition::new("users_by_email");

/// Any error: a redb one, or a refusal of ours (`?` turns either into this).
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn add_user(db: &Database, id: u64, name: &str, email: &str) -> Result<()> {
    let txn = db.begin_write()?;
    txn.open_table(USERS)?.insert(id, name)?;
    // TODO: one transaction for the user and its index entry, committed once, at the end.
    txn.commit()?;
    let txn = db.begin_write()?;
    {
        let mut index = txn.open_table(BY_EMAIL)?;
        if index.get(email)?.is_some() {
            return Err(format!("{email} is taken").into());
        }
        index.insert(email, id)?;
    }
    txn.commit()?;
    Ok(())
}

fn get_user(db: &Database, id: u64) -> Result<Option<String>> {
    let table = db.begin_read()?.open_table(USERS)?;
    Ok(table.get(id)?.map(|name| name.value().to_owned()))
}

/// Two reads, no scan: the index gives the id, the id gives the user.
fn find_by_email(db: &Database, email: &str) -> Result<Option<(u64, String)>> {
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

fn main() -> Result<()> {
    // `cargo run -p exercises-nosql --bin secondary_index1` runs this.
    let dir = tempdir::TempDir::new();
    let db = Database::create(dir.join("users.redb"))?;
    add_user(&db, 1, "Ada", "ada@example.com")?;
    println!(
        "a second ada: {:?}",
        add_user(&db, 2, "Impostor", "ada@example.com")
    );
    println!("user 2: {:?}", get_user(&db, 2)?);
    println!("by email: {:?}", find_by_email(&db, "ada@example.com")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::ReadableTableMetadata;

    /// How many users and index entries there are.
    fn counts(db: &Database) -> (u64, u64) {
        let txn = db.begin_read().unwrap();
        let users = txn.open_table(USERS).unwrap().len().unwrap();
        let index = txn.open_table(BY_EMAIL).unwrap().len().unwrap();
        (users, index)
    }

    #[test]
    fn users_are_found_by_email() {
        let dir = tempdir::TempDir::new();
        let db = Database::create(dir.join("users.redb")).unwrap();
        add_user(&db, 1, "Ada", "ada@example.com").unwrap();
        add_user(&db, 2, "Grace", "grace@example.com").unwrap();
        assert_eq!(
            find_by_email(&db, "grace@example.com").unwrap(),
            Some((2, "Grace".to_owned())),
            "the index leads from the email to user 2"
        );
        assert_eq!(
            find_by_email(&db, "linus@example.com").unwrap(),
            None,
            "an unknown email finds nobody"
        );
    }

    #[test]
    fn a_taken_email_stores_nothing() {
        let dir = tempdir::TempDir::new();
        let db = Database::create(dir.join("users.redb")).unwrap();
        add_user(&db, 1, "Ada", "ada@example.com").unwrap();
        let refused = add_user(&db, 2, "Impostor", "ada@example.com").map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err("ada@example.com is taken".to_owned()),
            "a second user with the same email is refused"
        );
        assert_eq!(
            get_user(&db, 2).unwrap(),
            None,
            "the refused user must not be stored: a user the index cannot find by email is \
             exactly the disagreement one transaction for both tables prevents"
        );
        assert_eq!(counts(&db), (1, 1), "one user, one index entry: they agree");
        add_user(&db, 2, "Grace", "grace@example.com").unwrap();
        assert_eq!(
            counts(&db),
            (2, 2),
            "the store still takes new users afterwards"
        );
    }
}

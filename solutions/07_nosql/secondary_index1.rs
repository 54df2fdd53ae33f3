// secondary_index1: an index kept in the same transaction
//
// A key-value store finds records by their key only. To find a user by email, you keep a
// second table, the *index*, from email to user id, and you write it yourself whenever you
// write a user. (A relational database does this for you: CREATE UNIQUE INDEX.) The record
// and its index entry must never disagree: no user the index cannot find, no index entry
// pointing to nobody. With one write transaction for both, they are committed together or
// not at all. (The tables and the reads, such as `find_by_email`, are in `support/users.rs`.)
//
// `add_user` commits the user, then checks and writes the index in a second transaction.
// When the email is taken, the user is already stored. Make it one transaction.

#[path = "support/tempdir.rs"]
mod tempdir;
#[path = "support/users.rs"]
mod users;

use redb::{Database, ReadableTable};
use users::{BY_EMAIL, Result, USERS};

fn add_user(db: &Database, id: u64, name: &str, email: &str) -> Result<()> {
    let txn = db.begin_write()?;
    txn.open_table(USERS)?.insert(id, name)?;
    // TODO: one transaction for the user and its index entry, committed once, at the end.
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

fn main() -> Result<()> {
    // `cargo run -p exercises-nosql --bin secondary_index1` runs this.
    let (_dir, db) = users::fresh();
    add_user(&db, 1, "Ada", "ada@example.com")?;
    let again = add_user(&db, 2, "Impostor", "ada@example.com");
    println!(
        "again: {again:?}, users and index entries: {:?}",
        users::counts(&db)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use users::counts;

    #[test]
    fn users_are_found_by_email() {
        let (_dir, db) = users::fresh();
        add_user(&db, 1, "Ada", "ada@example.com").unwrap();
        add_user(&db, 2, "Grace", "grace@example.com").unwrap();
        let grace = users::find_by_email(&db, "grace@example.com").unwrap();
        let want = Some((2, "Grace".to_owned()));
        assert_eq!(grace, want, "the index leads to user 2");
        let linus = users::find_by_email(&db, "linus@example.com").unwrap();
        assert_eq!(linus, None, "an unknown email finds nobody");
    }

    #[test]
    fn a_taken_email_stores_nothing() {
        let (_dir, db) = users::fresh();
        add_user(&db, 1, "Ada", "ada@example.com").unwrap();
        let again = add_user(&db, 2, "Impostor", "ada@example.com").map_err(|e| e.to_string());
        let want = Err("ada@example.com is taken".to_owned());
        assert_eq!(again, want, "a second user with the same email is refused");
        let stored = users::get_user(&db, 2).unwrap();
        assert_eq!(stored, None, "the refused user must not be stored");
        assert_eq!(counts(&db), (1, 1), "one user, one index entry: they agree");
        add_user(&db, 2, "Grace", "grace@example.com").unwrap();
        assert_eq!(counts(&db), (2, 2), "and new users still go in afterwards");
    }
}

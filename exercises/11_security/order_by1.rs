// order_by1: an allow-list where bound parameters cannot go
//
// A bound parameter carries a value, never a column name: `ORDER BY ?1` sorts by a constant.
// So a sort option is where injection survives in code that binds everything else. With
// `format!("... ORDER BY {sort}")` and `sort` from `?sort=` in the URL, an attacker sorts by
//
//     CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users) = 'c' THEN price ELSE name END
//
// and reads the hash one character at a time from the order of the rows, without ever
// seeing an error (a "blind" injection). Map the few keys the API offers to fixed SQL text
// and refuse everything else (the handler turns the error into 400 Bad Request).
//
// Fix `order_by`: the keys are `name`, `-name`, `price` and `-price` (`-` means descending).

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, params};

#[derive(Debug)]
enum ListError {
    BadSort(String),
    Db(rusqlite::Error),
}

/// The ORDER BY clause for a sort key from the query string.
fn order_by(sort: &str) -> Result<String, ListError> {
    // TODO: this pastes the client's text into the SQL. Match the four keys to fixed text
    // (`"price DESC"`, ...) and answer `Err(ListError::BadSort(..))` to anything else.
    match sort.strip_prefix('-') {
        Some(column) => Ok(format!("{column} DESC")),
        None => Ok(format!("{sort} ASC")),
    }
}

/// Product names in the order the client asked for (`id` breaks ties).
fn list_products(conn: &Connection, sort: &str) -> Result<Vec<String>, ListError> {
    let sql = format!("SELECT name FROM products ORDER BY {}, id", order_by(sort)?);
    db::names(conn, &sql, params![]).map_err(ListError::Db)
}

fn main() {
    match list_products(&db::shop(), "-price") {
        Ok(names) => println!("{names:?}"),
        Err(ListError::BadSort(sort)) => println!("400 Bad Request: cannot sort by {sort:?}"),
        Err(ListError::Db(err)) => println!("500 Internal Server Error: {err}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_the_offered_keys() {
        let conn = db::shop();
        let got = list_products(&conn, "-price").map(|names| names[0].clone());
        let why = format!("sort=-price lists the dearest first, got {got:?}");
        assert_eq!(got.ok().as_deref(), Some("100% cotton shirt"), "{why}");
        let got = list_products(&conn, "name").map(|names| names[0].clone());
        let why = format!("sort=name lists by name, got {got:?}");
        assert_eq!(got.ok().as_deref(), Some("100% cotton shirt"), "{why}");
    }

    #[test]
    fn anything_else_is_refused() {
        let conn = db::shop();
        let blind = "CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users) = 'c' \
                     THEN price ELSE name END";
        for sort in ["id", "password_hash", "PRICE", "--price", "", blind] {
            let got = list_products(&conn, sort);
            let why = format!("sort={sort:?} is not one of the four keys, got {got:?}");
            assert!(matches!(got, Err(ListError::BadSort(_))), "{why}");
        }
    }
}

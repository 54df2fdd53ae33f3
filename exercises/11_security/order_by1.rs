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
        let cheapest_first = [
            "Gadget",
            "Widget",
            "Back\\slash poster",
            "snake_case mug",
            "100% cotton shirt",
        ];
        for (sort, first, last) in [
            ("price", "Gadget", "100% cotton shirt"),
            ("-price", "100% cotton shirt", "Gadget"),
            ("name", "100% cotton shirt", "snake_case mug"),
            ("-name", "snake_case mug", "100% cotton shirt"),
        ] {
            let names = list_products(&conn, sort);
            let ends = names
                .as_ref()
                .ok()
                .map(|n| (n[0].as_str(), n[n.len() - 1].as_str()));
            assert_eq!(ends, Some((first, last)), "sort={sort} gave {names:?}");
        }
        let names = list_products(&conn, "price").unwrap();
        assert_eq!(names, cheapest_first, "sort=price lists the cheapest first");
    }

    #[test]
    fn unknown_sort_keys_are_refused() {
        let conn = db::shop();
        for sort in [
            "id",
            "password_hash",
            "price; DROP TABLE products",
            "",
            "PRICE",
            "--price",
        ] {
            let result = list_products(&conn, sort);
            assert!(
                matches!(&result, Err(ListError::BadSort(s)) if s == sort),
                "sort={sort:?} is not one of the four keys and must be refused with BadSort, got {result:?}"
            );
        }
    }

    #[test]
    fn a_blind_injection_learns_nothing() {
        let conn = db::shop();
        for guess in "0123456789abcdef".chars() {
            let sort = format!(
                "CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users) = '{guess}' \
                 THEN price ELSE name END"
            );
            let result = list_products(&conn, &sort);
            assert!(
                matches!(result, Err(ListError::BadSort(_))),
                "the server ran the attacker's expression (guess {guess:?} gave {result:?}): \
                 the order of the rows tells whether the hash starts with {guess:?}"
            );
        }
    }
}

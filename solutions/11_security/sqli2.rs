// sqli2: where bound parameters stop: ORDER BY and LIKE
//
// A bound parameter carries a value, never a piece of SQL. A column name or the words
// ASC/DESC are part of the statement's shape, so `ORDER BY ?1` sorts by a constant string
// (it does nothing). That is why sort options are where injection survives in code that
// uses parameters everywhere else: with `format!("... ORDER BY {sort}")` and `sort` taken
// from `?sort=` in the URL, an attacker can sort by any expression, for example
//
//     CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users) = 'a' THEN price ELSE name END
//
// The rows come back in price order if the guess was right and in name order if not: one
// secret character leaks per few requests, without any error ever showing (a "blind"
// injection). The fix is an allow-list: map the few sort keys the API offers to fixed SQL
// text, and refuse everything else with an error (the handler turns it into 400).
//
// LIKE has a smaller trap. Bound into a LIKE pattern, `%` and `_` are still wildcards: a
// search for `%` matches every row, and patterns like `%_%_%_%_%` make the database work
// hard. Escape them (and the escape character itself) and tell SQLite which escape character
// you used: `LIKE ?1 ESCAPE '\'`.
//
// Fix `order_by` and `like_pattern`, and add the ESCAPE clause in `search_products`.

use rusqlite::{Connection, params};

#[derive(Debug)]
enum ListError {
    /// The client asked for a sort key the API does not offer (400 Bad Request).
    BadSort(String),
    Db(rusqlite::Error),
}

impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListError::BadSort(sort) => write!(f, "cannot sort by {sort:?}"),
            ListError::Db(err) => write!(f, "database error: {err}"),
        }
    }
}

impl From<rusqlite::Error> for ListError {
    fn from(err: rusqlite::Error) -> Self {
        ListError::Db(err)
    }
}

/// The ORDER BY clause for a sort key from the query string: `name`, `-name`, `price` or
/// `-price` (a leading `-` means descending).
fn order_by(sort: &str) -> Result<&'static str, ListError> {
    match sort {
        "name" => Ok("name ASC"),
        "-name" => Ok("name DESC"),
        "price" => Ok("price ASC"),
        "-price" => Ok("price DESC"),
        _ => Err(ListError::BadSort(sort.to_string())),
    }
}

/// Product names in the order the client asked for.
fn list_products(conn: &Connection, sort: &str) -> Result<Vec<String>, ListError> {
    let clause = order_by(sort)?;
    // `id` breaks ties, so equal prices always come back in the same order.
    let sql = format!("SELECT name FROM products ORDER BY {clause}, id");
    let mut stmt = conn.prepare(&sql)?;
    let names = stmt.query_map([], |row| row.get(0))?;
    Ok(names.collect::<Result<_, _>>()?)
}

/// A LIKE pattern that matches `term` literally anywhere in the text, to be used with
/// `ESCAPE '\'`.
fn like_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for c in term.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Products whose name contains `term` (ignoring ASCII case), by name.
fn search_products(conn: &Connection, term: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt =
        conn.prepare(r"SELECT name FROM products WHERE name LIKE ?1 ESCAPE '\' ORDER BY name")?;
    let names = stmt.query_map(params![like_pattern(term)], |row| row.get(0))?;
    names.collect()
}

fn seed(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        r"CREATE TABLE users (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              password_hash TEXT NOT NULL
          );
          INSERT INTO users VALUES (1, 'admin', 'c0ffee42');
          CREATE TABLE products (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              price INTEGER NOT NULL
          );
          INSERT INTO products (name, price) VALUES
              ('Widget', 300),
              ('Gadget', 100),
              ('100% cotton shirt', 2000),
              ('snake_case mug', 900),
              ('Back\slash poster', 500);",
    )
}

fn main() {
    let conn = Connection::open_in_memory().expect("open an in-memory database");
    seed(&conn).expect("seed the database");
    match list_products(&conn, "-price") {
        Ok(names) => println!("{names:?}"),
        Err(err) => println!("{err}"),
    }
    println!("{:?}", search_products(&conn, "get"));
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

    #[test]
    fn sorts_by_the_offered_keys() {
        let conn = db();
        let by_price = [
            "Gadget",
            "Widget",
            "Back\\slash poster",
            "snake_case mug",
            "100% cotton shirt",
        ];
        assert_eq!(list_products(&conn, "price").unwrap(), by_price);
        let mut descending = by_price;
        descending.reverse();
        assert_eq!(list_products(&conn, "-price").unwrap(), descending);
        assert_eq!(
            list_products(&conn, "name").unwrap(),
            [
                "100% cotton shirt",
                "Back\\slash poster",
                "Gadget",
                "Widget",
                "snake_case mug"
            ]
        );
        assert_eq!(list_products(&conn, "-name").unwrap()[0], "snake_case mug");
    }

    #[test]
    fn unknown_sort_keys_are_refused() {
        let conn = db();
        for sort in [
            "id",
            "password_hash",
            "price; DROP TABLE products",
            "",
            "PRICE",
        ] {
            let result = list_products(&conn, sort);
            assert!(
                matches!(&result, Err(ListError::BadSort(s)) if s == sort),
                "sort={sort:?} should be refused with BadSort, got {result:?}"
            );
        }
    }

    #[test]
    fn blind_injection_through_sort_leaks_nothing() {
        // The attacker guesses the first character of the admin's password hash. A guess is
        // right when the server answers in price order.
        let conn = db();
        for guess in "0123456789abcdef".chars() {
            let sort = format!(
                "CASE WHEN (SELECT substr(password_hash, 1, 1) FROM users WHERE name = 'admin') \
                 = '{guess}' THEN price ELSE name END"
            );
            match list_products(&conn, &sort) {
                Err(ListError::BadSort(_)) => {}
                Ok(rows) => panic!(
                    "the server ran the attacker's expression (guess {guess:?} gave {rows:?}): \
                     by comparing the orders they learn the hash one character at a time"
                ),
                Err(other) => panic!("expected BadSort, got {other:?}"),
            }
        }
    }

    #[test]
    fn search_finds_substrings() {
        let conn = db();
        assert_eq!(search_products(&conn, "get").unwrap(), ["Gadget", "Widget"]);
        assert_eq!(search_products(&conn, "MUG").unwrap(), ["snake_case mug"]);
        assert!(search_products(&conn, "lamp").unwrap().is_empty());
    }

    #[test]
    fn percent_is_not_a_wildcard() {
        let conn = db();
        let found = search_products(&conn, "%").unwrap();
        assert_eq!(
            found,
            ["100% cotton shirt"],
            "a search for `%` should find the one product with a % in its name"
        );
        assert_eq!(search_products(&conn, "0%").unwrap(), ["100% cotton shirt"]);
    }

    #[test]
    fn underscore_is_not_a_wildcard() {
        let conn = db();
        assert_eq!(search_products(&conn, "_").unwrap(), ["snake_case mug"]);
        assert!(
            search_products(&conn, "Wid_et").unwrap().is_empty(),
            "`_` matched any character"
        );
    }

    #[test]
    fn backslash_is_escaped_too() {
        let conn = db();
        assert_eq!(
            search_products(&conn, "\\").unwrap(),
            ["Back\\slash poster"]
        );
        assert!(
            search_products(&conn, "\\%").unwrap().is_empty(),
            "no product name contains a backslash followed by %"
        );
    }

    #[test]
    fn like_pattern_escapes_the_special_characters() {
        assert_eq!(like_pattern("mug"), "%mug%");
        assert_eq!(like_pattern("100%"), "%100\\%%");
        assert_eq!(like_pattern("a_b"), "%a\\_b%");
        assert_eq!(like_pattern("C:\\"), "%C:\\\\%");
        assert_eq!(like_pattern(""), "%%");
    }
}

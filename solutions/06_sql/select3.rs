// select3: ranges and combined conditions
//
// A `WHERE` condition can combine tests. `x BETWEEN a AND b` is true when x is from a to
// b, both included. `genre IN ('a', 'b')` tests a list. `AND` and `OR` join conditions,
// and, like `*` and `+` in arithmetic, `AND` binds tighter than `OR`:
//
//     WHERE genre = 'sci-fi' OR genre = 'fantasy' AND year >= 2000
//     -- means: sci-fi of any year, or fantasy since 2000
//
// Parentheses (or `IN`) say what you mean. Fix both queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Title and price of the books that cost from `min_cents` to `max_cents`, both included.
fn priced_between(conn: &Connection, min_cents: i64, max_cents: i64) -> Result<Vec<(String, i64)>> {
    // TODO: keep the rows whose `price_cents` is from `?1` to `?2`, both included.
    let sql =
        "SELECT title, price_cents FROM books WHERE price_cents BETWEEN ?1 AND ?2 ORDER BY id";
    db::pairs(conn, sql, [min_cents, max_cents])
}

/// Titles of the sci-fi and fantasy books published in `year` or later, by id.
fn speculative_since(conn: &Connection, year: i64) -> Result<Vec<String>> {
    // TODO: this also returns old books, such as Dune (1965) when `year` is 2000. Make the
    // year apply to both genres.
    let sql = "SELECT title FROM books
               WHERE genre IN ('sci-fi', 'fantasy') AND year >= ?1
               ORDER BY id";
    db::column(conn, sql, [year])
}

fn main() -> Result<()> {
    let conn = db::books();
    println!("6 to 10 dollars: {:?}", priced_between(&conn, 600, 1000)?);
    println!("since 2000: {:?}", speculative_since(&conn, 2000)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn price_range_includes_both_ends() {
        let conn = db::books();
        let got = ok(priced_between(&conn, 599, 999));
        let want = [
            ("The Hobbit".to_string(), 899),
            ("Neuromancer".to_string(), 999),
            ("Jane Eyre".to_string(), 599),
        ];
        assert_eq!(got, want, "599 and 999 are both in the range 599 to 999");
        assert!(
            ok(priced_between(&conn, 0, 100)).is_empty(),
            "no book costs less than 1.00"
        );
    }

    #[test]
    fn the_year_applies_to_both_genres() {
        let conn = db::books();
        let got = ok(speculative_since(&conn, 2000));
        let want = [
            "The Martian",
            "Piranesi",
            "Project Hail Mary",
            "The Name of the Wind",
        ];
        assert_eq!(got, want, "only sci-fi and fantasy books from 2000 on");
    }
}

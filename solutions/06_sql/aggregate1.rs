// aggregate1: GROUP BY and HAVING
//
// Reports ask about groups of rows: revenue per genre, orders per customer. Aggregate
// functions (`COUNT`, `SUM`, `AVG`, `MIN`, `MAX`) fold many rows into one value, and
// `GROUP BY` says which rows fold together: one result row per group.
//
//     SELECT customer, COUNT(*) AS orders
//     FROM orders
//     WHERE status = 'paid'        -- filters rows, before grouping
//     GROUP BY customer
//     HAVING COUNT(*) >= 2         -- filters groups, after grouping
//
// `WHERE` cannot use an aggregate: when it runs, the groups do not exist yet, and SQLite
// says "misuse of aggregate: COUNT()". (`order_items` here copies each book's title, genre
// and price: a report table, denormalized on purpose so reports need no joins.) Fix both
// queries.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// Copies sold per genre in paid orders, most copies first, then by genre.
fn copies_by_genre(conn: &Connection) -> Result<Vec<(String, i64)>> {
    // TODO: this adds up every paid item into a single row. Make it one row per genre.
    let sql = "SELECT oi.genre, SUM(oi.quantity) AS copies
               FROM order_items AS oi JOIN orders AS o ON o.id = oi.order_id
               WHERE o.status = 'paid'
               GROUP BY oi.genre
               ORDER BY copies DESC, oi.genre";
    db::pairs(conn, sql, [])
}

/// Customers with at least `min_orders` paid orders, and how many they have: most orders
/// first, then by name.
fn regular_customers(conn: &Connection, min_orders: i64) -> Result<Vec<(String, i64)>> {
    // TODO: read SQLite's error. Which filter belongs after the grouping?
    let sql = "SELECT customer, COUNT(*) AS paid_orders
               FROM orders
               WHERE status = 'paid'
               GROUP BY customer HAVING COUNT(*) >= ?1
               ORDER BY paid_orders DESC, customer";
    db::pairs(conn, sql, [min_orders])
}

fn main() -> Result<()> {
    let conn = db::sales();
    println!("{:?}", copies_by_genre(&conn)?);
    println!("{:?}", regular_customers(&conn, 2)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn one_row_per_genre() {
        let conn = db::sales();
        let got = db::show(&ok(copies_by_genre(&conn)));
        let want = "classic: 4, sci-fi: 4, fantasy: 3";
        assert_eq!(
            got, want,
            "paid copies per genre, most first, ties by genre"
        );
    }

    #[test]
    fn regulars_have_enough_paid_orders() {
        let conn = db::sales();
        let got = db::show(&ok(regular_customers(&conn, 2)));
        let want = "ada: 2, grace: 2";
        assert_eq!(got, want, "ada placed three orders but one was cancelled");
        let got = db::show(&ok(regular_customers(&conn, 1)));
        let want = "ada: 2, grace: 2, margaret: 1";
        assert_eq!(
            got, want,
            "with one paid order, margaret counts too; linus has none"
        );
    }
}

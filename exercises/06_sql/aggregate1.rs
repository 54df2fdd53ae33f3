// aggregate1: GROUP BY and HAVING
//
// Reports ask questions about groups of rows: revenue per genre, orders per customer.
// Aggregate functions (`COUNT`, `SUM`, `AVG`, `MIN`, `MAX`) fold many rows into one value,
// and `GROUP BY` says which rows fold together: one result row per group.
//
//     SELECT customer, COUNT(*) AS orders
//     FROM orders
//     WHERE status = 'paid'        -- filters rows, before grouping
//     GROUP BY customer
//     HAVING COUNT(*) >= 2         -- filters groups, after grouping
//
// `WHERE` cannot use an aggregate: when it runs, the groups do not exist yet. SQLite says
// so with "misuse of aggregate: COUNT()". And an aggregate over no rows at all is NULL,
// not 0: `SUM` of nothing is unknown. `COALESCE(x, 0)` gives its first argument that is not
// NULL.
//
// Fix the three queries below.

use rusqlite::{Connection, Result};

/// Creates orders (paid or cancelled) and the books in each one.
fn seed(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE orders (
            id       INTEGER PRIMARY KEY,
            customer TEXT NOT NULL,
            status   TEXT NOT NULL
        );
        CREATE TABLE order_items (
            order_id         INTEGER NOT NULL REFERENCES orders (id),
            title            TEXT NOT NULL,
            genre            TEXT NOT NULL,
            quantity         INTEGER NOT NULL,
            unit_price_cents INTEGER NOT NULL
        );
        INSERT INTO orders (id, customer, status) VALUES
            (1, 'ada', 'paid'),
            (2, 'grace', 'paid'),
            (3, 'ada', 'paid'),
            (4, 'linus', 'cancelled'),
            (5, 'ada', 'cancelled'),
            (6, 'grace', 'paid'),
            (7, 'margaret', 'paid');
        INSERT INTO order_items (order_id, title, genre, quantity, unit_price_cents) VALUES
            (1, 'Dune', 'sci-fi', 1, 1099),
            (1, 'Piranesi', 'fantasy', 1, 1599),
            (2, 'The Martian', 'sci-fi', 2, 1499),
            (3, 'Dune', 'sci-fi', 1, 1099),
            (3, 'Jane Eyre', 'classic', 1, 599),
            (4, 'Piranesi', 'fantasy', 5, 1599),
            (5, 'The Hobbit', 'fantasy', 1, 899),
            (6, 'The Hobbit', 'fantasy', 2, 899),
            (7, 'Jane Eyre', 'classic', 3, 599);",
    )
}

/// What one genre sold in paid orders.
#[derive(Debug, PartialEq)]
struct GenreSales {
    genre: String,
    copies: i64,
    revenue_cents: i64,
}

/// Sales per genre, counting paid orders only, highest revenue first.
fn sales_by_genre(conn: &Connection) -> Result<Vec<GenreSales>> {
    // TODO: this adds up every paid item into a single row. Make it one row per genre.
    let sql = "SELECT oi.genre,
                      SUM(oi.quantity) AS copies,
                      SUM(oi.quantity * oi.unit_price_cents) AS revenue_cents
               FROM order_items AS oi
               JOIN orders AS o ON o.id = oi.order_id
               WHERE o.status = 'paid'
               ORDER BY revenue_cents DESC, oi.genre";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| {
        Ok(GenreSales {
            genre: row.get(0)?,
            copies: row.get(1)?,
            revenue_cents: row.get(2)?,
        })
    })?
    .collect()
}

/// Customers with at least `min_orders` paid orders, and how many they have: most orders
/// first, then by name.
fn regular_customers(conn: &Connection, min_orders: i64) -> Result<Vec<(String, i64)>> {
    // TODO: run it and read SQLite's error. Which filter belongs after the grouping?
    let sql = "SELECT customer, COUNT(*) AS paid_orders
               FROM orders
               WHERE status = 'paid' AND COUNT(*) >= ?1
               GROUP BY customer
               ORDER BY paid_orders DESC, customer";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([min_orders], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// How much `customer` spent in paid orders, in cents: 0 if nothing.
fn total_spent(conn: &Connection, customer: &str) -> Result<i64> {
    // TODO: this fails for a customer without paid orders. Make it give 0 instead.
    let sql = "SELECT SUM(oi.quantity * oi.unit_price_cents)
               FROM orders AS o
               JOIN order_items AS oi ON oi.order_id = o.id
               WHERE o.customer = ?1 AND o.status = 'paid'";
    conn.query_row(sql, [customer], |row| row.get(0))
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin aggregate1` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("{:#?}", sales_by_genre(&conn)?);
    println!("{:?}", regular_customers(&conn, 2)?);
    println!("ada spent {} cents", total_spent(&conn, "ada")?);
    Ok(())
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

    /// Unwraps a query's result, or fails the test with SQLite's own error message.
    #[track_caller]
    fn ok<T>(result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("the query failed: {e}\n  ({e:?})"),
        }
    }

    fn sales(genre: &str, copies: i64, revenue_cents: i64) -> GenreSales {
        GenreSales {
            genre: genre.to_string(),
            copies,
            revenue_cents,
        }
    }

    #[test]
    fn one_row_per_genre() {
        let conn = db();
        assert_eq!(
            ok(sales_by_genre(&conn)),
            [
                sales("sci-fi", 4, 5196),
                sales("fantasy", 3, 3397),
                sales("classic", 4, 2396),
            ]
        );
    }

    #[test]
    fn regulars_have_enough_paid_orders() {
        let conn = db();
        // ada placed three orders, but one was cancelled.
        assert_eq!(
            ok(regular_customers(&conn, 2)),
            [("ada".to_string(), 2), ("grace".to_string(), 2)]
        );
        assert_eq!(
            ok(regular_customers(&conn, 1)),
            [
                ("ada".to_string(), 2),
                ("grace".to_string(), 2),
                ("margaret".to_string(), 1),
            ]
        );
        assert_eq!(ok(regular_customers(&conn, 3)), []);
    }

    #[test]
    fn total_spent_by_a_customer() {
        let conn = db();
        assert_eq!(ok(total_spent(&conn, "ada")), 4396);
        assert_eq!(ok(total_spent(&conn, "grace")), 4796);
        assert_eq!(ok(total_spent(&conn, "margaret")), 1797);
    }

    #[test]
    fn nothing_spent_is_zero() {
        let conn = db();
        // linus only has a cancelled order; nobody has no orders at all.
        assert_eq!(ok(total_spent(&conn, "linus")), 0);
        assert_eq!(ok(total_spent(&conn, "nobody")), 0);
    }
}

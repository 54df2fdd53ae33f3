// aggregate2: the sum of nothing
//
// An aggregate over no rows at all is NULL, not 0: `SUM` of nothing is "unknown", and only
// `COUNT` answers 0. So a customer who bought nothing has a NULL total, and reading it as
// an `i64` fails with "Invalid column type Null". `COALESCE(a, b, ...)` gives its first
// argument that is not NULL: `COALESCE(SUM(x), 0)` is 0 when there is nothing to add up.
//
// Make `total_spent` answer 0 for a customer without paid orders.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// How much `customer` spent in paid orders, in cents: 0 if nothing.
fn total_spent(conn: &Connection, customer: &str) -> Result<i64> {
    // TODO: this fails for a customer without paid orders. Make it give 0 instead.
    let sql = "SELECT COALESCE(SUM(oi.quantity * oi.unit_price_cents), 0)
               FROM orders AS o JOIN order_items AS oi ON oi.order_id = o.id
               WHERE o.customer = ?1 AND o.status = 'paid'";
    conn.query_row(sql, [customer], |row| row.get(0))
}

fn main() -> Result<()> {
    let conn = db::sales();
    println!("ada spent {} cents", total_spent(&conn, "ada")?);
    println!("linus spent {} cents", total_spent(&conn, "linus")?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn total_spent_by_a_customer() {
        let conn = db::sales();
        assert_eq!(ok(total_spent(&conn, "ada")), 4396, "ada's two paid orders");
        assert_eq!(
            ok(total_spent(&conn, "margaret")),
            1797,
            "margaret's one paid order"
        );
    }

    #[test]
    fn nothing_spent_is_zero() {
        let conn = db::sales();
        let linus = ok(total_spent(&conn, "linus"));
        assert_eq!(linus, 0, "linus only has a cancelled order: he spent 0");
        let nobody = ok(total_spent(&conn, "nobody"));
        assert_eq!(nobody, 0, "a customer without orders spent 0");
    }
}

// join4: three tables and a computed column
//
// An invoice line needs facts from three tables: the quantity from `order_items`, the
// title and price from `books`, the author's name from `authors`. A query joins as many
// tables as it needs, one `JOIN ... ON ...` after the other, each following a foreign key:
//
//     FROM order_items AS oi
//     JOIN books AS b ON b.id = oi.book_id
//     JOIN authors AS a ON a.id = b.author_id
//
// A query can also compute columns from the row: `oi.quantity * b.price_cents AS total`.
// Replace the two placeholders in the query below.

#[path = "support/db.rs"]
mod db;

use rusqlite::{Connection, Result};

/// The lines of order `order_id`, in title order: title, author, quantity, line total.
fn order_lines(conn: &Connection, order_id: i64) -> Result<Vec<(String, String, i64, i64)>> {
    // TODO: join `authors` too, to select the author's name, and compute the line total
    // (quantity times the book's price) instead of these two placeholders.
    let sql = "SELECT b.title, a.name AS author, oi.quantity, oi.quantity * b.price_cents AS line_total_cents
               FROM order_items AS oi
               JOIN books AS b ON b.id = oi.book_id
               JOIN authors AS a ON a.id = b.author_id
               WHERE oi.order_id = ?1
               ORDER BY b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([order_id], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    })?
    .collect()
}

fn main() -> Result<()> {
    println!("{:#?}", order_lines(&db::bookshop(), 1)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::ok;

    #[test]
    fn order_lines_join_three_tables_and_compute_totals() {
        let conn = db::bookshop();
        let lines = ok(order_lines(&conn, 1));
        let got: Vec<String> = lines
            .iter()
            .map(|(title, author, n, total)| format!("{n} x {title} by {author} = {total}"))
            .collect();
        let want = [
            "3 x A Wizard of Earthsea by Ursula K. Le Guin = 2397",
            "2 x Piranesi by Susanna Clarke = 3198",
            "1 x The Martian by Andy Weir = 1499",
        ];
        assert_eq!(
            got, want,
            "each line: quantity, title, author, and quantity * price_cents"
        );
        assert!(ok(order_lines(&conn, 3)).is_empty(), "there is no order 3");
    }
}

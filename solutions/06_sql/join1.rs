// join1: joining tables
//
// A relational schema stores each fact once. A book does not repeat its author's name: it
// keeps the author's id in a *foreign key* column, `books.author_id`, that points at the
// *primary key* `authors.id`. To see a title next to its author's name you *join* the
// tables, saying which rows belong together:
//
//     SELECT b.title, a.name
//     FROM books AS b
//     JOIN authors AS a ON a.id = b.author_id
//
// `b` and `a` are aliases, short names for the tables. An inner `JOIN` keeps only the
// pairs of rows for which the `ON` condition is true. Without `ON`, SQLite pairs every book
// with every author (a "cross join"): 5 books and 4 authors give 20 rows. When two joined
// tables both have a column with the same name, such as `id`, SQLite cannot guess which one
// you mean and says "ambiguous column name: id": write `a.id` or `b.id`.
//
// A query can also compute columns: `oi.quantity * b.price_cents AS line_total_cents`.
//
// Fix the three queries below.

use rusqlite::{Connection, Result};

/// Creates a small bookshop: authors, books, orders and the books in each order.
fn seed(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE authors (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE books (
            id          INTEGER PRIMARY KEY,
            author_id   INTEGER NOT NULL REFERENCES authors (id),
            title       TEXT NOT NULL,
            price_cents INTEGER NOT NULL
        );
        CREATE TABLE orders (
            id       INTEGER PRIMARY KEY,
            customer TEXT NOT NULL
        );
        CREATE TABLE order_items (
            order_id INTEGER NOT NULL REFERENCES orders (id),
            book_id  INTEGER NOT NULL REFERENCES books (id),
            quantity INTEGER NOT NULL,
            PRIMARY KEY (order_id, book_id)
        );
        INSERT INTO authors (id, name) VALUES
            (1, 'Ursula K. Le Guin'),
            (2, 'Andy Weir'),
            (3, 'Susanna Clarke'),
            (4, 'Terry Pratchett');
        INSERT INTO books (id, author_id, title, price_cents) VALUES
            (1, 1, 'A Wizard of Earthsea', 799),
            (2, 1, 'The Dispossessed', 1199),
            (3, 2, 'The Martian', 1499),
            (4, 2, 'Project Hail Mary', 1899),
            (5, 3, 'Piranesi', 1599);
        INSERT INTO orders (id, customer) VALUES (1, 'ada'), (2, 'grace');
        INSERT INTO order_items (order_id, book_id, quantity) VALUES
            (1, 3, 1),
            (1, 5, 2),
            (1, 1, 3),
            (2, 4, 1);",
    )
}

/// Every book's title with its author's name, in title order.
fn books_with_authors(conn: &Connection) -> Result<Vec<(String, String)>> {
    let sql = "SELECT b.title, a.name
               FROM books AS b
               JOIN authors AS a ON a.id = b.author_id
               ORDER BY b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// Titles of the books written by the author called `name`, in title order.
fn titles_by(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let sql = "SELECT books.title
               FROM books
               JOIN authors ON authors.id = books.author_id
               WHERE authors.name = ?1
               ORDER BY books.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([name], |row| row.get(0))?.collect()
}

/// One line of an order, as an invoice shows it.
#[derive(Debug, PartialEq)]
struct Line {
    title: String,
    author: String,
    quantity: i64,
    line_total_cents: i64,
}

/// The lines of order `order_id`, in title order.
fn order_lines(conn: &Connection, order_id: i64) -> Result<Vec<Line>> {
    let sql = "SELECT b.title, a.name, oi.quantity, oi.quantity * b.price_cents AS line_total_cents
               FROM order_items AS oi
               JOIN books AS b ON b.id = oi.book_id
               JOIN authors AS a ON a.id = b.author_id
               WHERE oi.order_id = ?1
               ORDER BY b.title";
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([order_id], |row| {
        Ok(Line {
            title: row.get(0)?,
            author: row.get(1)?,
            quantity: row.get(2)?,
            line_total_cents: row.get(3)?,
        })
    })?
    .collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin join1` runs this.
    let conn = Connection::open_in_memory()?;
    seed(&conn)?;
    println!("{:#?}", books_with_authors(&conn)?);
    println!("{:?}", titles_by(&conn, "Andy Weir")?);
    println!("{:#?}", order_lines(&conn, 1)?);
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

    fn pair(title: &str, author: &str) -> (String, String) {
        (title.to_string(), author.to_string())
    }

    #[test]
    fn each_book_next_to_its_own_author() {
        let conn = db();
        assert_eq!(
            ok(books_with_authors(&conn)),
            [
                pair("A Wizard of Earthsea", "Ursula K. Le Guin"),
                pair("Piranesi", "Susanna Clarke"),
                pair("Project Hail Mary", "Andy Weir"),
                pair("The Dispossessed", "Ursula K. Le Guin"),
                pair("The Martian", "Andy Weir"),
            ]
        );
    }

    #[test]
    fn titles_by_author_name() {
        let conn = db();
        assert_eq!(
            ok(titles_by(&conn, "Ursula K. Le Guin")),
            ["A Wizard of Earthsea", "The Dispossessed"]
        );
        assert_eq!(ok(titles_by(&conn, "Susanna Clarke")), ["Piranesi"]);
        // An author without books, and a name nobody has: no rows.
        assert_eq!(
            ok(titles_by(&conn, "Terry Pratchett")),
            Vec::<String>::new()
        );
        assert_eq!(ok(titles_by(&conn, "Nobody")), Vec::<String>::new());
    }

    #[test]
    fn order_lines_join_three_tables_and_compute_totals() {
        let conn = db();
        assert_eq!(
            ok(order_lines(&conn, 1)),
            [
                Line {
                    title: "A Wizard of Earthsea".to_string(),
                    author: "Ursula K. Le Guin".to_string(),
                    quantity: 3,
                    line_total_cents: 2397,
                },
                Line {
                    title: "Piranesi".to_string(),
                    author: "Susanna Clarke".to_string(),
                    quantity: 2,
                    line_total_cents: 3198,
                },
                Line {
                    title: "The Martian".to_string(),
                    author: "Andy Weir".to_string(),
                    quantity: 1,
                    line_total_cents: 1499,
                },
            ]
        );
        assert_eq!(
            ok(order_lines(&conn, 2)),
            [Line {
                title: "Project Hail Mary".to_string(),
                author: "Andy Weir".to_string(),
                quantity: 1,
                line_total_cents: 1899,
            }]
        );
        assert_eq!(ok(order_lines(&conn, 3)), []);
    }
}

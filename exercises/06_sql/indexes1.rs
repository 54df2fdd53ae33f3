// indexes1: indexes and EXPLAIN QUERY PLAN
//
// To answer `WHERE user_id = 7`, a database without help reads every row of the table: a
// *scan*. That is fine for a hundred rows and ruinous for a hundred million. An *index* is
// a sorted copy of some columns, each entry pointing back at its row, kept up to date on
// every write. With one, the database jumps to the matching entries: a *search*.
//
//     CREATE INDEX events_by_user ON events (user_id);
//
// `EXPLAIN QUERY PLAN <query>` shows what SQLite will do, without doing it:
//
//     SCAN events                                    -- reads every row
//     USE TEMP B-TREE FOR ORDER BY                   -- sorts the matches afterwards
//     SEARCH events USING INDEX events_by_user (user_id=?)   -- jumps to the rows
//
// An index on several columns is sorted by the first, then the second, like a phone book
// (last name, then first name). So `(user_id, created_at)` finds one user's events already
// in time order, and `ORDER BY created_at` needs no sort, while `(created_at, user_id)` is
// no help to find a user. An index on a column is no help either for a query that compares
// a function of the column, `lower(email)`; but SQLite can index that expression itself.
//
// Indexes cost space and slow every INSERT and UPDATE down a little, so add the ones your
// queries need, and check with the plan. (`UNIQUE` and `PRIMARY KEY` create one each.)
//
// Write the indexes in `INDEXES` so that both queries become searches. Do not change the
// queries: run the tests and read the plans they print.

use rusqlite::{Connection, OptionalExtension, Result, params};

const SCHEMA: &str = "
    CREATE TABLE users (
        id    INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name  TEXT NOT NULL
    );
    CREATE TABLE events (
        id         INTEGER PRIMARY KEY,
        user_id    INTEGER NOT NULL REFERENCES users (id),
        kind       TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );";

// TODO: create the indexes that `RECENT_EVENTS` and `USER_BY_EMAIL` need.
const INDEXES: &str = "";

const USERS: i64 = 200;
const EVENTS: i64 = 5000;

/// Event number `i` of the seed data: its user, kind and time (seconds since 1970).
fn generated_event(i: i64) -> (i64, &'static str, i64) {
    let kinds = ["login", "view", "purchase", "logout"];
    let user_id = i % USERS + 1;
    let created_at = 1_700_000_000 + (i * 7919) % 100_000;
    (user_id, kinds[(i % 4) as usize], created_at)
}

/// Creates the tables, fills them, then creates the indexes.
fn setup(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut add_user = tx.prepare("INSERT INTO users (id, email, name) VALUES (?1, ?2, ?3)")?;
        for n in 1..=USERS {
            // Emails are kept as people typed them.
            add_user.execute(params![
                n,
                format!("User{n}@Example.com"),
                format!("User {n}")
            ])?;
        }
        let mut add_event =
            tx.prepare("INSERT INTO events (user_id, kind, created_at) VALUES (?1, ?2, ?3)")?;
        for i in 0..EVENTS {
            let (user_id, kind, created_at) = generated_event(i);
            add_event.execute(params![user_id, kind, created_at])?;
        }
    }
    tx.commit()?;
    conn.execute_batch(INDEXES)
}

/// A user's ten latest events, newest first: (id, kind, created_at).
const RECENT_EVENTS: &str = "SELECT id, kind, created_at FROM events
                             WHERE user_id = ?1
                             ORDER BY created_at DESC
                             LIMIT 10";

/// Finds a user by email, whatever its case: (id, name).
const USER_BY_EMAIL: &str = "SELECT id, name FROM users WHERE lower(email) = lower(?1)";

fn recent_events(conn: &Connection, user_id: i64) -> Result<Vec<(i64, String, i64)>> {
    let mut stmt = conn.prepare(RECENT_EVENTS)?;
    stmt.query_map([user_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect()
}

fn user_by_email(conn: &Connection, email: &str) -> Result<Option<(i64, String)>> {
    conn.query_row(USER_BY_EMAIL, [email], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()
}

/// What SQLite plans to do to run `sql`: one line per step.
fn query_plan(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    // The plan does not depend on the parameters' values: bind NULL to each.
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    stmt.query_map(rusqlite::params_from_iter(nulls), |row| row.get("detail"))?
        .collect()
}

fn main() -> Result<()> {
    // You can experiment here: `cargo run -p exercises-sql --bin indexes1` runs this.
    let mut conn = Connection::open_in_memory()?;
    setup(&mut conn)?;
    println!("{:#?}", query_plan(&conn, RECENT_EVENTS)?);
    println!("{:#?}", query_plan(&conn, USER_BY_EMAIL)?);
    println!("{:?}", recent_events(&conn, 7)?);
    println!("{:?}", user_by_email(&conn, "user7@example.com")?);
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        setup(&mut conn).unwrap();
        conn
    }

    /// Whether a plan line is an index search on `table`.
    fn is_index_search(line: &str, table: &str) -> bool {
        line.starts_with(&format!("SEARCH {table} USING ")) && line.contains("INDEX")
    }

    #[test]
    fn without_an_index_it_is_a_scan_and_a_sort() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        assert_eq!(
            query_plan(&conn, RECENT_EVENTS).unwrap(),
            ["SCAN events", "USE TEMP B-TREE FOR ORDER BY"]
        );
    }

    #[test]
    fn recent_events_search_an_index_and_need_no_sort() {
        let conn = db();
        let plan = query_plan(&conn, RECENT_EVENTS).unwrap();
        assert!(
            plan.len() == 1
                && is_index_search(&plan[0], "events")
                && plan[0].ends_with("(user_id=?)"),
            "expected a single step, SEARCH events USING INDEX ... (user_id=?), but the plan is {plan:#?}"
        );
    }

    #[test]
    fn recent_events_are_right() {
        let conn = db();
        for user_id in [1, 7, 200] {
            let mut expected: Vec<(i64, String, i64)> = (0..EVENTS)
                .filter_map(|i| {
                    let (user, kind, created_at) = generated_event(i);
                    (user == user_id).then(|| (i + 1, kind.to_string(), created_at))
                })
                .collect();
            expected.sort_by_key(|event| std::cmp::Reverse(event.2));
            expected.truncate(10);
            assert_eq!(recent_events(&conn, user_id).unwrap(), expected);
        }
        assert_eq!(recent_events(&conn, 999).unwrap(), []);
    }

    #[test]
    fn email_lookup_searches_an_index() {
        let conn = db();
        let plan = query_plan(&conn, USER_BY_EMAIL).unwrap();
        assert!(
            plan.len() == 1 && is_index_search(&plan[0], "users"),
            "expected a single step, SEARCH users USING ... INDEX ..., but the plan is {plan:#?}"
        );
    }

    #[test]
    fn email_lookup_ignores_case() {
        let conn = db();
        let user42 = Some((42, "User 42".to_string()));
        assert_eq!(user_by_email(&conn, "user42@example.com").unwrap(), user42);
        assert_eq!(user_by_email(&conn, "USER42@EXAMPLE.COM").unwrap(), user42);
        assert_eq!(user_by_email(&conn, "User42@Example.com").unwrap(), user42);
        assert_eq!(user_by_email(&conn, "user4@example.co").unwrap(), None);
    }
}

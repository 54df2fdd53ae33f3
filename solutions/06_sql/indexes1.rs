// indexes1: indexes and EXPLAIN QUERY PLAN
//
// To answer `WHERE user_id = 7`, a database without help reads every row: a *scan*. Fine
// for a hundred rows, ruinous for a hundred million. An *index* is a sorted copy of some
// columns, each entry pointing at its row, kept up to date on every write; with one, the
// database jumps to the matching entries: a *search*. `EXPLAIN QUERY PLAN <query>` shows
// what SQLite will do:
//
//     SCAN events                                           -- reads every row
//     USE TEMP B-TREE FOR ORDER BY                          -- sorts the matches afterwards
//     SEARCH events USING INDEX events_by_user (user_id=?)  -- jumps to the rows
//
// An index on several columns is sorted by the first, then the second, like a phone book:
// `(user_id, created_at)` finds one user's events already in time order, so
// `ORDER BY created_at` needs no sort. An index on `email` does not help a query that
// compares `lower(email)`, but SQLite can index that expression itself. Indexes cost space
// and slow every write a little: add the ones your queries need, and check with the plan.
//
// Write the indexes so both queries become searches. Do not change the queries.

#[path = "support/events.rs"]
mod events;

use events::query_plan;

// TODO: create the indexes that `RECENT_EVENTS` and `USER_BY_EMAIL` need.
const INDEXES: &str = "
    CREATE INDEX events_by_user_time ON events (user_id, created_at);
    CREATE INDEX users_by_lower_email ON users (lower(email));";

/// A user's ten latest events, newest first.
const RECENT_EVENTS: &str =
    "SELECT id, kind, created_at FROM events WHERE user_id = ?1 ORDER BY created_at DESC LIMIT 10";

/// Finds a user by email, whatever its case.
const USER_BY_EMAIL: &str = "SELECT id, name FROM users WHERE lower(email) = lower(?1)";

fn main() -> rusqlite::Result<()> {
    let conn = events::setup(INDEXES)?;
    println!("{:#?}", query_plan(&conn, RECENT_EVENTS)?);
    println!("{:#?}", query_plan(&conn, USER_BY_EMAIL)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use events::is_one_index_search;

    #[test]
    fn recent_events_search_an_index_and_need_no_sort() {
        let conn = events::setup(INDEXES).unwrap();
        let plan = query_plan(&conn, RECENT_EVENTS).unwrap();
        assert!(
            is_one_index_search(&plan, "events") && plan[0].ends_with("(user_id=?)"),
            "want one step, SEARCH events USING INDEX ... (user_id=?), but the plan is {plan:#?}"
        );
        let (id, kind, at): (i64, String, i64) = conn
            .query_row(RECENT_EVENTS, [7], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(
            (id, kind.as_str(), at),
            (607, "purchase", 1_700_098_914),
            "user 7's latest event"
        );
    }

    #[test]
    fn email_lookup_searches_an_index() {
        let conn = events::setup(INDEXES).unwrap();
        let plan = query_plan(&conn, USER_BY_EMAIL).unwrap();
        assert!(
            is_one_index_search(&plan, "users"),
            "want one step, SEARCH users USING ... INDEX ..., but the plan is {plan:#?}"
        );
        let name: String = conn
            .query_row(USER_BY_EMAIL, ["USER42@example.com"], |r| r.get(1))
            .unwrap();
        assert_eq!(name, "User 42", "the lookup ignores the email's case");
    }
}

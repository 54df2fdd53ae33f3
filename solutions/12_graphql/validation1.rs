// validation1: input objects and validators
//
// Types refuse a string for `year`, but say nothing of ranges: an empty title or the year
// 30000 is a well-typed input. A validator on an input object's field, such as
// `#[graphql(validator(min_length = 1))]` or `validator(maximum = 2100)`, refuses such a
// value before the resolver runs: the response has an error, and nothing is written.
//
// Give `title` 1 to 200 characters, and `year` 1450 (the printing press) to 2100.

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, InputObject, Object, Result, Schema};
use rusqlite::params;

#[path = "support/library.rs"]
mod library;
use library::{Db, Health};

#[derive(InputObject)]
struct NewBook {
    #[graphql(validator(min_length = 1, max_length = 200))]
    title: String,
    #[graphql(validator(minimum = 1450, maximum = 2100))]
    year: i32,
    author_id: i64,
}

struct Mutation;

#[Object]
impl Mutation {
    async fn add_book(&self, ctx: &Context<'_>, input: NewBook) -> Result<i64> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "INSERT INTO books (author_id, title, year) VALUES (?1, ?2, ?3)";
        db.execute(sql, params![input.author_id, input.title, input.year])?;
        Ok(db.last_insert_rowid())
    }
}

fn schema(db: Arc<Db>) -> Schema<Health, Mutation, EmptySubscription> {
    library::schema(Health, Mutation, db)
}

const ADD_BOOK: &str = "mutation Add($input: NewBook!) { addBook(input: $input) }";

fn main() {
    let input = serde_json::json!({"input": {"title": "", "year": 1974, "authorId": 1}});
    let schema = schema(Arc::new(Db::seeded()));
    library::show(&schema, library::request(ADD_BOOK, input));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn books_inside_the_rules_are_added() {
        let schema = schema(Arc::new(Db::seeded()));
        for (title, year, id) in [("B".repeat(200), 2100, 9), ("X".to_string(), 1450, 10)] {
            let input = json!({"input": {"title": title, "year": year, "authorId": 2}});
            let response = library::run_with(&schema, ADD_BOOK, input).await;
            let why = format!("a {}-character title from {year}", title.len());
            library::assert_ok(&response, &why);
            assert_eq!(response["data"]["addBook"], id, "{why} is added");
        }
    }

    #[tokio::test]
    async fn books_outside_the_rules_are_refused() {
        for (title, year, why) in [
            ("", 1974, "a title needs at least 1 character"),
            (&"A".repeat(201), 1974, "a title has at most 200 characters"),
            ("Dune", 30000, "a year is at most 2100"),
            ("Beowulf", 1000, "a year is at least 1450"),
        ] {
            let db = Arc::new(Db::seeded());
            let input = json!({"input": {"title": title, "year": year, "authorId": 1}});
            let response = library::run_with(&schema(db.clone()), ADD_BOOK, input).await;
            library::assert_rejected(&response, why);
            let count = db.peek("SELECT count(*) || '' FROM books");
            assert_eq!(count.as_deref(), Some("8"), "{why}: nothing may be written");
        }
    }
}

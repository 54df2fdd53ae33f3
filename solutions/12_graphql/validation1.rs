// validation1: input objects and validators
//
// A GraphQL mutation takes typed arguments. Several related values travel as one input
// object (`input NewBook { title: String! year: Int! authorId: ID! }`), and the schema already
// refuses a request whose types are wrong: a string for `year`, a missing `title`. But types
// say nothing about ranges. An empty title or the year 30000 is a well-typed `String` and
// `Int`, and the database would store it.
//
// async-graphql checks values before any resolver runs, when a field carries a validator:
//
//     #[graphql(validator(min_length = 1, max_length = 200))]
//     #[graphql(validator(minimum = 1450, maximum = 2100))]
//
// A value outside the rules never reaches `add_book`: the response carries an error naming
// the problem, `data` is null, and nothing is written. The rule is checked once, in the schema,
// and every client sees it in the error rather than in a corrupt row.
//
// Give `title` and `year` validators: a title of 1 to 200 characters, a year from 1450 (the
// printing press) to 2100.

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, InputObject, Object, Result, Schema};
use rusqlite::params;

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

#[derive(InputObject)]
struct NewBook {
    #[graphql(validator(min_length = 1, max_length = 200))]
    title: String,
    #[graphql(validator(minimum = 1450, maximum = 2100))]
    year: i32,
    author_id: i64,
}

struct Query;

#[Object]
impl Query {
    /// How many books the library has.
    async fn book_count(&self, ctx: &Context<'_>) -> Result<i64> {
        let db = ctx.data::<Arc<Db>>()?;
        Ok(db.query("SELECT count(*) FROM books", [], |row| row.get(0))?[0])
    }
}

struct Mutation;

#[Object]
impl Mutation {
    /// Adds a book and returns its id.
    async fn add_book(&self, ctx: &Context<'_>, input: NewBook) -> Result<i64> {
        let db = ctx.data::<Arc<Db>>()?;
        db.execute(
            "INSERT INTO books (author_id, title, year) VALUES (?1, ?2, ?3)",
            params![input.author_id, input.title, input.year],
        )?;
        Ok(db.last_insert_rowid())
    }
}

fn schema(db: Arc<Db>) -> Schema<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription)
        .data(db)
        .finish()
}

const ADD_BOOK: &str = "mutation Add($input: NewBook!) { addBook(input: $input) }";

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin validation1` runs this.
    let schema = schema(Arc::new(Db::seeded()));
    let vars = serde_json::json!({"input": {"title": "", "year": 1974, "authorId": 1}});
    let request =
        async_graphql::Request::new(ADD_BOOK).variables(async_graphql::Variables::from_json(vars));
    println!("{:#}", run(&schema, request).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;
    use async_graphql::{Request, Variables};
    use serde_json::{Value, json};

    async fn add(db: &Arc<Db>, input: Value) -> Value {
        let request =
            Request::new(ADD_BOOK).variables(Variables::from_json(json!({"input": input})));
        run(&schema(db.clone()), request).await
    }

    async fn refused(input: Value, why: &str) {
        let db = Arc::new(Db::seeded());
        let response = add(&db, input.clone()).await;
        assert!(
            response["errors"].as_array().is_some_and(|e| !e.is_empty()),
            "{why}: the book should be refused with an error, got {response}"
        );
        assert_eq!(
            response["data"],
            Value::Null,
            "a refused mutation has no data"
        );
        assert_eq!(
            db.peek("SELECT count(*) || '' FROM books").as_deref(),
            Some("8"),
            "{why}: nothing may be written"
        );
    }

    #[tokio::test]
    async fn a_good_book_is_added() {
        let db = Arc::new(Db::seeded());
        let response = add(
            &db,
            json!({"title": "The Left Hand of Darkness", "year": 1969, "authorId": 1}),
        )
        .await;
        assert_eq!(
            response,
            json!({"data": {"addBook": 9}}),
            "a valid book is stored and its new id returned, with no errors: {}",
            error_messages(&response)
        );
    }

    #[tokio::test]
    async fn an_empty_title_is_refused() {
        refused(
            json!({"title": "", "year": 1974, "authorId": 1}),
            "a title needs at least 1 character",
        )
        .await;
    }

    #[tokio::test]
    async fn a_huge_title_is_refused() {
        let title = "A".repeat(201);
        refused(
            json!({"title": title, "year": 1974, "authorId": 1}),
            "a title has at most 200 characters",
        )
        .await;
    }

    #[tokio::test]
    async fn a_year_from_the_future_is_refused() {
        refused(
            json!({"title": "Dune", "year": 30000, "authorId": 1}),
            "a year is at most 2100",
        )
        .await;
    }

    #[tokio::test]
    async fn a_year_before_printing_is_refused() {
        refused(
            json!({"title": "Beowulf", "year": 1000, "authorId": 1}),
            "a year is at least 1450",
        )
        .await;
    }

    #[tokio::test]
    async fn the_limits_themselves_are_allowed() {
        let db = Arc::new(Db::seeded());
        let title = "B".repeat(200);
        let response = add(&db, json!({"title": title, "year": 2100, "authorId": 2})).await;
        assert_eq!(
            response["data"]["addBook"],
            json!(9),
            "200 characters and the year 2100 are inside the rules: {}",
            error_messages(&response)
        );
        let response = add(&db, json!({"title": "X", "year": 1450, "authorId": 2})).await;
        assert_eq!(
            response["data"]["addBook"],
            json!(10),
            "1 character and the year 1450 are inside the rules: {}",
            error_messages(&response)
        );
    }
}

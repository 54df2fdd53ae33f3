// partial1: errors next to data
//
// A GraphQL response is not all-or-nothing. When one field fails, the others still resolve:
// the response carries `data` with null where the failure was, and an `errors` list saying
// what failed and where (`path`). Over HTTP it is still a 200: the client reads `errors`, not
// the status code. Each error may carry `extensions`, free-form JSON; by convention a `code`
// the client can branch on, because messages are for humans and change.
//
// Declare a field that may fail as nullable. The GraphQL specification says an error in a
// non-null field (`priceCents: Int!`, a Rust `i32`) nulls its parent instead, up to the
// nearest nullable ancestor: one slow pricing service could blank the whole page. async-graphql
// is laxer and leaves the failed field out, but then the schema promised an `Int!` it did not
// deliver, and clients generated from the schema break. `Option<i32>` publishes `priceCents: Int`.
//
// The prices come from another team's pricing service, which fails for some books. Make the
// field nullable and give its error the code `PRICE_UNAVAILABLE`, as `internal` does for
// database errors.

use std::sync::Arc;

use async_graphql::{
    ComplexObject, Context, EmptyMutation, EmptySubscription, Error, ErrorExtensions, Object,
    Result, Schema, SimpleObject,
};

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

#[derive(SimpleObject)]
#[graphql(complex)]
struct Book {
    id: i64,
    title: String,
}

#[ComplexObject]
impl Book {
    async fn price_cents(&self) -> Result<Option<i32>> {
        fetch_price(self.id).map(Some).map_err(|message| {
            Error::new(message).extend_with(|_, ext| ext.set("code", "PRICE_UNAVAILABLE"))
        })
    }
}

/// The pricing service: a price in cents, or why there is none right now.
fn fetch_price(book_id: i64) -> Result<i32, String> {
    if book_id % 3 == 0 {
        Err(format!("pricing service timed out for book {book_id}"))
    } else {
        Ok(900 + 100 * book_id as i32)
    }
}

/// A database error becomes a generic message with a code; the details stay on the server.
fn internal(_err: rusqlite::Error) -> Error {
    Error::new("internal error").extend_with(|_, ext| ext.set("code", "INTERNAL"))
}

struct Query;

#[Object]
impl Query {
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT id, title FROM books ORDER BY id";
        let books = db.query(sql, [], |row| {
            Ok(Book {
                id: row.get(0)?,
                title: row.get(1)?,
            })
        });
        books.map_err(internal)
    }
}

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .finish()
}

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin partial1` runs this.
    let schema = schema(Arc::new(Db::seeded()));
    println!("{:#}", run(&schema, "{ books { title priceCents } }").await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    async fn page() -> Value {
        run(
            &schema(Arc::new(Db::seeded())),
            "{ books { title priceCents } }",
        )
        .await
    }

    #[tokio::test]
    async fn the_page_survives_a_missing_price() {
        let response = page().await;
        let books = response["data"]["books"].as_array();
        assert!(
            books.is_some_and(|books| books.len() == 8),
            "all 8 books should be listed although two prices failed; got data = {}",
            response["data"]
        );
        assert_eq!(
            response["data"]["books"][0],
            json!({"title": "The Dispossessed", "priceCents": 1000}),
            "a book whose price came back shows it"
        );
        // (async-graphql leaves a failed field out of its object; `["priceCents"]` reads it as null.)
        let martian = &response["data"]["books"][2];
        assert_eq!(
            (&martian["title"], &martian["priceCents"]),
            (&json!("The Martian"), &Value::Null),
            "a book whose price failed keeps its title, with a null price"
        );
    }

    #[tokio::test]
    async fn each_failure_is_in_errors_with_its_path() {
        let response = page().await;
        let paths: Vec<&Value> = response["errors"]
            .as_array()
            .map(|errors| errors.iter().map(|e| &e["path"]).collect())
            .unwrap_or_default();
        assert_eq!(
            paths,
            [
                &json!(["books", 2, "priceCents"]),
                &json!(["books", 5, "priceCents"])
            ],
            "one error per failed price (books 3 and 6), each with the path of its null"
        );
        assert_eq!(
            response["errors"][0]["message"],
            json!("pricing service timed out for book 3"),
            "the message says what went wrong, for a human"
        );
    }

    #[test]
    fn the_schema_says_a_price_may_be_missing() {
        let sdl = schema(Arc::new(Db::seeded())).sdl();
        let line = sdl
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("priceCents"));
        assert_eq!(
            line,
            Some("priceCents: Int"),
            "a field that can fail is nullable in the schema (`Int`, not `Int!`)"
        );
    }

    #[tokio::test]
    async fn errors_carry_a_code() {
        let response = page().await;
        let codes: Vec<&Value> = response["errors"]
            .as_array()
            .map(|errors| errors.iter().map(|e| &e["extensions"]["code"]).collect())
            .unwrap_or_default();
        assert_eq!(
            codes,
            [&json!("PRICE_UNAVAILABLE"), &json!("PRICE_UNAVAILABLE")],
            "each error has extensions.code, which a client can branch on"
        );
    }
}

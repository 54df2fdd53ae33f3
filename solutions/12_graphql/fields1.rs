// fields1: the client chooses the fields
//
// A REST endpoint decides what `GET /books/2` returns; every client gets the whole document,
// whether it shows one field or ten. In GraphQL the server publishes a schema of types and
// fields, and each query names the fields it wants: `{ book(id: 2) { title } }` gets back
// `{"data": {"book": {"title": "A Wizard of Earthsea"}}}` and nothing more. A mobile app asks
// for less, a detail page for more, from the same endpoint, with no new version of the API.
//
// With async-graphql, a Rust struct becomes a GraphQL object type by deriving `SimpleObject`:
// each field becomes a GraphQL field (`author_name` is published as `authorName`), and the
// library answers each query with exactly the selected fields. A `#[derive(Serialize)]`
// struct wrapped in `Json<...>` is a different thing: one opaque JSON scalar, sent whole,
// which a query cannot select fields from at all.
//
// Make `Book` an object type, and have `book` return it.

use std::sync::Arc;

use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Result, Schema};

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

#[derive(async_graphql::SimpleObject)]
struct Book {
    id: i64,
    title: String,
    year: i32,
    author_name: String,
}

/// One book by id, with its author's name.
fn find_book(db: &Db, id: i64) -> rusqlite::Result<Option<Book>> {
    let sql = "SELECT b.id, b.title, b.year, a.name FROM books AS b
               JOIN authors AS a ON a.id = b.author_id WHERE b.id = ?1";
    let mut rows = db.query(sql, [id], |row| {
        Ok(Book {
            id: row.get(0)?,
            title: row.get(1)?,
            year: row.get(2)?,
            author_name: row.get(3)?,
        })
    })?;
    Ok(rows.pop())
}

struct Query;

#[Object]
impl Query {
    /// One book by id, or null when there is none.
    async fn book(&self, ctx: &Context<'_>, id: i64) -> Result<Option<Book>> {
        Ok(find_book(ctx.data::<Arc<Db>>()?, id)?)
    }
}

type LibrarySchema = Schema<Query, EmptyMutation, EmptySubscription>;

fn schema(db: Arc<Db>) -> LibrarySchema {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .finish()
}

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin fields1` runs this.
    let schema = schema(Arc::new(Db::seeded()));
    let response = run(&schema, "{ book(id: 2) { title authorName } }").await;
    println!("{response:#}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;
    use serde_json::json;

    async fn ask(query: &str) -> serde_json::Value {
        let response = run(&schema(Arc::new(Db::seeded())), query).await;
        assert!(
            response.get("errors").is_none(),
            "{query} should run without errors, got: {}",
            error_messages(&response)
        );
        response
    }

    #[tokio::test]
    async fn one_field_asked_one_field_sent() {
        let response = ask("{ book(id: 2) { title } }").await;
        assert_eq!(
            response["data"],
            json!({"book": {"title": "A Wizard of Earthsea"}}),
            "the response holds exactly the fields the query selected"
        );
    }

    #[tokio::test]
    async fn another_query_another_shape() {
        let response = ask("{ book(id: 3) { year authorName } }").await;
        assert_eq!(
            response["data"],
            json!({"book": {"year": 2011, "authorName": "Andy Weir"}}),
            "a field is published in camelCase (author_name becomes authorName), and only selected fields come back"
        );
    }

    #[tokio::test]
    async fn a_missing_book_is_null() {
        let response = ask("{ book(id: 99) { title } }").await;
        assert_eq!(
            response["data"],
            json!({"book": null}),
            "`Option<Book>` is a nullable field: no row gives null, not an error"
        );
    }
}

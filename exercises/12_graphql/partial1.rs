// partial1: errors next to data
//
// When one field fails, the others still resolve: the response has `data`, with null where
// the failure was, and `errors`, each with the `path` of its null and `extensions.code`, a
// code clients branch on (messages are for humans). A field that can fail is nullable in the
// schema: `Option<i32>` publishes `priceCents: Int`, not `Int!` (the README says why).
//
// Prices come from a pricing service that fails for some books. Make `priceCents` nullable,
// and give its error the code `PRICE_UNAVAILABLE`, as `internal` does for database errors.

use std::sync::Arc;

use async_graphql::{ComplexObject, Context, EmptyMutation, EmptySubscription, Error, Schema};
use async_graphql::{ErrorExtensions, Object, Result, SimpleObject};

#[path = "support/library.rs"]
mod library;
use library::{Db, fetch_price};

#[derive(SimpleObject)]
#[graphql(complex)]
struct Book {
    id: i64,
    title: String,
}

#[ComplexObject]
impl Book {
    // TODO: a nullable field (`Option<i32>`), and an error with the code PRICE_UNAVAILABLE.
    async fn price_cents(&self) -> Result<i32> {
        fetch_price(self.id).map_err(Error::new)
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
        let sql = "SELECT id, title FROM books ORDER BY id";
        let books = ctx.data::<Arc<Db>>()?.query(sql, [], |row| {
            let (id, title) = (row.get(0)?, row.get(1)?);
            Ok(Book { id, title })
        });
        books.map_err(internal)
    }
}

fn schema() -> Schema<Query, EmptyMutation, EmptySubscription> {
    library::schema(Query, EmptyMutation, Arc::new(Db::seeded()))
}

const PAGE: &str = "{ books { title priceCents } }";

fn main() {
    library::show(&schema(), PAGE);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{error_codes, error_paths};

    #[tokio::test]
    async fn each_failed_price_is_an_error_with_its_path_and_code() {
        let response = library::run(&schema(), PAGE).await;
        let martian = &response["data"]["books"][2]["title"];
        let why = "the page survives a failed price: the book is listed, with its title";
        assert_eq!(martian, "The Martian", "{why}");
        let paths = [r#"["books",2,"priceCents"]"#, r#"["books",5,"priceCents"]"#];
        let why = "one error per failed price (books 3 and 6), with the path of its null";
        assert_eq!(error_paths(&response), paths, "{why}");
        let why = "each error has extensions.code, which a client can branch on";
        assert_eq!(error_codes(&response), ["PRICE_UNAVAILABLE"; 2], "{why}");
    }

    #[test]
    fn the_schema_says_a_price_may_be_missing() {
        let sdl = schema().sdl();
        let why = "a field that can fail is nullable in the schema (`Int`, not `Int!`)";
        assert!(sdl.contains("priceCents: Int\n"), "{why}:\n{sdl}");
    }
}

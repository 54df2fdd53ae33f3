// fields1: the client chooses the fields
//
// A REST endpoint decides what `GET /books/2` returns. A GraphQL query names the fields it
// wants: `{ book(id: 2) { title } }` gets back only the title. In async-graphql a struct
// becomes an object type by deriving `SimpleObject` (`author_name` is published as
// `authorName`); a `Serialize` struct in `Json<...>` is one opaque scalar, sent whole.
//
// Make `Book` an object type, and have `book` return it.

use std::sync::Arc;

use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Result, Schema};

#[path = "support/library.rs"]
mod library;
use library::Db;

// TODO: a GraphQL object type derives `async_graphql::SimpleObject`, not `Serialize`.
#[derive(serde::Serialize)]
struct Book {
    id: i64,
    title: String,
    author_name: String,
}

struct Query;

#[Object]
impl Query {
    /// One book by id, or null when there is none.
    // TODO: return the `Book` itself, not a JSON blob of it.
    async fn book(&self, ctx: &Context<'_>, id: i64) -> Result<Option<async_graphql::Json<Book>>> {
        Ok(find_book(ctx.data::<Arc<Db>>()?, id)?.map(async_graphql::Json))
    }
}

fn find_book(db: &Db, id: i64) -> rusqlite::Result<Option<Book>> {
    let sql = "SELECT b.id, b.title, a.name FROM books AS b
               JOIN authors AS a ON a.id = b.author_id WHERE b.id = ?1";
    let mut rows = db.query(sql, [id], |row| {
        let (id, title, author_name) = (row.get(0)?, row.get(1)?, row.get(2)?);
        Ok(Book {
            id,
            title,
            author_name,
        })
    })?;
    Ok(rows.pop())
}

fn schema() -> Schema<Query, EmptyMutation, EmptySubscription> {
    library::schema(Query, EmptyMutation, Arc::new(Db::seeded()))
}

fn main() {
    library::show(&schema(), "{ book(id: 2) { title authorName } }");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn each_book_gets_exactly_the_fields_it_selects() {
        let query =
            "{ a: book(id: 2) { title } b: book(id: 3) { id authorName } c: book(id: 99) { id } }";
        let response = library::run(&schema(), query).await;
        library::assert_ok(&response, query);
        let want = json!({
            "a": {"title": "A Wizard of Earthsea"},
            "b": {"id": 3, "authorName": "Andy Weir"},
            "c": null,
        });
        let why = "each book (`a:` names it in the response) has exactly the fields it selects \
                   (author_name is published as authorName), and a missing book is null";
        assert_eq!(response["data"], want, "{why}");
    }
}

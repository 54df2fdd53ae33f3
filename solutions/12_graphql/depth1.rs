// depth1: refuse abusive queries before they run
//
// A REST endpoint does a fixed amount of work. A GraphQL endpoint does what the query asks,
// and the client writes the query. Types that point at each other (a book has an author, an
// author has books) let a query nest as deep as it likes, each level multiplying the work:
//
//     { books { author { books { author { books { author { books { title } } } } } } } }
//
// and aliases let one query ask for the same field a thousand times. One such request can
// keep a database busy for minutes: a denial of service in a few hundred bytes.
//
// async-graphql measures every query after parsing it and before resolving anything:
// - depth: how deep the selections nest (`{ books { title } }` is 2);
// - complexity: how many fields it selects in all, each field counting 1 by default.
// `Schema::build(...).limit_depth(n)` and `.limit_complexity(n)` refuse a query over a limit
// with an error ("Query is nested too deep.", "Query is too complex.") and run none of it.
//
// Build the schema with both limits, `MAX_DEPTH` and `MAX_COMPLEXITY`.

use std::sync::Arc;

use async_graphql::{
    ComplexObject, Context, EmptyMutation, EmptySubscription, Object, Result, Schema, SimpleObject,
};

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

/// Deep enough for a book page: `{ books { title author { name books { title } } } }` is 4.
const MAX_DEPTH: usize = 5;
/// Generous for any page the app shows, far below what an attack asks for.
const MAX_COMPLEXITY: usize = 50;

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

#[derive(SimpleObject)]
#[graphql(complex)]
struct Book {
    id: i64,
    title: String,
    #[graphql(skip)]
    author_id: i64,
}

#[ComplexObject]
impl Book {
    async fn author(&self, ctx: &Context<'_>) -> Result<Author> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT id, name FROM authors WHERE id = ?1";
        let mut rows = db.query(sql, [self.author_id], |row| {
            Ok(Author {
                id: row.get(0)?,
                name: row.get(1)?,
            })
        })?;
        rows.pop().ok_or_else(|| "no such author".into())
    }
}

#[derive(SimpleObject)]
#[graphql(complex)]
struct Author {
    id: i64,
    name: String,
}

#[ComplexObject]
impl Author {
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        let db = ctx.data::<Arc<Db>>()?;
        books(db, "WHERE author_id = ?1", [self.id])
    }
}

fn books<P: rusqlite::Params>(db: &Db, filter: &str, params: P) -> Result<Vec<Book>> {
    let sql = format!("SELECT id, title, author_id FROM books {filter} ORDER BY id");
    Ok(db.query(&sql, params, |row| {
        Ok(Book {
            id: row.get(0)?,
            title: row.get(1)?,
            author_id: row.get(2)?,
        })
    })?)
}

struct Query;

#[Object]
impl Query {
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        books(ctx.data::<Arc<Db>>()?, "", [])
    }
}

const PAGE: &str = "{ books { title author { name books { title } } } }";

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin depth1` runs this.
    println!("limits: depth {MAX_DEPTH}, complexity {MAX_COMPLEXITY}");
    let db = Arc::new(Db::seeded());
    let response = run(&schema(db.clone()), PAGE).await;
    println!("{}", response["data"]["books"][0]);
    println!("statements run: {}", db.statements_run());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;

    async fn refused(query: &str, why: &str, message: &str) {
        let db = Arc::new(Db::seeded());
        let response = run(&schema(db.clone()), query).await;
        assert_eq!(
            error_messages(&response),
            message,
            "{why}: the query should be refused with this error"
        );
        assert_eq!(
            db.statements_run(),
            0,
            "{why}: a refused query must not run any SQL"
        );
    }

    #[tokio::test]
    async fn a_normal_page_is_served() {
        let db = Arc::new(Db::seeded());
        let response = run(&schema(db.clone()), PAGE).await;
        assert_eq!(
            error_messages(&response),
            "no errors",
            "the book page (depth 4, 6 fields) is within the limits"
        );
        assert_eq!(
            response["data"]["books"][0]["author"]["books"][1]["title"], "A Wizard of Earthsea",
            "the page has the books of each book's author"
        );
    }

    #[tokio::test]
    async fn a_deep_query_is_refused() {
        let deep =
            "{ books { author { books { author { books { author { books { title } } } } } } } }";
        refused(deep, "a query nested 8 deep", "Query is nested too deep.").await;
    }

    #[tokio::test]
    async fn a_wide_query_is_refused() {
        // 100 aliases of the same list: depth 3, but 300 fields.
        let fields: Vec<String> = (0..100)
            .map(|n| format!("b{n}: books {{ author {{ name }} }}"))
            .collect();
        let wide = format!("{{ {} }}", fields.join(" "));
        refused(&wide, "a query with 300 fields", "Query is too complex.").await;
    }
}

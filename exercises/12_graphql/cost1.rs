// cost1: a list costs what it returns
//
// `limit_complexity` counts each selected field once. But `books(first: 5000) { title author
// { name } }` selects 4 fields and returns 5000 books, each with an author to look up: by
// field count it looks cheap, and it is the most expensive query on the server. Query cost
// analysis gives a list field a cost that grows with the size the client asked for.
//
// In async-graphql a field's cost is an expression over its arguments and `child_complexity`
// (the cost of what is selected inside it):
//
//     #[graphql(complexity = "first * child_complexity")]
//
// Then 5 books with 3 fields inside cost 15, and 5000 cost 15000, far over the limit, so that
// query is refused before any SQL runs. Production servers often also cap such arguments (a
// maximum page size) and charge each client a budget of cost per minute.
//
// Give `books` a cost that grows with `first`.

use std::sync::Arc;

use async_graphql::{
    ComplexObject, Context, EmptyMutation, EmptySubscription, Object, Result, Schema, SimpleObject,
};

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

struct Query;

#[Object]
impl Query {
    /// The first `first` books, by id.
    // TODO: a cost of `first` times the cost of what is selected in each book.
    async fn books(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: usize,
    ) -> Result<Vec<Book>> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT id, title, author_id FROM books ORDER BY id LIMIT ?1";
        Ok(db.query(sql, [first as i64], |row| {
            Ok(Book {
                id: row.get(0)?,
                title: row.get(1)?,
                author_id: row.get(2)?,
            })
        })?)
    }
}

const MAX_COMPLEXITY: usize = 100;

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
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
    async fn author_name(&self, ctx: &Context<'_>) -> Result<String> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT name FROM authors WHERE id = ?1";
        let mut names = db.query(sql, [self.author_id], |row| row.get(0))?;
        names.pop().ok_or_else(|| "no such author".into())
    }
}

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin cost1` runs this.
    let db = Arc::new(Db::seeded());
    let response = run(
        &schema(db.clone()),
        "{ books(first: 3) { title authorName } }",
    )
    .await;
    println!("{response:#}");
    println!("statements run: {}", db.statements_run());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;
    use serde_json::json;

    #[tokio::test]
    async fn a_page_of_five_is_served() {
        let db = Arc::new(Db::seeded());
        let query = "{ books(first: 5) { id title authorName } }";
        let response = run(&schema(db), query).await;
        assert_eq!(
            error_messages(&response),
            "no errors",
            "5 books with 3 fields each cost 15, within the limit of {MAX_COMPLEXITY}"
        );
        assert_eq!(
            response["data"]["books"][4],
            json!({"id": 5, "title": "Guards! Guards!", "authorName": "Terry Pratchett"}),
            "the page is served"
        );
    }

    #[tokio::test]
    async fn a_huge_page_is_refused_before_it_runs() {
        let db = Arc::new(Db::seeded());
        let query = "{ books(first: 5000) { title authorName } }";
        let response = run(&schema(db.clone()), query).await;
        assert_eq!(
            error_messages(&response),
            "Query is too complex.",
            "5000 books with 2 fields each cost 10000: over the limit of {MAX_COMPLEXITY}"
        );
        assert_eq!(
            db.statements_run(),
            0,
            "a refused query must not run any SQL"
        );
    }

    #[tokio::test]
    async fn the_default_page_size_counts_too() {
        let db = Arc::new(Db::seeded());
        let fields: Vec<String> = (0..6)
            .map(|n| format!("p{n}: books {{ title authorName }}"))
            .collect();
        let query = format!("{{ {} }}", fields.join(" "));
        let response = run(&schema(db.clone()), &query).await;
        assert_eq!(
            error_messages(&response),
            "Query is too complex.",
            "6 lists of the default 10 books with 2 fields cost 120: over the limit of {MAX_COMPLEXITY}"
        );
        assert_eq!(
            db.statements_run(),
            0,
            "a refused query must not run any SQL"
        );
    }
}

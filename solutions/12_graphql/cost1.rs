// cost1: a list costs what it returns
//
// `limit_complexity` counts each selected field once, so `books(first: 5000) { title }` looks
// as cheap as `books(first: 5) { title }`. Query cost analysis makes a list's cost grow with
// its size: `#[graphql(complexity = "...")]` on a resolver is an expression over its arguments
// and `child_complexity`, the cost of the selection inside one item.
//
// Give `books` a cost of `first` times the cost of one book, so a huge page is refused.

use std::sync::Arc;

use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Result, Schema};

#[path = "support/library.rs"]
mod library;
use library::Db;
#[path = "support/catalog.rs"]
mod catalog;
use catalog::Book;

struct Query;

#[Object]
impl Query {
    /// The first `first` books, by id.
    #[graphql(complexity = "first * child_complexity")]
    async fn books(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 10)] first: usize,
    ) -> Result<Vec<Book>> {
        Ok(catalog::books(ctx.data::<Arc<Db>>()?, None, Some(first))?)
    }
}

const MAX_COMPLEXITY: usize = 100;

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .limit_complexity(MAX_COMPLEXITY)
        .finish()
}

fn main() {
    let db = Arc::new(Db::seeded());
    library::show(&schema(db), "{ books(first: 3) { title } }");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_page_of_five_is_served() {
        let query = "{ books(first: 5) { title author { name } } }";
        let response = library::run(&schema(Arc::new(Db::seeded())), query).await;
        library::assert_ok(&response, "5 books of cost 3 (15, the limit is 100)");
        let fifth = &response["data"]["books"][4]["author"]["name"];
        assert_eq!(fifth, "Terry Pratchett", "the page of five books is served");
    }

    #[tokio::test]
    async fn a_huge_page_is_refused_before_it_runs() {
        let db = Arc::new(Db::seeded());
        let query = "{ books(first: 5000) { title author { name } } }";
        let response = library::run(&schema(db.clone()), query).await;
        let why = "5000 books of cost 3 cost 15000, over the limit of 100";
        library::assert_refused(&response, &db, "Query is too complex.", why);
    }

    #[tokio::test]
    async fn the_default_page_size_counts_too() {
        let db = Arc::new(Db::seeded());
        let pages = library::aliases(6, "books { title author { name } }");
        let response = library::run(&schema(db.clone()), &pages).await;
        let why = "6 lists of the default 10 books of cost 3 cost 180, over the limit of 100";
        library::assert_refused(&response, &db, "Query is too complex.", why);
    }
}

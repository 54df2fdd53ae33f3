// depth1: refuse abusive queries before they run
//
// The client writes the query. Types that point at each other (a book has an author, an
// author has books) let it nest without end, each level multiplying the work, and aliases
// let it ask for one list a hundred times: a denial of service in a few hundred bytes.
// async-graphql measures a query before resolving it: the schema builder's `.limit_depth(n)`
// and `.limit_complexity(n)` (each field counts 1) refuse one over a limit, running none of it.
//
// Build the schema with both limits, `MAX_DEPTH` and `MAX_COMPLEXITY`.

use std::sync::Arc;

use async_graphql::{EmptyMutation, EmptySubscription, Schema};

#[path = "support/library.rs"]
mod library;
use library::Db;
#[path = "support/catalog.rs"]
mod catalog;
use catalog::Query;

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

const PAGE: &str = "{ books { title author { name books { title } } } }";

fn main() {
    library::show(&schema(Arc::new(Db::seeded())), PAGE);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_normal_page_is_served() {
        let response = library::run(&schema(Arc::new(Db::seeded())), PAGE).await;
        library::assert_ok(&response, "the book page (depth 4, 6 fields)");
        let title = &response["data"]["books"][0]["author"]["books"][1]["title"];
        let why = "the page lists, for each book, the books of its author";
        assert_eq!(title, "A Wizard of Earthsea", "{why}");
    }

    #[tokio::test]
    async fn a_deep_query_is_refused() {
        let db = Arc::new(Db::seeded());
        let deep =
            "{ books { author { books { author { books { author { books { title } } } } } } } }";
        let response = library::run(&schema(db.clone()), deep).await;
        library::assert_refused(
            &response,
            &db,
            "Query is nested too deep.",
            "a query 8 deep",
        );
    }

    #[tokio::test]
    async fn a_wide_query_is_refused() {
        let db = Arc::new(Db::seeded());
        let wide = library::aliases(100, "books { author { name } }");
        let response = library::run(&schema(db.clone()), &wide).await;
        let why = "100 aliases of the list: depth 3, but 300 fields";
        library::assert_refused(&response, &db, "Query is too complex.", why);
    }
}

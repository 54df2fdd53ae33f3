// dataloader1: DataLoader against N+1
//
// For `{ books { title author { name } } }`, the `author` resolver runs once per book: if each
// asks the database, N books cost N+1 queries. A DataLoader collects the keys the resolvers
// ask for (`loader.load_one(author_id)`) and calls `Loader::load` ONCE with all of them.
//
// `load` below still asks once per id. Make it one statement, `SELECT id, name FROM authors
// WHERE id IN (?, ?, ...)`: one `?` per id, the ids bound with `params_from_iter(ids)`.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{EmptyMutation, EmptySubscription, Schema};

#[path = "support/library.rs"]
mod library;
use library::Db;
#[path = "support/loader_page.rs"]
mod loader_page;
use loader_page::{Author, Query, author_from_row};

struct AuthorLoader {
    db: Arc<Db>,
}

impl Loader<i64> for AuthorLoader {
    type Value = Author;
    type Error = Arc<rusqlite::Error>;

    async fn load(&self, ids: &[i64]) -> Result<HashMap<i64, Author>, Self::Error> {
        let placeholders = vec!["?"; ids.len()].join(", ");
        let sql = format!("SELECT id, name FROM authors WHERE id IN ({placeholders})");
        let rows = self
            .db
            .query(&sql, rusqlite::params_from_iter(ids), author_from_row)?;
        Ok(rows.into_iter().map(|author| (author.id, author)).collect())
    }
}

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    let authors = DataLoader::new(AuthorLoader { db: db.clone() }, tokio::spawn);
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .data(authors)
        .finish()
}

const PAGE: &str = "{ books { title author { name } } }";

fn main() {
    library::show(&schema(Arc::new(Db::seeded())), PAGE);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)] // paused: the loader's batch catches every key
    async fn one_statement_for_all_the_authors() {
        let db = Arc::new(Db::seeded());
        db.add_authors(5..=200); // 196 more authors, with a book each
        let response = library::run(&schema(db.clone()), PAGE).await;
        let name = |i: usize| response["data"]["books"][i]["author"]["name"].clone();
        let want = [
            "Andy Weir",
            "N. K. Jemisin",
            "Ursula K. Le Guin",
            "Author 200",
        ];
        let why = "books 3, 7, 8 and 204 each get their own author back from the batch";
        assert_eq!([name(2), name(6), name(7), name(203)], want, "{why}");
        let why = "one statement for the 204 books, one for all 200 authors (not one per id)";
        assert_eq!(db.statements_run(), 2, "{why}");
    }
}

// dataloader1: DataLoader against N+1
//
// GraphQL resolves each field on its own. For `{ books { title author { name } } }`, the
// `author` resolver runs once per book, and if each asks the database for one author, a page
// of N books costs N+1 queries: the N+1 problem, built into GraphQL's shape.
//
// A DataLoader is the standard answer. Resolvers do not query; they ask the loader for a key
// (`loader.load_one(author_id)`). The loader collects the keys that every resolver asks for
// while the query is being resolved, and then calls your `Loader::load` ONCE with all of them
// (duplicates removed). `load` answers with a map from key to value; each resolver gets its own
// entry back. The `author` resolver below already goes through the loader.
//
// But `load` still asks once per id, so the round trips are all still there. Make it one
// statement: `SELECT id, name FROM authors WHERE id IN (?1, ?2, ...)`, with one placeholder
// per id (SQL has no placeholder for a whole list) and the ids bound with
// `rusqlite::params_from_iter(ids)`.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{
    ComplexObject, Context, EmptyMutation, EmptySubscription, Object, Result, Schema, SimpleObject,
};

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

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

fn author_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Author> {
    Ok(Author {
        id: row.get(0)?,
        name: row.get(1)?,
    })
}

#[derive(SimpleObject, Clone)]
struct Author {
    id: i64,
    name: String,
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
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Author>> {
        let loader = ctx.data::<DataLoader<AuthorLoader>>()?;
        Ok(loader.load_one(self.author_id).await?)
    }
}

struct Query;

#[Object]
impl Query {
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT id, title, author_id FROM books ORDER BY id";
        Ok(db.query(sql, [], |row| {
            Ok(Book {
                id: row.get(0)?,
                title: row.get(1)?,
                author_id: row.get(2)?,
            })
        })?)
    }
}

fn schema(db: Arc<Db>) -> Schema<Query, EmptyMutation, EmptySubscription> {
    // The loader runs its batches as tokio tasks.
    let authors = DataLoader::new(AuthorLoader { db: db.clone() }, tokio::spawn);
    Schema::build(Query, EmptyMutation, EmptySubscription)
        .data(db)
        .data(authors)
        .finish()
}

const PAGE: &str = "{ books { title author { name } } }";

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin dataloader1` runs this.
    let db = Arc::new(Db::seeded());
    let response = run(&schema(db.clone()), PAGE).await;
    println!("{response:#}");
    println!("statements run: {}", db.statements_run());
}

// The tests below check your work. You don't need to change them. They pause tokio's clock,
// so the loader's batch starts only once every resolver is waiting for it.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;
    use serde_json::json;

    #[tokio::test(start_paused = true)]
    async fn every_book_has_its_author() {
        let response = run(&schema(Arc::new(Db::seeded())), PAGE).await;
        let authors: Vec<&serde_json::Value> = response["data"]["books"]
            .as_array()
            .map(|books| books.iter().map(|b| &b["author"]["name"]).collect())
            .unwrap_or_default();
        let want = [
            "Ursula K. Le Guin",
            "Ursula K. Le Guin",
            "Andy Weir",
            "Andy Weir",
            "Terry Pratchett",
            "Terry Pratchett",
            "N. K. Jemisin",
            "Ursula K. Le Guin",
        ]
        .map(|name| json!(name));
        assert_eq!(
            authors,
            want.iter().collect::<Vec<_>>(),
            "each book gets its own author back from the batch ({})",
            error_messages(&response)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn two_statements_for_the_page() {
        let db = Arc::new(Db::seeded());
        run(&schema(db.clone()), PAGE).await;
        assert_eq!(
            db.statements_run(),
            2,
            "one statement for the books and one for all their authors; more means `load` still asks once per id"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn two_statements_for_many_authors() {
        let db = Arc::new(Db::seeded());
        for n in 5..=200 {
            db.execute(
                "INSERT INTO authors (id, name) VALUES (?1, 'Author ' || ?1)",
                [n],
            )
            .unwrap();
            db.execute(
                "INSERT INTO books (author_id, title, year) VALUES (?1, 'Book by ' || ?1, 2000)",
                [n],
            )
            .unwrap();
        }
        db.reset_count();
        let response = run(&schema(db.clone()), PAGE).await;
        assert_eq!(
            response["data"]["books"][203]["author"]["name"],
            json!("Author 200"),
            "the last of 204 books is by Author 200 ({})",
            error_messages(&response)
        );
        assert_eq!(
            db.statements_run(),
            2,
            "200 authors still cost one statement, not one each"
        );
    }
}

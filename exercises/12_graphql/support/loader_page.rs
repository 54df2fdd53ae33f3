//! The book page of `dataloader1` (support code: you do not need to edit it).
//!
//! `{ books { title author { name } } }`: `Query` lists the books in one statement, and each
//! book's `author` resolver asks the exercise's `AuthorLoader` (through a `DataLoader` in the
//! schema's data) for its author instead of querying the database itself.
#![allow(dead_code)]

use std::sync::Arc;

use async_graphql::dataloader::DataLoader;
use async_graphql::{ComplexObject, Context, Object, Result, SimpleObject};

use crate::AuthorLoader;
use crate::library::Db;

#[derive(SimpleObject, Clone)]
pub struct Author {
    pub id: i64,
    pub name: String,
}

/// Reads an `Author` from a row of `SELECT id, name FROM authors ...`.
pub fn author_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Author> {
    Ok(Author {
        id: row.get(0)?,
        name: row.get(1)?,
    })
}

#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Book {
    pub id: i64,
    pub title: String,
    #[graphql(skip)]
    pub author_id: i64,
}

#[ComplexObject]
impl Book {
    /// The book's author, through the loader: `load_one` waits for the batch to be loaded.
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<Author>> {
        let loader = ctx.data::<DataLoader<AuthorLoader>>()?;
        Ok(loader.load_one(self.author_id).await?)
    }
}

/// The query root: `{ books { ... } }`, every book by id, in one statement.
pub struct Query;

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

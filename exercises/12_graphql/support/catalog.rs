//! The library's catalog as GraphQL types (support code: you do not need to edit it).
//!
//! A `Book` has an `author`, and an `Author` has `books`: types that point at each other, so
//! a query can nest as deep as it likes. `Query` lists every book. Each resolver runs its own
//! SQL statement, so the `Db`'s count shows what a query cost.
#![allow(dead_code)]

use std::sync::Arc;

use async_graphql::{ComplexObject, Context, Object, Result, SimpleObject};

use crate::library::Db;

/// The query root: `{ books { ... } }`.
pub struct Query;

#[Object]
impl Query {
    /// Every book, by id.
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        Ok(books(ctx.data::<Arc<Db>>()?, None, None)?)
    }
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
    /// Who wrote it (one statement per book).
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
pub struct Author {
    pub id: i64,
    pub name: String,
}

#[ComplexObject]
impl Author {
    /// The author's books, by id.
    async fn books(&self, ctx: &Context<'_>) -> Result<Vec<Book>> {
        Ok(books(ctx.data::<Arc<Db>>()?, Some(self.id), None)?)
    }
}

/// The books by `author` (every book when `None`), by id, at most `limit` of them.
pub fn books(db: &Db, author: Option<i64>, limit: Option<usize>) -> rusqlite::Result<Vec<Book>> {
    let sql = "SELECT id, title, author_id FROM books WHERE ?1 IS NULL OR author_id = ?1
               ORDER BY id LIMIT ?2";
    let limit = limit.map_or(-1, |n| n as i64);
    db.query(sql, rusqlite::params![author, limit], |row| {
        Ok(Book {
            id: row.get(0)?,
            title: row.get(1)?,
            author_id: row.get(2)?,
        })
    })
}

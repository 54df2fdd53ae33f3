//! The articles of the pagination exercises: the `Article` a list endpoint sends, the
//! `Cursor` that marks where a page ended, and an in-memory SQLite database of nine articles.
//! Several share a date. You don't need to edit it.
#![allow(dead_code)]

use rusqlite::{Connection, Row, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub published: String,
}

impl Article {
    /// Reads `SELECT id, title, published ...` rows.
    pub fn from_row(row: &Row) -> rusqlite::Result<Article> {
        Ok(Article {
            id: row.get(0)?,
            title: row.get(1)?,
            published: row.get(2)?,
        })
    }
}

/// The nine articles: (id, title, published).
pub const ARTICLES: [(i64, &str, &str); 9] = [
    (1, "Ownership", "2024-01-10"),
    (2, "Borrowing", "2024-01-12"),
    (3, "Lifetimes", "2024-01-12"),
    (4, "Traits", "2024-01-15"),
    (5, "Generics", "2024-01-12"),
    (6, "Closures", "2024-01-20"),
    (7, "Iterators", "2024-01-15"),
    (8, "Async", "2024-01-20"),
    (9, "Hello, world", "2024-01-05"),
];

/// Their ids newest first, ties on the date broken by id, highest first.
pub const NEWEST_FIRST: [i64; 9] = [8, 6, 7, 4, 5, 3, 2, 1, 9];

/// An in-memory database with the nine articles. It has no index: nine rows need none, and a
/// query that orders by `published` alone gets the articles of one day in table order (by
/// id, lowest first), as it deserves. (A real table has an index on (published, id), and then
/// such a query may get them highest first, but only by luck of the query plan.)
pub fn open_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE articles (
             id INTEGER PRIMARY KEY,
             title TEXT NOT NULL,
             published TEXT NOT NULL
         );",
    )
    .unwrap();
    for (id, title, published) in ARTICLES {
        conn.execute(
            "INSERT INTO articles (id, title, published) VALUES (?1, ?2, ?3)",
            params![id, title, published],
        )
        .unwrap();
    }
    conn
}

/// Where a page ended: the sort key of its last article. Clients see it as an opaque string
/// such as "2024-01-15~7" and only send it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub published: String,
    pub id: i64,
}

impl Cursor {
    pub fn after(article: &Article) -> Cursor {
        Cursor {
            published: article.published.clone(),
            id: article.id,
        }
    }

    pub fn encode(&self) -> String {
        format!("{}~{}", self.published, self.id)
    }

    pub fn decode(token: &str) -> Option<Cursor> {
        let (published, id) = token.split_once('~')?;
        if published.is_empty() {
            return None;
        }
        Some(Cursor {
            published: published.to_string(),
            id: id.parse().ok()?,
        })
    }
}

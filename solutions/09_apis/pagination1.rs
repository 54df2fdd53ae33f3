// pagination1: cursor pagination
//
// A list endpoint must never answer "everything": tables grow, and one request for a million
// rows can take a service down. It answers one page, and tells the client how to get the next.
//
// Offset pagination, `?limit=20&offset=40`, is the obvious way, and it has two flaws. When a new
// row arrives at the top while a client is paging, every row moves down one place and the
// client sees one of them twice (after a delete, it misses one). And the database still reads
// and throws away the `offset` rows before the page, so page 1000 is slow.
//
// Cursor (or keyset) pagination instead remembers where the last page ended. Each page comes
// with a `next_cursor`, a token holding the sort key of its last row, and the next request
// asks for the rows after that key: `WHERE key < ? ORDER BY key DESC LIMIT ?`. That is an
// index lookup, and rows added elsewhere in the list do not move the pages.
//
// The sort key must be unique, or rows that tie on it are skipped or repeated where one page
// ends and the next begins. Articles here are listed newest first by `published` date, and
// several share a date, so the key is the pair (published, id). SQLite compares pairs ("row
// values") directly: `(published, id) < (?1, ?2)`.
//
// Two more rules of a good list endpoint: the client picks `limit`, but the server caps it (here
// 10 by default, at most 50; 0 counts as 1); and the last page says it is the last, with
// `"next_cursor": null`. To know whether there is a next page, fetch one row more than the
// limit.
//
// Fix `list_articles`: the limit, the query, and the next cursor.
// (Calling SQLite right inside an async handler is a shortcut; sqlite1 does it properly.)

use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{Query, State},
    http::StatusCode,
    routing::get,
};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

pub type Db = Arc<Mutex<Connection>>;

/// An in-memory database with nine articles.
pub fn open_db() -> Db {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE articles (
             id INTEGER PRIMARY KEY,
             title TEXT NOT NULL,
             published TEXT NOT NULL
         );
         CREATE INDEX articles_by_date ON articles (published, id);
         INSERT INTO articles (id, title, published) VALUES
             (1, 'Ownership', '2024-01-10'),
             (2, 'Borrowing', '2024-01-12'),
             (3, 'Lifetimes', '2024-01-12'),
             (4, 'Traits', '2024-01-15'),
             (5, 'Generics', '2024-01-12'),
             (6, 'Closures', '2024-01-20'),
             (7, 'Iterators', '2024-01-15'),
             (8, 'Async', '2024-01-20'),
             (9, 'Hello, world', '2024-01-05');",
    )
    .unwrap();
    Arc::new(Mutex::new(conn))
}

pub fn app(db: Db) -> Router {
    Router::new()
        .route("/articles", get(list_articles))
        .with_state(db)
}

#[derive(Debug, Serialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub published: String,
}

#[derive(Serialize)]
pub struct Page {
    pub items: Vec<Article>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize)]
pub struct ListParams {
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Where a page ended: the sort key of its last article. Clients see it as an opaque string
/// such as "2024-01-15~7" and only send it back.
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

async fn list_articles(
    State(db): State<Db>,
    Query(params): Query<ListParams>,
) -> Result<Json<Page>, (StatusCode, &'static str)> {
    let limit = params.limit.unwrap_or(10).clamp(1, 50) as usize;
    let after = match params.cursor.as_deref() {
        None => None,
        Some(token) => {
            Some(Cursor::decode(token).ok_or((StatusCode::BAD_REQUEST, "invalid cursor"))?)
        }
    };
    let (after_published, after_id) = match &after {
        Some(cursor) => (Some(cursor.published.as_str()), Some(cursor.id)),
        None => (None, None),
    };

    let conn = db.lock().unwrap();
    let mut statement = conn
        .prepare(
            "SELECT id, title, published FROM articles
             WHERE ?1 IS NULL OR (published, id) < (?1, ?2)
             ORDER BY published DESC, id DESC
             LIMIT ?3",
        )
        .unwrap();
    let mut items = statement
        .query_map(
            params![after_published, after_id, limit as i64 + 1],
            |row| {
                Ok(Article {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    published: row.get(2)?,
                })
            },
        )
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();

    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|last| Cursor::after(last).encode())
    } else {
        None
    };
    Ok(Json(Page { items, next_cursor }))
}

fn main() {
    // This exercise is checked by its tests.
    let _app = app(open_db());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use serde_json::Value;
    use tower::ServiceExt;

    async fn get(app: &Router, uri: &str) -> (StatusCode, String) {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    /// Fetches one page: its article ids and its next cursor.
    async fn page(app: &Router, uri: &str) -> (Vec<i64>, Option<String>) {
        let (status, body) = get(app, uri).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
        let page: Value = serde_json::from_str(&body).unwrap();
        let ids = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|article| article["id"].as_i64().unwrap())
            .collect();
        let next = page["next_cursor"].as_str().map(str::to_string);
        (ids, next)
    }

    fn add_articles(db: &Db, count: i64, published: &str) {
        let conn = db.lock().unwrap();
        for n in 0..count {
            conn.execute(
                "INSERT INTO articles (title, published) VALUES (?1, ?2)",
                params![format!("Extra {n}"), published],
            )
            .unwrap();
        }
    }

    /// Newest first; ties on the date broken by id, highest first.
    const ALL: [i64; 9] = [8, 6, 7, 4, 5, 3, 2, 1, 9];

    #[tokio::test]
    async fn the_first_page() {
        let app = app(open_db());
        let (status, body) = get(&app, "/articles?limit=2").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            r#"{"items":[{"id":8,"title":"Async","published":"2024-01-20"},{"id":6,"title":"Closures","published":"2024-01-20"}],"next_cursor":"2024-01-20~6"}"#
        );
    }

    #[tokio::test]
    async fn the_next_page_starts_after_the_cursor() {
        let app = app(open_db());
        let (ids, next) = page(&app, "/articles?limit=3&cursor=2024-01-15~7").await;
        assert_eq!(ids, [4, 5, 3]);
        assert_eq!(next.as_deref(), Some("2024-01-12~3"));
    }

    #[tokio::test]
    async fn walking_the_pages_sees_every_article_once() {
        let app = app(open_db());
        for limit in 1..=10 {
            let mut seen = Vec::new();
            let mut pages = 0;
            let mut uri = format!("/articles?limit={limit}");
            loop {
                let (ids, next) = page(&app, &uri).await;
                pages += 1;
                assert!(!ids.is_empty(), "limit={limit}: page {pages} is empty");
                seen.extend(ids);
                match next {
                    Some(cursor) => uri = format!("/articles?limit={limit}&cursor={cursor}"),
                    None => break,
                }
                assert!(pages < 20, "limit={limit}: the pages never end");
            }
            assert_eq!(seen, ALL, "limit={limit}");
            assert_eq!(pages, ALL.len().div_ceil(limit), "limit={limit}");
        }
    }

    #[tokio::test]
    async fn the_last_page_says_so() {
        let app = app(open_db());
        let (ids, next) = page(&app, "/articles").await;
        assert_eq!(ids, ALL);
        assert_eq!(next, None);
        let (ids, next) = page(&app, "/articles?limit=9").await;
        assert_eq!(ids, ALL);
        assert_eq!(next, None);
        let (ids, next) = page(&app, "/articles?limit=2&cursor=2024-01-10~1").await;
        assert_eq!(ids, [9]);
        assert_eq!(next, None);
    }

    #[tokio::test]
    async fn new_articles_do_not_move_the_pages() {
        let db = open_db();
        let app = app(db.clone());
        let (first, next) = page(&app, "/articles?limit=3").await;
        assert_eq!(first, [8, 6, 7]);
        // Meanwhile, two new articles are published.
        add_articles(&db, 2, "2024-02-01");
        let cursor = next.unwrap();
        let (second, _) = page(&app, &format!("/articles?limit=3&cursor={cursor}")).await;
        assert_eq!(second, [4, 5, 3]);
    }

    #[tokio::test]
    async fn the_limit_has_a_default_and_a_cap() {
        let db = open_db();
        add_articles(&db, 60, "2023-12-31");
        let app = app(db);
        let (ids, next) = page(&app, "/articles").await;
        assert_eq!(ids.len(), 10);
        assert!(next.is_some());
        let (ids, next) = page(&app, "/articles?limit=1000").await;
        assert_eq!(ids.len(), 50);
        assert!(next.is_some());
        let (ids, _) = page(&app, "/articles?limit=0").await;
        assert_eq!(ids, [8]);
    }

    #[tokio::test]
    async fn an_empty_list() {
        let db = open_db();
        db.lock()
            .unwrap()
            .execute("DELETE FROM articles", [])
            .unwrap();
        let (status, body) = get(&app(db), "/articles").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"items":[],"next_cursor":null}"#);
    }

    #[tokio::test]
    async fn a_bad_cursor_or_limit_is_400() {
        let app = app(open_db());
        for uri in [
            "/articles?cursor=",
            "/articles?cursor=2024-01-15",
            "/articles?cursor=2024-01-15~seven",
            "/articles?cursor=~7",
        ] {
            let (status, body) = get(&app, uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "GET {uri}");
            assert_eq!(body, "invalid cursor", "GET {uri}");
        }
        let (status, _) = get(&app, "/articles?limit=-1").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
}

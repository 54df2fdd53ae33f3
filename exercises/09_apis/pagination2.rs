// pagination2: the page and its next cursor
//
// A list endpoint must never answer "everything". The client picks `limit`, but the server
// caps it: here 10 when absent, at most 50, and 0 counts as 1. Each page carries
// `next_cursor`, the token to send back for the page after it, and the last page says it is
// the last with `"next_cursor": null`. How does the server know there is a next page without
// a second query? It fetches one article more than the limit: if that one comes, there is
// more; it is dropped from the page.
//
// Cap the limit, and send a next cursor only when there is a next page.

#[path = "support/articles.rs"]
mod articles;
#[path = "support/catalog.rs"]
mod catalog;
#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;

use articles::{Article, Cursor};
use axum::extract::{Query, State};
use axum::{Json, Router, http::StatusCode, response::Response, routing::get};
use catalog::Catalog;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct ListParams {
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Serialize)]
pub struct Page {
    pub items: Vec<Article>,
    pub next_cursor: Option<String>,
}

async fn list_articles(
    State(catalog): State<Catalog>,
    Query(params): Query<ListParams>,
) -> Result<Json<Page>, Response> {
    let bad_cursor = || problem::problem(StatusCode::BAD_REQUEST, "invalid cursor");
    let after = match params.cursor.as_deref() {
        Some(token) => Some(Cursor::decode(token).ok_or_else(bad_cursor)?),
        None => None,
    };
    // TODO: 10 when absent, never more than 50, and at least 1.
    let limit = params.limit.unwrap_or(10) as usize;
    // TODO: fetch one more than `limit`; only when it comes is there a next page.
    let items = catalog.after(after.as_ref(), limit);
    let next_cursor = items.last().map(|last| Cursor::after(last).encode());
    Ok(Json(Page { items, next_cursor }))
}

pub fn app(catalog: Catalog) -> Router {
    Router::new()
        .route("/articles", get(list_articles))
        .with_state(catalog)
}

fn main() {
    let _app = app(Catalog::new(0));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{assert_problem, get};

    /// How many articles one page holds, and its next cursor.
    async fn page(app: &Router, uri: &str) -> (usize, Option<String>) {
        let page = get(app, uri).await.json();
        let count = page["items"].as_array().map_or(0, Vec::len);
        (count, page["next_cursor"].as_str().map(str::to_string))
    }

    #[tokio::test]
    async fn the_last_page_says_so() {
        let app = app(Catalog::new(0));
        let (count, next) = page(&app, "/articles?limit=4").await;
        assert_eq!(
            (count, next.as_deref()),
            (4, Some("2024-01-15~4")),
            "4 of 9, more to come: next_cursor names the page's last article, 4 of 2024-01-15"
        );
        let (count, next) = page(&app, "/articles?limit=9").await;
        assert_eq!(
            (count, next),
            (9, None),
            "all 9 fit in a page of 9: null, no empty last page"
        );
        let (count, next) = page(&app, "/articles?limit=2&cursor=2024-01-10~1").await;
        assert_eq!((count, next), (1, None), "only article 9 is left: null");
    }

    #[tokio::test]
    async fn the_limit_has_a_default_and_a_cap() {
        let app = app(Catalog::new(60));
        let (count, _) = page(&app, "/articles").await;
        assert_eq!(count, 10, "no limit: 10");
        let (count, _) = page(&app, "/articles?limit=1000").await;
        assert_eq!(count, 50, "the server caps the limit at 50");
        let (count, _) = page(&app, "/articles?limit=0").await;
        assert_eq!(count, 1, "0 counts as 1");
    }

    #[tokio::test]
    async fn a_bad_cursor_is_400() {
        let reply = get(&app(Catalog::new(0)), "/articles?cursor=2024-01-15").await;
        assert_problem(&reply, StatusCode::BAD_REQUEST, "invalid cursor");
    }
}

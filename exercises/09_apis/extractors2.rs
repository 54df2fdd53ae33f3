// extractors2: query parameters and rules that are not types
//
// `Query<T>` parses the query string (`?q=rust&limit=5`, percent-decoded) with serde; a
// parameter that does not fit its type is a 400 before the handler runs; `Option`s may be absent.
//
// Some rules are not types. This API allows a `limit` from 1 to 100 (a client must not ask
// for a million rows at once), 10 when absent, so the handler checks it and answers a 400
// itself, as a problem (support/problem.rs: the RFC 9457 error body every API here uses).
//
// Give `limit` its default, and reject one outside 1..=100.

#[path = "support/client.rs"]
mod client;
#[path = "support/problem.rs"]
mod problem;

use axum::{Json, Router, extract::Query, http::StatusCode, response::Response, routing::get};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
struct SearchParams {
    q: String,
    limit: Option<u32>,
}

async fn search(Query(params): Query<SearchParams>) -> Result<Json<Value>, Response> {
    // TODO: 10 when absent; outside 1..=100, a 400 problem with the detail
    // "limit must be between 1 and 100".
    let limit = params.limit.unwrap_or(0);
    if limit > 100 {
        let detail = "limit must be between 1 and 100";
        return Err(problem::problem(StatusCode::BAD_REQUEST, detail));
    }
    Ok(Json(json!({ "q": params.q, "limit": limit })))
}

pub fn app() -> Router {
    Router::new().route("/search", get(search))
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{assert_problem, get};

    #[tokio::test]
    async fn the_default_limit_is_10() {
        let reply = get(&app(), "/search?q=caf%C3%A9+au+lait").await;
        let want = json!({ "q": "café au lait", "limit": 10 });
        assert_eq!(
            reply.json(),
            want,
            "no limit given: 10 (q is percent-decoded)"
        );
    }

    #[tokio::test]
    async fn the_limit_has_bounds() {
        let reply = get(&app(), "/search?q=x&limit=100").await;
        assert_eq!(reply.json()["limit"], 100, "100 is allowed");
        let detail = "limit must be between 1 and 100";
        for uri in ["/search?q=x&limit=0", "/search?q=x&limit=101"] {
            assert_problem(&get(&app(), uri).await, StatusCode::BAD_REQUEST, detail);
        }
    }

    #[tokio::test]
    async fn a_query_of_the_wrong_type_is_400() {
        for uri in ["/search", "/search?q=x&limit=lots", "/search?q=x&limit=-1"] {
            let reply = get(&app(), uri).await;
            assert_eq!(reply.status, 400, "GET {uri}: axum's Query rejects it");
        }
    }
}

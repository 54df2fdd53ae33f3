// extractors1: path and query parameters
//
// A handler's arguments are extractors: axum pulls each one out of the request before the
// handler runs. `Path<T>` takes the `{name}` segments of the route, and `Query<T>` parses the
// query string (percent-decoding included, as in your url1), both through serde.
//
// If the request does not fit the type, `/users/abc` where the id is a `u64` or `?limit=lots`,
// the extractor rejects it and the handler never runs: axum answers 400 Bad Request with a
// message that says why. Precise types are input validation you get for free, and the
// handler can trust what it receives.
//
// Some rules are not types. This API allows a `limit` from 1 to 100 (a client must not be able
// to ask for a million rows at once), so the handler checks it and answers 400 itself.
//
// Fix the router and the handlers. Note that axum 0.8 writes a capture in a route as `{id}`:
// the `/users/:id` of older tutorials makes the router panic, on purpose, with a message
// telling you so.

use axum::{
    Json, Router,
    extract::{Path, Query},
    http::StatusCode,
    routing::get,
};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn app() -> Router {
    Router::new()
        // TODO: write this capture the axum 0.8 way, like the route below it.
        .route("/users/:id", get(get_user))
        .route("/users/{user_id}/posts/{post_id}", get(get_post))
        .route("/search", get(search))
}

// TODO: `/users/abc` must be a 400, and the id in the answer a JSON number, not a string:
// extract the id as a `u64`.
async fn get_user(Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "id": id }))
}

async fn get_post(Path((user_id, post_id)): Path<(u64, u64)>) -> Json<Value> {
    Json(json!({ "user_id": user_id, "post_id": post_id }))
}

#[derive(Deserialize)]
struct SearchParams {
    q: String,
    limit: Option<u32>,
}

async fn search(
    Query(params): Query<SearchParams>,
) -> Result<Json<Value>, (StatusCode, &'static str)> {
    // TODO: when `limit` is absent it is 10. Outside 1..=100, answer 400 Bad Request with the
    // body "limit must be between 1 and 100".
    let limit = params.limit.unwrap_or(0);
    Ok(Json(json!({ "q": params.q, "limit": limit })))
}

fn main() {
    // This exercise is checked by its tests.
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn get(uri: &str) -> (StatusCode, String) {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = app().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn get_json(uri: &str) -> Value {
        let (status, body) = get(uri).await;
        assert_eq!(status, StatusCode::OK, "GET {uri} answered {body:?}");
        serde_json::from_str(&body).unwrap()
    }

    #[tokio::test]
    async fn a_user_by_id() {
        assert_eq!(get_json("/users/42").await, json!({ "id": 42 }));
        assert_eq!(get_json("/users/0").await, json!({ "id": 0 }));
    }

    #[tokio::test]
    async fn a_bad_id_is_400_before_the_handler_runs() {
        for uri in [
            "/users/abc",
            "/users/-1",
            "/users/1.5",
            "/users/%20",
            "/users/99999999999999999999999",
        ] {
            let (status, body) = get(uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "GET {uri}");
            assert!(body.starts_with("Invalid URL"), "GET {uri}: {body}");
        }
        let (status, body) = get("/users/abc").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body, "Invalid URL: Cannot parse `abc` to a `u64`");
    }

    #[tokio::test]
    async fn two_captures() {
        assert_eq!(
            get_json("/users/7/posts/99").await,
            json!({ "user_id": 7, "post_id": 99 })
        );
        let (status, _) = get("/users/7/posts/latest").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn search_with_the_default_limit() {
        assert_eq!(
            get_json("/search?q=rust").await,
            json!({ "q": "rust", "limit": 10 })
        );
    }

    #[tokio::test]
    async fn the_query_string_is_percent_decoded() {
        assert_eq!(
            get_json("/search?q=caf%C3%A9+au+lait&limit=5").await,
            json!({ "q": "café au lait", "limit": 5 })
        );
        assert_eq!(
            get_json("/search?limit=1&q=a%26b%3Dc").await,
            json!({ "q": "a&b=c", "limit": 1 })
        );
    }

    #[tokio::test]
    async fn the_limit_has_bounds() {
        assert_eq!(
            get_json("/search?q=x&limit=100").await,
            json!({ "q": "x", "limit": 100 })
        );
        for uri in ["/search?q=x&limit=0", "/search?q=x&limit=101"] {
            let (status, body) = get(uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "GET {uri}");
            assert_eq!(body, "limit must be between 1 and 100", "GET {uri}");
        }
    }

    #[tokio::test]
    async fn a_bad_query_is_400() {
        for uri in [
            "/search",
            "/search?limit=5",
            "/search?q=x&limit=lots",
            "/search?q=x&limit=-1",
        ] {
            let (status, body) = get(uri).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "GET {uri}");
            assert!(
                body.starts_with("Failed to deserialize query string"),
                "GET {uri}: {body}"
            );
        }
    }
}

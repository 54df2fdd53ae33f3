// extractors1: path parameters
//
// A handler's arguments are extractors: axum pulls each one out of the request before the
// handler runs. `Path<T>` takes the `{name}` captures of the route and parses them with
// serde. If the request does not fit the type (`/users/abc` where the id is a `u64`), axum
// answers 400 Bad Request itself and the handler never runs: precise types are input
// validation for free.
//
// axum 0.8 writes a capture as `{id}`; the `/users/:id` of older tutorials makes the router
// panic, on purpose, with a message saying so. Fix the route, and extract the id as a `u64`.

#[path = "support/client.rs"]
mod client;

use axum::{Json, Router, extract::Path, routing::get};
use serde_json::{Value, json};

pub fn app() -> Router {
    // TODO: write this capture the axum 0.8 way, like the route below it.
    Router::new()
        .route("/users/:id", get(get_user))
        .route("/users/{user_id}/posts/{post_id}", get(get_post))
}

// TODO: `/users/abc` must be a 400, and the id a JSON number: extract it as a `u64`.
async fn get_user(Path(id): Path<String>) -> Json<Value> {
    Json(json!({ "id": id }))
}

async fn get_post(Path((user_id, post_id)): Path<(u64, u64)>) -> Json<Value> {
    Json(json!({ "user_id": user_id, "post_id": post_id }))
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::get;

    #[tokio::test]
    async fn a_user_by_id() {
        let reply = get(&app(), "/users/42").await;
        let why = "the id is a u64, so a JSON number, not a string";
        assert_eq!(reply.body, r#"{"id":42}"#, "{why}");
    }

    #[tokio::test]
    async fn a_bad_id_is_400_before_the_handler_runs() {
        for uri in ["/users/abc", "/users/-1", "/users/99999999999999999999"] {
            let reply = get(&app(), uri).await;
            assert_eq!(reply.status, 400, "GET {uri} is not a u64 id");
        }
        let reply = get(&app(), "/users/abc").await;
        let want = "Invalid URL: Cannot parse `abc` to a `u64`";
        assert_eq!(reply.body, want, "axum's rejection says what was wrong");
    }

    #[tokio::test]
    async fn two_captures() {
        let reply = get(&app(), "/users/7/posts/99").await;
        let want = json!({ "user_id": 7, "post_id": 99 });
        assert_eq!(reply.json(), want, "a tuple takes the captures in order");
    }
}

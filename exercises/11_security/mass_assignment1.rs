// mass_assignment1: an input type for what the client may set
//
// Deserializing a request straight into the model (`Json<User>`) lets the client choose
// every field of it, including the ones only the server may set: anyone can send
// `{"id": 1, "name": "mallory", "is_admin": true, ...}` and sign up as an administrator, or
// overwrite account 1. This is mass assignment (OWASP API Security: broken object property
// level authorization). Accept a separate input type with only the fields a client may set,
// and let the server fill in the rest. `#[serde(deny_unknown_fields)]` makes a request with
// extra fields a 422 instead of a silent half-success: clients learn, and probing is loud.
//
// Add `NewUser` and make `signup` take it (`Users::add` chooses the rest).

#[path = "support/http.rs"]
mod http;
#[path = "support/users.rs"]
mod users;

use axum::extract::{Json, State};
use axum::http::StatusCode;
use axum::{Router, routing::post};
use users::{Store, User};

// TODO: add a `NewUser` type with only the fields a client may set.

async fn signup(State(store): State<Store>, Json(user): Json<User>) -> (StatusCode, Json<User>) {
    // TODO: the client chose every field of this user. Take a `Json<NewUser>` instead.
    store.lock().unwrap().by_id.insert(user.id, user.clone());
    (StatusCode::CREATED, Json(user))
}

fn app(store: Store) -> Router {
    Router::new()
        .route("/users", post(signup))
        .with_state(store)
}

fn main() {
    let _app = app(users::store());
    println!("POST /users takes {{\"name\": ..., \"email\": ...}}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    async fn post_user(store: &Store, body: &str) -> http::Reply {
        let json = [("content-type", "application/json")];
        http::send(app(store.clone()), Method::POST, "/users", &json, body).await
    }

    #[tokio::test]
    async fn signup_creates_an_ordinary_user() {
        let store = users::store();
        let reply = post_user(&store, r#"{"name":"bob","email":"bob@example.com"}"#).await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "a plain signup is created: {}",
            reply.body
        );
        let want =
            r#"{"id":2,"name":"bob","email":"bob@example.com","is_admin":false,"credits":0}"#;
        assert_eq!(
            reply.body, want,
            "the server chose id, is_admin and credits"
        );
    }

    #[tokio::test]
    async fn fields_only_the_server_may_set_are_refused() {
        for attack in [
            r#"{"id":2,"name":"mallory","email":"m@evil.example","is_admin":true,"credits":0}"#,
            r#"{"id":1,"name":"mallory","email":"m@evil.example","is_admin":false,"credits":0}"#,
            r#"{"name":"mallory","email":"m@evil.example","credits":1000000}"#,
        ] {
            let store = users::store();
            let reply = post_user(&store, attack).await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{attack} sets fields a client may not set, and must be refused: {}",
                reply.body
            );
            assert_eq!(
                users::all(&store).len(),
                1,
                "nothing may be stored for {attack}"
            );
            assert_eq!(
                users::all(&store)[0].name,
                "alice",
                "alice's account must be untouched"
            );
        }
    }

    #[tokio::test]
    async fn the_fields_a_client_may_set_are_still_required() {
        let store = users::store();
        let reply = post_user(&store, r#"{"name":"bob"}"#).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a signup needs an email"
        );
    }
}

// mass_assignment1: an input type for what the client may set
//
// Deserializing a request straight into the model (`Json<User>`) lets the client choose
// every field, including those only the server may set: anyone can send `{"id": 1, ...,
// "is_admin": true}` and sign up as an administrator, or overwrite account 1. This is mass
// assignment (OWASP API Security: broken object property level authorization). Accept an
// input type with only the fields a client may set, and let the server fill in the rest.
// `#[serde(deny_unknown_fields)]` makes extra fields a 422 instead of a silent half-success.
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

/// What a client may send to sign up.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUser {
    name: String,
    email: String,
}

async fn signup(State(store): State<Store>, Json(new): Json<NewUser>) -> (StatusCode, Json<User>) {
    let user = store.lock().unwrap().add(new.name, new.email);
    (StatusCode::CREATED, Json(user))
}

fn app(store: &Store) -> Router {
    Router::new()
        .route("/users", post(signup))
        .with_state(store.clone())
}

fn main() {
    let _app = app(&users::store());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn signup_creates_an_ordinary_user() {
        let reply = users::post(
            app(&users::store()),
            r#"{"name":"bob","email":"b@x.example"}"#,
        );
        let body = reply.await.body;
        let want = r#"{"id":2,"name":"bob","email":"b@x.example","is_admin":false,"credits":0}"#;
        assert_eq!(body, want, "the server chooses id, is_admin and credits");
    }

    #[tokio::test]
    async fn fields_only_the_server_may_set_are_refused() {
        for attack in users::ATTACKS {
            let store = users::store();
            let reply = users::post(app(&store), attack).await;
            let why = format!("{attack} sets fields a client may not set: {}", reply.body);
            assert_eq!(reply.status, 422, "{why}");
            assert_eq!(
                users::all(&store).len(),
                1,
                "nothing may be stored for {attack}"
            );
        }
    }
}

// mass_assignment1: an input type for what the client may set
//
// It is tempting to deserialize a request body straight into your model: `Json<User>`, and
// the new user is ready to store. But the model has fields the client must never choose:
// its `id`, whether it `is_admin`, how many `credits` it has. Deserializing into it lets
// anyone send `{"name": "mallory", "email": "...", "is_admin": true}` and sign up as an
// administrator, or send `"id": 1` and overwrite someone else's account. This is "mass
// assignment" (OWASP API Security calls it broken object property level authorization).
//
// The fix is a separate input type (a DTO, data transfer object) with only the fields a
// client may set. The server fills in everything else itself. Add
// `#[serde(deny_unknown_fields)]` so that a request carrying extra fields is refused with
// 422 Unprocessable Entity instead of silently half-accepted: the client learns about its
// mistake, and probing attempts are loud.
//
// Add a `NewUser` input type and make `signup` use it. New users get the next id from
// `next_id`, are not admins and start with 0 credits.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Json, State};
use axum::http::StatusCode;
use axum::routing::post;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize)]
struct User {
    id: u64,
    name: String,
    email: String,
    is_admin: bool,
    credits: u64,
}

/// What a client may send to sign up.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUser {
    name: String,
    email: String,
}

struct Users {
    by_id: BTreeMap<u64, User>,
    next_id: u64,
}

#[derive(Clone)]
struct AppState {
    users: Arc<Mutex<Users>>,
}

impl AppState {
    /// A store with one user: alice, the administrator.
    fn new() -> Self {
        let alice = User {
            id: 1,
            name: "alice".to_string(),
            email: "alice@example.com".to_string(),
            is_admin: true,
            credits: 500,
        };
        let users = Users {
            by_id: BTreeMap::from([(1, alice)]),
            next_id: 2,
        };
        AppState {
            users: Arc::new(Mutex::new(users)),
        }
    }
}

async fn signup(
    State(state): State<AppState>,
    Json(new_user): Json<NewUser>,
) -> (StatusCode, Json<User>) {
    let mut users = state.users.lock().unwrap();
    let user = User {
        id: users.next_id,
        name: new_user.name,
        email: new_user.email,
        is_admin: false,
        credits: 0,
    };
    users.next_id += 1;
    users.by_id.insert(user.id, user.clone());
    (StatusCode::CREATED, Json(user))
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/users", post(signup))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/users");
    axum::serve(listener, app(AppState::new()))
        .await
        .expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn post_json(state: &AppState, body: &str) -> (StatusCode, String) {
        let request = Request::post("/users")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn users(state: &AppState) -> Vec<User> {
        state
            .users
            .lock()
            .unwrap()
            .by_id
            .values()
            .cloned()
            .collect()
    }

    fn alice() -> User {
        AppState::new().users.lock().unwrap().by_id[&1].clone()
    }

    #[tokio::test]
    async fn signup_creates_an_ordinary_user() {
        let state = AppState::new();
        let (status, body) = post_json(&state, r#"{"name":"bob","email":"bob@example.com"}"#).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(
            body,
            r#"{"id":2,"name":"bob","email":"bob@example.com","is_admin":false,"credits":0}"#
        );
        let (status, body) = post_json(&state, r#"{"name":"carol","email":"c@example.com"}"#).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(users(&state).len(), 3);
        assert_eq!(users(&state)[2].id, 3);
    }

    #[tokio::test]
    async fn nobody_signs_up_as_an_admin() {
        let state = AppState::new();
        // The attacker copies the fields they saw in a signup response and edits one.
        let attack =
            r#"{"id":2,"name":"mallory","email":"m@evil.example","is_admin":true,"credits":0}"#;
        let (status, body) = post_json(&state, attack).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a signup that sets is_admin must be refused, got: {body}"
        );
        assert_eq!(users(&state), [alice()], "nothing may be stored");
    }

    #[tokio::test]
    async fn nobody_overwrites_another_account() {
        let state = AppState::new();
        let attack =
            r#"{"id":1,"name":"mallory","email":"m@evil.example","is_admin":false,"credits":0}"#;
        let (status, body) = post_json(&state, attack).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a signup that sets id must be refused, got: {body}"
        );
        assert_eq!(
            users(&state),
            [alice()],
            "alice's account must be untouched"
        );
    }

    #[tokio::test]
    async fn nobody_grants_themselves_credits() {
        let state = AppState::new();
        let attack =
            r#"{"id":2,"name":"mallory","email":"m@e.example","is_admin":false,"credits":9999}"#;
        let (status, body) = post_json(&state, attack).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a signup that sets credits must be refused, got: {body}"
        );
        assert_eq!(users(&state), [alice()]);
        let attack = r#"{"name":"mallory","email":"m@evil.example","credits":1000000}"#;
        let (status, body) = post_json(&state, attack).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a signup that sets credits must be refused, got: {body}"
        );
        assert_eq!(users(&state), [alice()]);
    }

    #[tokio::test]
    async fn the_fields_a_client_may_set_are_still_required() {
        let state = AppState::new();
        let (status, _) = post_json(&state, r#"{"name":"bob"}"#).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(users(&state), [alice()]);
    }
}

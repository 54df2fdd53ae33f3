// roles1: 401 or 403? Roles and an admin route
//
// Authentication asks "who are you?"; authorization asks "are you allowed to do this?". HTTP
// has a status code for each failure, and mixing them up confuses every client:
//
//     401 Unauthorized  "I don't know who you are." No credentials, or bad ones. It comes with
//                       a `WWW-Authenticate` challenge, and the client should log in (again).
//     403 Forbidden     "I know who you are, and the answer is no." Logging in again will not
//                       help, so a client must not be sent back to the login page.
//
// (The name "Unauthorized" is a historical accident: 401 is about authentication.)
//
// The simplest authorization model gives each user a role. Here, any logged-in user may see
// their profile, and only admins may list and delete accounts. Two extractors carry the
// rules: a handler that takes `CurrentUser` runs only for logged-in users, one that takes
// `Admin` only for admins. Putting the check in the handler's signature makes it hard to
// forget, and easy to see in review.
//
// 1. Make the `Admin` extractor refuse logged-in non-admins with 403.
// 2. The route that deletes accounts forgot its check. Fix it.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{FromRequestParts, Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
    routing::{delete, get},
};
use serde_json::json;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Role {
    User,
    Admin,
}

#[derive(Clone)]
struct User {
    name: String,
    role: Role,
}

struct AppState {
    /// Bearer token -> user (a stand-in for the JWT check of jwt2).
    tokens: HashMap<String, User>,
    /// The accounts that admins manage.
    accounts: Mutex<BTreeSet<String>>,
}

impl AppState {
    fn new() -> Self {
        let user = |name: &str, role| User {
            name: name.to_string(),
            role,
        };
        let tokens = HashMap::from([
            ("token-of-alice".to_string(), user("alice", Role::Admin)),
            ("token-of-bob".to_string(), user("bob", Role::User)),
        ]);
        let accounts = ["alice", "bob", "carol"].map(String::from).into();
        AppState {
            tokens,
            accounts: Mutex::new(accounts),
        }
    }
}

/// Any logged-in user. Refuses everyone else with 401.
struct CurrentUser(User);

impl FromRequestParts<Arc<AppState>> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| state.tokens.get(token))
            .map(|user| CurrentUser(user.clone()))
            .ok_or_else(|| {
                (
                    StatusCode::UNAUTHORIZED,
                    [(header::WWW_AUTHENTICATE, "Bearer")],
                )
                    .into_response()
            })
    }
}

/// A logged-in admin. Refuses anonymous requests with 401 and other users with 403.
struct Admin(User);

impl FromRequestParts<Arc<AppState>> for Admin {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role != Role::Admin {
            return Err(StatusCode::FORBIDDEN.into_response());
        }
        Ok(Admin(user))
    }
}

async fn profile(CurrentUser(user): CurrentUser) -> Json<serde_json::Value> {
    let role = match user.role {
        Role::User => "user",
        Role::Admin => "admin",
    };
    Json(json!({ "user": user.name, "role": role }))
}

async fn list_accounts(Admin(_): Admin, State(state): State<Arc<AppState>>) -> Json<Vec<String>> {
    let accounts = state.accounts.lock().unwrap();
    Json(accounts.iter().cloned().collect())
}

async fn delete_account(
    Admin(admin): Admin,
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> StatusCode {
    if state.accounts.lock().unwrap().remove(&name) {
        // Admin actions belong in an audit log: who did what, to whom.
        eprintln!("audit: {} deleted the account {name}", admin.name);
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/profile", get(profile))
        .route("/admin/accounts", get(list_accounts))
        .route("/admin/accounts/{name}", delete(delete_account))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app(Arc::new(AppState::new())))
        .await
        .unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, Method, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const ADMIN: Option<&str> = Some("token-of-alice");
    const USER: Option<&str> = Some("token-of-bob");

    async fn call(
        state: &Arc<AppState>,
        method: Method,
        uri: &str,
        token: Option<&str>,
    ) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let response = app(state.clone())
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    fn accounts(state: &AppState) -> Vec<String> {
        state.accounts.lock().unwrap().iter().cloned().collect()
    }

    #[tokio::test]
    async fn anonymous_requests_get_401_everywhere() {
        let state = Arc::new(AppState::new());
        for (method, uri) in [
            (Method::GET, "/profile"),
            (Method::GET, "/admin/accounts"),
            (Method::DELETE, "/admin/accounts/carol"),
            (Method::DELETE, "/admin/accounts/nobody"),
        ] {
            for token in [None, Some("forged-token")] {
                let (status, headers, _) = call(&state, method.clone(), uri, token).await;
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri} {token:?}");
                assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
            }
        }
        assert_eq!(accounts(&state), ["alice", "bob", "carol"]);
    }

    #[tokio::test]
    async fn any_user_sees_their_profile() {
        let state = Arc::new(AppState::new());
        let (status, _, body) = call(&state, Method::GET, "/profile", USER).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"role":"user","user":"bob"}"#);
        let (status, _, body) = call(&state, Method::GET, "/profile", ADMIN).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"role":"admin","user":"alice"}"#);
    }

    #[tokio::test]
    async fn a_user_gets_403_on_admin_routes() {
        let state = Arc::new(AppState::new());
        let (status, headers, _) = call(&state, Method::GET, "/admin/accounts", USER).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(
            !headers.contains_key(header::WWW_AUTHENTICATE),
            "403 is not a login challenge"
        );
    }

    #[tokio::test]
    async fn a_user_cannot_delete_accounts() {
        let state = Arc::new(AppState::new());
        let (status, _, _) = call(&state, Method::DELETE, "/admin/accounts/carol", USER).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(accounts(&state), ["alice", "bob", "carol"]);
    }

    #[tokio::test]
    async fn an_admin_lists_and_deletes_accounts() {
        let state = Arc::new(AppState::new());
        let (status, _, body) = call(&state, Method::GET, "/admin/accounts", ADMIN).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"["alice","bob","carol"]"#);
        let (status, _, _) = call(&state, Method::DELETE, "/admin/accounts/carol", ADMIN).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(accounts(&state), ["alice", "bob"]);
        let (status, _, _) = call(&state, Method::DELETE, "/admin/accounts/carol", ADMIN).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

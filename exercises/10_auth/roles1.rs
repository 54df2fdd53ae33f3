// roles1: 401 or 403? An admin-only route
//
// Authentication asks "who are you?", authorization "may you do this?", and HTTP has a status
// for each failure. 401 Unauthorized: "I don't know who you are" (no or bad credentials; it
// carries a `WWW-Authenticate` challenge, and the client should log in). 403 Forbidden: "I
// know who you are, and no" (logging in again will not help). Here any user may see their
// profile, and only admins may delete accounts. The rule sits in each handler's signature: one
// that takes `CurrentUser` runs for any logged-in user, one that takes `Admin` for admins only.
//
// Make `Admin` refuse logged-in non-admins with 403, and put `delete_account` behind it.

#[path = "support/client.rs"]
mod client;
#[path = "support/tokens.rs"]
mod tokens;

use axum::{
    Router,
    extract::{FromRequestParts, Path},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Response},
    routing::{delete, get},
};
use tokens::{CurrentUser, Role, User};

/// A logged-in admin: anonymous requests get 401, other users 403.
struct Admin(User);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role != Role::Admin {
            // TODO: this user *is* logged in, so a login challenge is the wrong answer.
            return Err(tokens::unauthorized());
        }
        Ok(Admin(user))
    }
}

async fn profile(CurrentUser(user): CurrentUser) -> String {
    format!("{} ({:?})", user.name, user.role)
}

// TODO: this route is for admins only.
async fn delete_account(CurrentUser(admin): CurrentUser, Path(name): Path<String>) -> StatusCode {
    // Admin actions belong in an audit log: who did what, to whom.
    eprintln!("audit: {} deleted the account {name}", admin.name);
    StatusCode::NO_CONTENT
}

fn app() -> Router {
    let app = Router::new().route("/profile", get(profile));
    app.route("/accounts/{name}", delete(delete_account))
}

fn main() {
    println!("`cargo test` sends requests to {:?}", app());
}

#[cfg(test)]
mod tests {
    use super::*;
    use client::{Answer, assert_401, call};
    use tokens::bearer;

    async fn delete_carol(authorization: Option<String>) -> Answer {
        call(app(), "DELETE", "/accounts/carol", authorization.as_deref()).await
    }

    #[tokio::test]
    async fn an_anonymous_request_gets_401() {
        let answer = call(app(), "GET", "/profile", None).await;
        assert_401(&answer, "Bearer", "GET /profile without a token");
        let answer = delete_carol(Some("Bearer forged".into())).await;
        assert_401(
            &answer,
            "Bearer",
            "DELETE /accounts/carol with a forged token",
        );
    }

    #[tokio::test]
    async fn a_user_gets_403_from_the_admin_route() {
        let answer = delete_carol(Some(bearer("bob"))).await;
        let got = (answer.status, answer.challenge());
        let why = "bob is logged in but no admin: 403 Forbidden, and no login challenge";
        assert_eq!(got, (StatusCode::FORBIDDEN, None), "{why}");
    }

    #[tokio::test]
    async fn an_admin_deletes_accounts() {
        let answer = delete_carol(Some(bearer("alice"))).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "alice is an admin");
    }
}

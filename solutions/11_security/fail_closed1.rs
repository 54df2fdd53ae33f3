// fail_closed1: a check that cannot answer says no
//
// A security check that cannot reach an answer must answer "no". Code like
// `may_delete(..).unwrap_or(true)` ("if the permissions table is having a bad day, don't
// block everyone") turns every database hiccup into an open door, and an attacker who can
// provoke the hiccup (an overloaded database, a value that makes the query fail) opens it on
// purpose. When the check fails, the request fails: an error, answered with a 500.
//
// Make `authorize_delete` fail closed. (`?` turns a `rusqlite::Error` into
// `AppError::Internal`.)

#[path = "support/docs.rs"]
mod docs;
#[path = "support/http.rs"]
mod http;

use docs::AppError;
use rusqlite::Connection;

/// Ok when `user` may delete document `doc_id`.
fn authorize_delete(conn: &Connection, user: &str, doc_id: i64) -> Result<(), AppError> {
    let allowed = docs::may_delete(conn, user, doc_id)?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

fn app(db: &docs::Db) -> axum::Router {
    docs::app(db.clone(), authorize_delete, docs::plain_internal_error)
}

fn main() {
    let _app = app(&docs::db());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    #[tokio::test]
    async fn only_a_granted_user_deletes() {
        let db = docs::db();
        let reply = docs::send(app(&db), Method::DELETE, "/docs/1", "mallory").await;
        assert_eq!(reply.status, 403, "mallory has no grant for doc 1");
        let reply = docs::send(app(&db), Method::DELETE, "/docs/1", "alice").await;
        assert_eq!(reply.status, 204, "alice may delete doc 1: {}", reply.body);
    }

    #[tokio::test]
    async fn a_failing_permission_check_deletes_nothing() {
        let db = docs::db();
        docs::drop_table(&db, "grants");
        let reply = docs::send(app(&db), Method::DELETE, "/docs/1", "mallory").await;
        let why = format!(
            "the check failed, and the document was deleted ({})",
            reply.status
        );
        assert!(docs::doc_exists(&db, 1), "{why}");
        assert_eq!(reply.status, 500, "a failed check is a server error");
    }

    #[tokio::test]
    async fn without_a_token_the_answer_is_a_challenge() {
        let reply = docs::send(app(&docs::db()), Method::DELETE, "/docs/1", "").await;
        assert_eq!(reply.status, 401, "nobody is logged in");
        let challenge = reply.header("www-authenticate");
        assert_eq!(challenge, "Bearer realm=\"docs\"", "a 401 names its scheme");
    }
}

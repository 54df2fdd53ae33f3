// error_id1: a 500 that says nothing but an error id
//
// A 500 response that carries the error's own text (`no such table: grants`, a SQL
// fragment, a file path) tells an attacker your schema and your libraries, and gives
// injection attempts a way to read their results. The client only needs to know it was not
// its fault, and a way to report it: give each failure a random error id, log the details
// with that id, and answer
//
//     500 {"error":"internal server error","error_id":"<the id>"}
//
// When a user reports the id, you find the log line; the attacker learns nothing.
//
// Fix `internal_error`: log `error_id=<id> <error>` with `docs::log_error`, and answer as
// above (`docs::new_error_id` makes the id).

#[path = "support/docs.rs"]
mod docs;
#[path = "support/http.rs"]
mod http;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

fn internal_error(err: rusqlite::Error) -> Response {
    // TODO: the database's own words go to the client. Log them under a new error id, and
    // answer with the generic body.
    let body = json!({"error": err.to_string()});
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

fn app(db: docs::Db) -> axum::Router {
    let authorize_delete = docs::authorize_delete;
    docs::app(
        db,
        docs::Hooks {
            authorize_delete,
            internal_error,
        },
    )
}

fn main() {
    let _app = app(docs::db());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;
    use serde_json::Value;

    /// GET /docs/2 with the docs table gone: the 500's body as JSON.
    async fn broken_get() -> Value {
        let db = docs::db();
        docs::drop_table(&db, "docs");
        let reply = http::send(app(db), Method::GET, "/docs/2", &[], "").await;
        assert_eq!(
            reply.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the query failed"
        );
        serde_json::from_str(&reply.body).unwrap_or(Value::Null)
    }

    #[tokio::test]
    async fn a_500_reveals_nothing_about_the_internals() {
        let body = broken_get().await;
        assert_eq!(
            body["error"], "internal server error",
            "the 500 says only that much: {body}"
        );
        let id = body["error_id"].as_str().unwrap_or_default();
        let hex = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
        assert!(
            hex,
            "error_id should be 16 hex digits from `new_error_id`: {body}"
        );
    }

    #[tokio::test]
    async fn the_error_id_leads_to_the_details_in_the_log() {
        let body = broken_get().await;
        let id = body["error_id"].as_str().unwrap_or("(no error_id)");
        let line = docs::log_line_with(id);
        let want = format!("error_id={id} no such table: docs");
        assert_eq!(
            line,
            Some(want),
            "the log has the details under the id the client got"
        );
    }

    #[tokio::test]
    async fn every_failure_gets_its_own_id() {
        let (first, second) = (broken_get().await, broken_get().await);
        assert_ne!(
            first["error_id"], second["error_id"],
            "two failures, two ids: {first} {second}"
        );
    }
}

// error_id1: a 500 that says nothing but an error id
//
// A 500 that carries the error's own text (`no such table: grants`, a SQL fragment, a file
// path) tells an attacker your schema and your libraries, and lets injection attempts read
// their results. The client only needs to know it was not its fault, and a way to report
// it: give each failure a random id, log the details with it, and answer
//
//     500 {"error":"internal server error","error_id":"<the id>"}
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
    // TODO: the database's own words go to the client. Log them under a new error id.
    let body = json!({"error": err.to_string()});
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

fn main() {
    let _app = docs::app(docs::db(), docs::authorize_delete, internal_error);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// GET /docs/2 with the docs table gone: the 500's body as JSON.
    async fn broken_get() -> Value {
        let db = docs::db();
        docs::drop_table(&db, "docs");
        let app = docs::app(db, docs::authorize_delete, internal_error);
        let reply = docs::send(app, axum::http::Method::GET, "/docs/2", "").await;
        serde_json::from_str(&reply.body).unwrap_or(Value::Null)
    }

    #[tokio::test]
    async fn a_500_reveals_nothing_about_the_internals() {
        let body = broken_get().await;
        let why = format!("the 500 says no more than that: {body}");
        assert_eq!(body["error"], "internal server error", "{why}");
        let id = body["error_id"].as_str().unwrap_or_default();
        let why = format!("error_id should be 16 hex digits from `new_error_id`: {body}");
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{why}"
        );
    }

    #[tokio::test]
    async fn the_error_id_leads_to_the_details_in_the_log() {
        let (first, second) = (broken_get().await, broken_get().await);
        let id = first["error_id"].as_str().unwrap_or("(no error_id)");
        let want = format!("error_id={id} no such table: docs");
        let why = "the log has the details under the id the client got";
        assert_eq!(docs::log_line_with(id), Some(want), "{why}");
        assert_ne!(first, second, "every failure gets its own id");
    }
}

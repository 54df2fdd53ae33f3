// fail_closed1: fail closed, and say little when you fail
//
// Two habits decide what happens when something breaks in a server.
//
// Fail closed. A security check that cannot reach an answer must answer "no". Code like
// `may_delete(..).unwrap_or(true)` ("if the permissions table is having a bad day, don't
// block everyone") turns every database hiccup into an open door, and an attacker who can
// provoke the hiccup (an overloaded database, a malformed value that makes the query fail)
// opens it on purpose. When the check fails, refuse the request with an error.
//
// Say little. A 500 response that carries the error's own text (`no such table: grants`,
// a SQL fragment, a file path, a stack trace) tells an attacker your schema and your
// libraries, and hands injection attempts a way to read their results. The client only
// needs to know that it was not its fault, plus a way to report it: give every failure a
// random error id, log the details together with that id, and answer with
//
//     500 {"error":"internal server error","error_id":"<the id>"}
//
// When a user reports the id, you find the log line; the attacker learns nothing.
//
// 1. Make `delete_doc` fail closed: a failing permission check must not delete anything.
// 2. Make `AppError::Internal` answer as above, logging `error_id=<id> <error>` with
//    `log_error` (`new_error_id` makes the id).

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

/// The server's error log. In production this is `tracing::error!` and a log pipeline.
static ERROR_LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log_error(line: String) {
    ERROR_LOG.lock().unwrap().push(line);
}

/// A new random id for one failure: 16 hex digits.
fn new_error_id() -> String {
    let bytes: [u8; 8] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug)]
enum AppError {
    Unauthenticated,
    Forbidden,
    NotFound,
    Internal(rusqlite::Error),
}

impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> Self {
        AppError::Internal(err)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, json!({"error": "log in"})),
            AppError::Forbidden => (StatusCode::FORBIDDEN, json!({"error": "forbidden"})),
            AppError::NotFound => (StatusCode::NOT_FOUND, json!({"error": "not found"})),
            AppError::Internal(err) => {
                // TODO: the database's own words go to the client. Log them under a new error
                // id instead, and answer with the generic body.
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": err.to_string()}),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

#[derive(Clone)]
struct AppState {
    db: Arc<Mutex<Connection>>,
}

/// The name of the user making the request. The auth stage's sessions would say who it is;
/// here a header stands in for them.
fn current_user(headers: &HeaderMap) -> Result<&str, AppError> {
    headers
        .get("x-user")
        .and_then(|value| value.to_str().ok())
        .ok_or(AppError::Unauthenticated)
}

fn may_delete(conn: &Connection, user: &str, doc_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM grants
                        WHERE user = ?1 AND doc_id = ?2 AND permission = 'delete')",
        params![user, doc_id],
        |row| row.get(0),
    )
}

async fn get_doc(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, AppError> {
    let conn = state.db.lock().unwrap();
    let title: Option<String> = conn
        .query_row("SELECT title FROM docs WHERE id = ?1", params![id], |row| {
            row.get(0)
        })
        .optional()?;
    let title = title.ok_or(AppError::NotFound)?;
    Ok(Json(json!({"id": id, "title": title})))
}

async fn delete_doc(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let user = current_user(&headers)?;
    let conn = state.db.lock().unwrap();
    // "If the permissions table is having a bad day, don't block everyone's work."
    // TODO: a check that cannot answer must answer no. Propagate its error instead.
    let allowed = may_delete(&conn, user, id).unwrap_or(true);
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if conn.execute("DELETE FROM docs WHERE id = ?1", params![id])? == 0 {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

fn app(state: AppState) -> Router {
    Router::new()
        .route("/docs/{id}", get(get_doc).delete(delete_doc))
        .with_state(state)
}

fn seed(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
         INSERT INTO docs VALUES (1, 'Q3 plan'), (2, 'Salaries');
         CREATE TABLE grants (user TEXT NOT NULL, doc_id INTEGER NOT NULL, permission TEXT NOT NULL);
         INSERT INTO grants VALUES ('alice', 1, 'delete'), ('alice', 2, 'delete');",
    )
}

fn new_state() -> AppState {
    let conn = Connection::open_in_memory().expect("open an in-memory database");
    seed(&conn).expect("seed the database");
    AppState {
        db: Arc::new(Mutex::new(conn)),
    }
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/docs/1");
    axum::serve(listener, app(new_state()))
        .await
        .expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Method, Request};
    use http_body_util::BodyExt;
    use serde_json::Value;
    use tower::ServiceExt;

    async fn send(state: &AppState, method: Method, uri: &str, user: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("x-user", user)
            .body(Body::empty())
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn doc_exists(state: &AppState, id: i64) -> bool {
        let conn = state.db.lock().unwrap();
        conn.query_row("SELECT COUNT(*) FROM docs WHERE id = ?1", [id], |row| {
            row.get::<_, i64>(0)
        })
        .unwrap()
            == 1
    }

    /// Breaks the database the way an outage or a bad migration would.
    fn break_table(state: &AppState, table: &str) {
        let conn = state.db.lock().unwrap();
        conn.execute_batch(&format!("DROP TABLE {table}")).unwrap();
    }

    /// Checks that a 500 body is the generic one and returns its error id.
    fn generic_error_id(body: &str) -> String {
        for secret in [
            "no such table",
            "grants",
            "docs",
            "SELECT",
            "sqlite",
            "rusqlite",
        ] {
            assert!(
                !body.contains(secret),
                "the 500 response tells the client about the internals ({secret:?}): {body}"
            );
        }
        let json: Value = serde_json::from_str(body).unwrap();
        let object = json.as_object().unwrap();
        assert_eq!(object.len(), 2, "{body}");
        assert_eq!(json["error"], "internal server error", "{body}");
        let id = json["error_id"].as_str().unwrap_or_default().to_string();
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "error_id should be 16 hex digits: {body}"
        );
        id
    }

    fn log_line_with(error_id: &str) -> Option<String> {
        let log = ERROR_LOG.lock().unwrap();
        log.iter().find(|line| line.contains(error_id)).cloned()
    }

    #[tokio::test]
    async fn a_granted_user_deletes() {
        let state = new_state();
        let (status, body) = send(&state, Method::DELETE, "/docs/1", "alice").await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        assert!(!doc_exists(&state, 1));
        let (status, _) = send(&state, Method::GET, "/docs/1", "alice").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn others_are_forbidden() {
        let state = new_state();
        let (status, body) = send(&state, Method::DELETE, "/docs/1", "mallory").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, r#"{"error":"forbidden"}"#);
        assert!(doc_exists(&state, 1));
    }

    #[tokio::test]
    async fn a_failing_permission_check_deletes_nothing() {
        let state = new_state();
        break_table(&state, "grants");
        let (status, body) = send(&state, Method::DELETE, "/docs/1", "mallory").await;
        assert!(
            doc_exists(&state, 1),
            "the permission check failed, and the document was deleted anyway ({status})"
        );
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    }

    #[tokio::test]
    async fn a_500_reveals_nothing_about_the_internals() {
        let state = new_state();
        let (status, body) = send(&state, Method::GET, "/docs/2", "alice").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":2,"title":"Salaries"}"#);

        break_table(&state, "docs");
        let (status, body) = send(&state, Method::GET, "/docs/2", "alice").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        generic_error_id(&body);
    }

    #[tokio::test]
    async fn the_error_id_leads_to_the_details_in_the_log() {
        let state = new_state();
        break_table(&state, "docs");
        let (_, body) = send(&state, Method::GET, "/docs/1", "alice").await;
        let error_id = generic_error_id(&body);
        let line = log_line_with(&error_id)
            .unwrap_or_else(|| panic!("no log line mentions error_id {error_id}"));
        assert_eq!(line, format!("error_id={error_id} no such table: docs"));
    }

    #[tokio::test]
    async fn every_failure_gets_its_own_id() {
        let state = new_state();
        break_table(&state, "docs");
        let (_, first) = send(&state, Method::GET, "/docs/1", "alice").await;
        let (_, second) = send(&state, Method::GET, "/docs/1", "alice").await;
        assert_ne!(generic_error_id(&first), generic_error_id(&second));
    }

    #[tokio::test]
    async fn a_failed_check_gives_the_generic_500_too() {
        let state = new_state();
        break_table(&state, "grants");
        let (status, body) = send(&state, Method::DELETE, "/docs/2", "alice").await;
        assert_eq!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the permission check failed, but the server answered {status}: {body:?}"
        );
        let error_id = generic_error_id(&body);
        let line = log_line_with(&error_id).unwrap();
        assert!(line.contains("no such table: grants"), "{line}");
        assert!(doc_exists(&state, 2));
    }
}

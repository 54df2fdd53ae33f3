//! A document store with per-user delete grants, an error log and the error type of its
//! handlers (support code: you do not need to edit it). The exercise supplies the delete
//! permission check and the answer to an internal error.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

pub type Db = Arc<Mutex<Connection>>;

/// Two documents; alice may delete both.
pub fn db() -> Db {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
         INSERT INTO docs VALUES (1, 'Q3 plan'), (2, 'Salaries');
         CREATE TABLE grants (user TEXT NOT NULL, doc_id INTEGER NOT NULL, permission TEXT NOT NULL);
         INSERT INTO grants VALUES ('alice', 1, 'delete'), ('alice', 2, 'delete');",
    )
    .unwrap();
    Arc::new(Mutex::new(conn))
}

#[derive(Debug)]
pub enum AppError {
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

#[derive(Clone, Copy)]
pub struct Hooks {
    /// Ok when `user` may delete the document, `Err(AppError::Forbidden)` when not.
    pub authorize_delete: fn(&Connection, &str, i64) -> Result<(), AppError>,
    /// The response to an internal error.
    pub internal_error: fn(rusqlite::Error) -> Response,
}

#[derive(Clone)]
struct AppState {
    db: Db,
    hooks: Hooks,
}

/// GET and DELETE /docs/{id}.
pub fn app(
    db: Db,
    authorize_delete: fn(&Connection, &str, i64) -> Result<(), AppError>,
    internal_error: fn(rusqlite::Error) -> Response,
) -> Router {
    let hooks = Hooks {
        authorize_delete,
        internal_error,
    };
    Router::new()
        .route("/docs/{id}", get(get_doc).delete(delete_doc))
        .with_state(AppState { db, hooks })
}

fn answer(err: AppError, hooks: Hooks) -> Response {
    let (status, message) = match err {
        AppError::Internal(err) => return (hooks.internal_error)(err),
        AppError::Unauthenticated => {
            // RFC 9110: a 401 names the scheme to authenticate with.
            let challenge = [(header::WWW_AUTHENTICATE, "Bearer realm=\"docs\"")];
            return (
                StatusCode::UNAUTHORIZED,
                challenge,
                Json(json!({"error": "log in"})),
            )
                .into_response();
        }
        AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
        AppError::NotFound => (StatusCode::NOT_FOUND, "not found"),
    };
    (status, Json(json!({ "error": message }))).into_response()
}

/// Who is asking. The auth stage verifies tokens; here the bearer token is the user's name.
fn current_user(headers: &HeaderMap) -> Result<&str, AppError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    value
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AppError::Unauthenticated)
}

/// Whether the grants table lets `user` delete document `doc_id`.
pub fn may_delete(conn: &Connection, user: &str, doc_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM grants
                        WHERE user = ?1 AND doc_id = ?2 AND permission = 'delete')",
        params![user, doc_id],
        |row| row.get(0),
    )
}

async fn get_doc(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let conn = state.db.lock().unwrap();
    let title = conn
        .query_row("SELECT title FROM docs WHERE id = ?1", params![id], |row| {
            row.get::<_, String>(0)
        })
        .optional();
    match title {
        Ok(Some(title)) => Json(json!({"id": id, "title": title})).into_response(),
        Ok(None) => answer(AppError::NotFound, state.hooks),
        Err(err) => answer(AppError::Internal(err), state.hooks),
    }
}

async fn delete_doc(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let result = (|| {
        let user = current_user(&headers)?;
        let conn = state.db.lock().unwrap();
        (state.hooks.authorize_delete)(&conn, user, id)?;
        match conn.execute("DELETE FROM docs WHERE id = ?1", params![id])? {
            0 => Err(AppError::NotFound),
            _ => Ok(StatusCode::NO_CONTENT.into_response()),
        }
    })();
    result.unwrap_or_else(|err| answer(err, state.hooks))
}

/// The server's error log. In production: `tracing::error!` and a log pipeline.
static ERROR_LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn log_error(line: String) {
    ERROR_LOG.lock().unwrap().push(line);
}

/// The logged line that mentions `text`, if any.
pub fn log_line_with(text: &str) -> Option<String> {
    ERROR_LOG
        .lock()
        .unwrap()
        .iter()
        .find(|line| line.contains(text))
        .cloned()
}

/// A new random id for one failure: 16 hex digits.
pub fn new_error_id() -> String {
    let bytes: [u8; 8] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 500 that tells the client nothing; the log gets the details.
pub fn plain_internal_error(err: rusqlite::Error) -> Response {
    log_error(err.to_string());
    let body = Json(json!({"error": "internal server error"}));
    (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
}

/// The delete check that fails closed: an error in the check is an error, never a yes.
pub fn authorize_delete(conn: &Connection, user: &str, doc_id: i64) -> Result<(), AppError> {
    match may_delete(conn, user, doc_id)? {
        true => Ok(()),
        false => Err(AppError::Forbidden),
    }
}

/// Breaks the database the way an outage or a bad migration would.
pub fn drop_table(db: &Db, table: &str) {
    db.lock()
        .unwrap()
        .execute_batch(&format!("DROP TABLE {table}"))
        .unwrap();
}

pub fn doc_exists(db: &Db, id: i64) -> bool {
    let conn = db.lock().unwrap();
    let count: rusqlite::Result<i64> =
        conn.query_row("SELECT COUNT(*) FROM docs WHERE id = ?1", [id], |row| {
            row.get(0)
        });
    count.is_ok_and(|n| n == 1)
}

/// Sends a request as `user` (`Authorization: Bearer <user>`; no header when `user` is empty).
pub async fn send(
    app: Router,
    method: axum::http::Method,
    uri: &str,
    user: &str,
) -> crate::http::Reply {
    let auth = format!("Bearer {user}");
    let headers: &[(&str, &str)] = if user.is_empty() {
        &[]
    } else {
        &[("authorization", &auth)]
    };
    crate::http::send(app, method, uri, headers, "").await
}

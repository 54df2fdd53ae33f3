//! The notes service as the steps built it: state, clock, passwords, the schema (notes1's
//! answer), the queries, the error type and the notes routes. Support code: you do not need to
//! edit it, but read it: it is the service your step extends.
#![allow(dead_code)]

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::sessions::CurrentUser;

/// The tests' harness, for every step.
#[cfg(test)]
#[path = "testkit.rs"]
pub mod testkit;

// ---------------------------------------------------------------------------------------
// State

/// Seconds since the Unix epoch. Injected, so that tests decide what time it is.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since.map_or(0, |d| d.as_secs() as i64)
    }
}

/// Password hashing. Both calls are slow on purpose (tens of milliseconds of CPU with real
/// Argon2): never run them on an async worker, and never while holding a lock.
pub trait Passwords: Send + Sync {
    fn hash(&self, password: &str) -> String;
    fn verify(&self, password: &str, phc: &str) -> bool;
}

/// Argon2id with the crate's defaults (19 MiB, 2 passes): what `main` uses.
pub struct Argon2Passwords;

impl Passwords for Argon2Passwords {
    fn hash(&self, password: &str) -> String {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).unwrap();
        let hash = Argon2::default().hash_password(password.as_bytes(), &salt);
        hash.unwrap().to_string()
    }

    fn verify(&self, password: &str, phc: &str) -> bool {
        PasswordHash::new(phc).is_ok_and(|hash| {
            let argon2 = Argon2::default();
            argon2.verify_password(password.as_bytes(), &hash).is_ok()
        })
    }
}

/// Log lines, kept in memory so that tests can read them (and printed to stderr).
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    pub fn write(&self, line: String) {
        eprintln!("{line}");
        self.0.lock().unwrap().push(line);
    }

    pub fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    /// The lines, each parsed as JSON (a line that is not JSON becomes a JSON string).
    pub fn json(&self) -> Vec<serde_json::Value> {
        let parse = |line: &String| serde_json::from_str(line).unwrap_or(line.clone().into());
        self.lines().iter().map(parse).collect()
    }
}

#[derive(Clone)]
pub struct AppState {
    /// One SQLite connection behind a lock: hold it for queries only, never across slow work.
    pub db: Arc<Mutex<Connection>>,
    pub clock: Arc<dyn Clock>,
    pub passwords: Arc<dyn Passwords>,
    pub log: Log,
    /// Numbers the requests (notes7).
    pub requests: Arc<AtomicU64>,
}

impl AppState {
    pub fn new(conn: Connection, clock: Arc<dyn Clock>, passwords: Arc<dyn Passwords>) -> Self {
        AppState {
            db: Arc::new(Mutex::new(conn)),
            clock,
            passwords,
            log: Log::default(),
            requests: Arc::default(),
        }
    }

    /// A new request id: req-1, req-2...
    pub fn next_request_id(&self) -> String {
        let n = self
            .requests
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        format!("req-{n}")
    }
}

/// 32 random bytes, URL-safe base64: a session id or a CSRF token.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// A strong entity tag for these exact bytes: a hash, in quotes.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", &format!("{:x}", Sha256::digest(body))[..16])
}

// ---------------------------------------------------------------------------------------
// Schema (notes1's answer)

/// Migration N+1 runs on a database whose `user_version` is N. Append; never edit one that
/// has shipped.
pub const MIGRATIONS: &[&str] = &[
    "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
                         password_hash TEXT NOT NULL);",
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES users(id),
                         title TEXT NOT NULL, body TEXT NOT NULL);",
    "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY,
                            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                            csrf_token TEXT NOT NULL, expires_at INTEGER NOT NULL);",
];

pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A fresh, migrated in-memory database with foreign keys on.
pub fn open_db() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    migrate(&mut conn).unwrap();
    conn
}

// ---------------------------------------------------------------------------------------
// Queries

pub fn add_user(conn: &Connection, username: &str, phc: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (username, password_hash) VALUES (?1, ?2)",
        params![username, phc],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The id and password hash of a user.
pub fn find_user(conn: &Connection, username: &str) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, password_hash FROM users WHERE username = ?1",
        [username],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// An unknown user's password is checked against this hash, so that a login with an unknown
/// username costs as much time as a wrong password: else the timing tells which users exist.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$bm8gc3VjaCB1c2Vy$SHrmMGTDSn0zvJpe0MdE2qPzP3a8NkKFh5CjhwOQX4k";

/// What a login checks: the user's id (none if unknown) and the hash to check against.
pub fn login_hash(conn: &Connection, username: &str) -> rusqlite::Result<(Option<i64>, String)> {
    Ok(match find_user(conn, username)? {
        Some((id, phc)) => (Some(id), phc),
        None => (None, DUMMY_HASH.to_string()),
    })
}

#[derive(Deserialize)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

pub struct Session {
    pub user_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// How long a session lives, in seconds.
pub const SESSION_TTL: i64 = 3600;

/// Starts a session for `user_id`: returns its id (for the cookie) and its CSRF token. The
/// database keeps only a hash of the id, so a leaked copy of it holds no live session.
pub fn start_session(state: &AppState, user_id: i64) -> rusqlite::Result<(String, String)> {
    let (sid, csrf) = (random_token(), random_token());
    let expires_at = state.clock.now() + SESSION_TTL;
    state.db.lock().unwrap().execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![sha256_hex(&sid), user_id, csrf, expires_at],
    )?;
    Ok((sid, csrf))
}

/// The session with this id, if it exists and has not expired.
pub fn live_session(state: &AppState, sid: &str) -> rusqlite::Result<Option<Session>> {
    let session = find_session(&state.db.lock().unwrap(), &sha256_hex(sid))?;
    Ok(session.filter(|s| s.expires_at > state.clock.now()))
}

/// The id and the live session that the request's `sid` cookie names, if any.
pub fn session_of(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<Option<(String, Session)>, ApiError> {
    let Some(sid) = cookie(headers, "sid") else {
        return Ok(None);
    };
    Ok(live_session(state, sid)?.map(|session| (sid.to_string(), session)))
}

/// The value of the cookie `name` in `Cookie: theme=dark; sid=abc` headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    let values = headers.get_all(header::COOKIE).into_iter();
    values
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

pub fn find_session(conn: &Connection, token_hash: &str) -> rusqlite::Result<Option<Session>> {
    conn.query_row(
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?1",
        [token_hash],
        |row| {
            Ok(Session {
                user_id: row.get(0)?,
                csrf_token: row.get(1)?,
                expires_at: row.get(2)?,
            })
        },
    )
    .optional()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub body: String,
}

fn note_from_row(row: &rusqlite::Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: row.get(0)?,
        title: row.get(1)?,
        body: row.get(2)?,
    })
}

/// Every query names the owner: another user's note is as absent as a missing one.
pub fn find_note(conn: &Connection, owner: i64, id: i64) -> rusqlite::Result<Option<Note>> {
    conn.query_row(
        "SELECT id, title, body FROM notes WHERE id = ?1 AND owner_id = ?2",
        params![id, owner],
        note_from_row,
    )
    .optional()
}

// ---------------------------------------------------------------------------------------
// Errors: one type for the whole API; `problems` (notes2) turns it into a response

#[derive(Debug)]
pub enum ApiError {
    /// An extractor rejected the request (bad JSON, a path that is not a number...): keep its
    /// status, and its message as the detail.
    Rejected { status: StatusCode, detail: String },
    /// 401 Unauthorized: no valid credentials.
    Unauthorized(String),
    /// 403 Forbidden: we know who you are, and the answer is no.
    Forbidden(String),
    /// 404 Not Found.
    NotFound(String),
    /// 422 Unprocessable Entity: well-formed, but it breaks a rule of the API.
    Invalid(String),
    /// 500 Internal Server Error: the cause is for the logs only.
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Rejected { status, .. } => *status,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl ApiError {
    /// The status, and the message: what went wrong, or for a 500 the cause (for the log).
    pub fn into_parts(self) -> (StatusCode, String) {
        let status = self.status();
        let message = match self {
            ApiError::Rejected { detail, .. } => detail,
            ApiError::Unauthorized(message) | ApiError::Forbidden(message) => message,
            ApiError::NotFound(message) | ApiError::Invalid(message) => message,
            ApiError::Internal(cause) => cause,
        };
        (status, message)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::Internal(format!("database: {err}"))
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(err: tokio::task::JoinError) -> Self {
        ApiError::Internal(format!("blocking task: {err}"))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let (status, detail) = (rejection.status(), rejection.body_text());
        ApiError::Rejected { status, detail }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        let (status, detail) = (rejection.status(), rejection.body_text());
        ApiError::Rejected { status, detail }
    }
}

// ---------------------------------------------------------------------------------------
// The notes routes. `CurrentUser` comes from `crate::sessions`; DELETE from `crate::problems`.

#[derive(Deserialize)]
pub struct NoteInput {
    pub title: String,
    pub body: String,
}

impl NoteInput {
    fn validate(&self) -> Result<(), ApiError> {
        match self.title.trim().chars().count() {
            0 => Err(ApiError::Invalid("the title must not be blank".into())),
            1..=200 => Ok(()),
            _ => Err(ApiError::Invalid(
                "the title is longer than 200 characters".into(),
            )),
        }
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notes", get(list_notes).post(create_note))
        .route(
            "/notes/{id}",
            get(read_note)
                .put(update_note)
                .delete(crate::problems::delete_note),
        )
}

fn no_such_note(id: i64) -> ApiError {
    ApiError::NotFound(format!("note {id} does not exist"))
}

async fn list_notes(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Note>>, ApiError> {
    let conn = state.db.lock().unwrap();
    let mut stmt =
        conn.prepare("SELECT id, title, body FROM notes WHERE owner_id = ?1 ORDER BY id")?;
    let notes = stmt.query_map([user.id], note_from_row)?;
    Ok(Json(notes.collect::<Result<_, _>>()?))
}

async fn create_note(
    State(state): State<AppState>,
    user: CurrentUser,
    input: Result<Json<NoteInput>, JsonRejection>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<Note>), ApiError> {
    let Json(input) = input?;
    input.validate()?;
    let conn = state.db.lock().unwrap();
    conn.execute(
        "INSERT INTO notes (owner_id, title, body) VALUES (?1, ?2, ?3)",
        params![user.id, input.title, input.body],
    )?;
    let id = conn.last_insert_rowid();
    let note = Note {
        id,
        title: input.title,
        body: input.body,
    };
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/notes/{id}"))],
        Json(note),
    ))
}

async fn read_note(
    State(state): State<AppState>,
    user: CurrentUser,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Json<Note>, ApiError> {
    let Path(id) = id?;
    let conn = state.db.lock().unwrap();
    Ok(Json(
        find_note(&conn, user.id, id)?.ok_or_else(|| no_such_note(id))?,
    ))
}

async fn update_note(
    State(state): State<AppState>,
    user: CurrentUser,
    id: Result<Path<i64>, PathRejection>,
    input: Result<Json<NoteInput>, JsonRejection>,
) -> Result<Json<Note>, ApiError> {
    let (Path(id), Json(input)) = (id?, input?);
    input.validate()?;
    let conn = state.db.lock().unwrap();
    let changed = conn.execute(
        "UPDATE notes SET title = ?1, body = ?2 WHERE id = ?3 AND owner_id = ?4",
        params![input.title, input.body, id, user.id],
    )?;
    if changed == 0 {
        return Err(no_such_note(id));
    }
    Ok(Json(Note {
        id,
        title: input.title,
        body: input.body,
    }))
}

// ---------------------------------------------------------------------------------------
// Running it for real, and a helper for notes6

/// For `main`: a database with one user (alice, password wonderland), the state, and a
/// listener on a free port.
pub async fn setup() -> (tokio::net::TcpListener, AppState) {
    let conn = open_db();
    add_user(&conn, "alice", &Argon2Passwords.hash("wonderland")).unwrap();
    let state = AppState::new(conn, Arc::new(SystemClock), Arc::new(Argon2Passwords));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    println!("listening on http://{addr} (alice's password: wonderland); Ctrl-C stops");
    (listener, state)
}

/// Runs the service for real until Ctrl-C: `cargo run -p exercises-capstone --bin notesN`.
pub fn run(app: fn(AppState) -> Router) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (listener, state) = setup().await;
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        let served = axum::serve(listener, app(state)).with_graceful_shutdown(stop);
        served.await.unwrap();
    });
}

/// For notes6's `etag` middleware: runs the request; a GET answered 200 comes back in parts,
/// its body read, labelled with `ETag` and `Cache-Control: private, no-cache`, and its tag.
/// Anything else comes back untouched, as `Err`.
pub async fn run_tagged(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Result<(axum::http::response::Parts, axum::body::Bytes, String), axum::response::Response> {
    use axum::http::{HeaderValue, Method};
    let get = request.method() == Method::GET;
    let response = next.run(request).await;
    if !get || response.status() != StatusCode::OK {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Err(axum::response::IntoResponse::into_response(
            StatusCode::INTERNAL_SERVER_ERROR,
        ));
    };
    let tag = etag_of(&bytes);
    parts
        .headers
        .insert(header::ETAG, HeaderValue::from_str(&tag).unwrap());
    let cache_control = HeaderValue::from_static("private, no-cache");
    parts.headers.insert(header::CACHE_CONTROL, cache_control);
    Ok((parts, bytes, tag))
}

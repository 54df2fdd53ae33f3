//! A payments API for the idempotency exercises: the database, authentication (a bearer token
//! names the caller, its principal), request checks, the key store, and a test client. The
//! lookup is injected (`FindKeyFn`); `find_key` here is idempotency1's simple one.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http_body_util::BodyExt;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use crate::clock::{Clock, ManualClock};

/// How long a key is kept: a retry comes within minutes, 24 h is the usual promise.
pub const KEY_TTL: Duration = Duration::from_secs(24 * 3600);

/// Finds the response stored for `principal`'s `key`, if it is younger than `KEY_TTL`.
pub type FindKeyFn = fn(&Connection, &str, &str, Duration) -> rusqlite::Result<Option<Stored>>;

/// The service's state.
pub struct Payments {
    pub db: Mutex<Connection>,
    pub clock: ManualClock,
    pub find_key: FindKeyFn,
}

pub type Shared = Arc<Payments>;

impl Payments {
    /// An empty database, the clock at 0, `find_key` to look keys up.
    pub fn new(find_key: FindKeyFn) -> Shared {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(
            "CREATE TABLE payments (
                 id INTEGER PRIMARY KEY,
                 payer TEXT NOT NULL,
                 recipient TEXT NOT NULL,
                 amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
             );
             CREATE TABLE idempotency_keys (
                 principal TEXT NOT NULL,
                 key TEXT NOT NULL,
                 request_hash TEXT NOT NULL,
                 status INTEGER NOT NULL,
                 body TEXT NOT NULL,
                 created_at_ms INTEGER NOT NULL,
                 PRIMARY KEY (principal, key)
             );",
        )
        .unwrap();
        Arc::new(Payments {
            db: Mutex::new(db),
            clock: ManualClock::default(),
            find_key,
        })
    }

    /// How many payments were made.
    pub fn payments(&self) -> i64 {
        let db = self.db.lock().unwrap();
        db.query_row("SELECT count(*) FROM payments", [], |row| row.get(0))
            .unwrap()
    }
}

/// A response stored with its key.
#[derive(Debug)]
pub struct Stored {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

/// The stored response of `key`, looked up by the key alone and kept forever: enough for one
/// client. (idempotency2 asks whose key it is, and for how long.)
pub fn find_key(
    conn: &Connection,
    _principal: &str,
    key: &str,
    _now: Duration,
) -> rusqlite::Result<Option<Stored>> {
    let sql = "SELECT request_hash, status, body FROM idempotency_keys WHERE key = ?1";
    conn.query_row(sql, params![key], stored).optional()
}

/// Reads a `Stored` from a row of (request_hash, status, body).
pub fn stored(row: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        request_hash: row.get(0)?,
        status: row.get(1)?,
        body: row.get(2)?,
    })
}

/// Milliseconds since the clock's start, as stored in `created_at_ms`.
pub fn millis(at: Duration) -> i64 {
    i64::try_from(at.as_millis()).unwrap_or(i64::MAX)
}

/// Stores `principal`'s `key` with the response (replacing an expired one).
pub fn save_key(conn: &Connection, call: &Call, status: u16, body: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO idempotency_keys
             (principal, key, request_hash, status, body, created_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            call.principal,
            call.key,
            call.hash,
            status,
            body,
            millis(call.now)
        ],
    )?;
    Ok(())
}

#[derive(Deserialize)]
pub struct NewPayment {
    to: String,
    amount_cents: i64,
}

#[derive(Serialize)]
struct Payment<'a> {
    id: i64,
    to: &'a str,
    amount_cents: i64,
}

/// Makes the payment: the status and the JSON body of the response.
pub fn insert_payment(conn: &Connection, call: &Call) -> rusqlite::Result<(u16, String)> {
    let new = &call.payment;
    conn.execute(
        "INSERT INTO payments (payer, recipient, amount_cents) VALUES (?1, ?2, ?3)",
        params![call.principal, new.to, new.amount_cents],
    )?;
    let id = conn.last_insert_rowid();
    let (to, amount_cents) = (new.to.as_str(), new.amount_cents);
    let payment = Payment {
        id,
        to,
        amount_cents,
    };
    Ok((201, serde_json::to_string(&payment).unwrap()))
}

/// A request that passed the checks.
pub struct Call {
    /// Who sent it: the principal of its bearer token.
    pub principal: &'static str,
    /// Its `Idempotency-Key`.
    pub key: String,
    /// The hex SHA-256 of its body.
    pub hash: String,
    pub payment: NewPayment,
    /// When it arrived.
    pub now: Duration,
}

/// The bearer tokens the service issued, and their principals.
const TOKENS: [(&str, &str); 2] = [("tok-alice", "alice"), ("tok-mallory", "mallory")];

/// Checks a request: 401 without a valid token, 400 without a key or with a bad payment.
#[allow(clippy::result_large_err)] // a refusal is a whole response, built once per request
pub fn accept(state: &Payments, headers: &HeaderMap, body: &[u8]) -> Result<Call, Response> {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let token = header(header::AUTHORIZATION).and_then(|v| v.strip_prefix("Bearer "));
    let Some(&(_, principal)) = TOKENS.iter().find(|(t, _)| Some(*t) == token) else {
        return Err(json(
            401,
            r#"{"error":"a valid bearer token is required"}"#.into(),
        ));
    };
    let key = header(header::HeaderName::from_static("idempotency-key"));
    let Some(key) = key.filter(|k| (1..=255).contains(&k.len())) else {
        return Err(json(
            400,
            r#"{"error":"an Idempotency-Key is required"}"#.into(),
        ));
    };
    let payment = match serde_json::from_slice::<NewPayment>(body) {
        Ok(p) if p.amount_cents > 0 => p,
        _ => return Err(json(400, r#"{"error":"invalid payment"}"#.into())),
    };
    let hash = format!("{:x}", Sha256::digest(body));
    let key = key.to_string();
    let now = state.clock.now();
    Ok(Call {
        principal,
        key,
        hash,
        payment,
        now,
    })
}

/// A JSON response.
pub fn json(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A database error becomes a 500.
pub struct DbError(rusqlite::Error);

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        DbError(err)
    }
}

impl IntoResponse for DbError {
    fn into_response(self) -> Response {
        eprintln!("database error: {}", self.0);
        json(500, r#"{"error":"internal error"}"#.into())
    }
}

/// `POST /payments` (idempotency1's answer), looking keys up with `state.find_key`.
pub async fn create_payment(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, DbError> {
    let call = match accept(&state, &headers, &body) {
        Ok(call) => call,
        Err(refusal) => return Ok(refusal),
    };
    let mut conn = state.db.lock().unwrap();
    if let Some(stored) = (state.find_key)(&conn, call.principal, &call.key, call.now)? {
        if stored.request_hash != call.hash {
            let body = r#"{"error":"this key was used with another request"}"#;
            return Ok(json(422, body.into()));
        }
        let mut response = json(stored.status, stored.body);
        let replayed = HeaderValue::from_static("true");
        response
            .headers_mut()
            .insert("idempotent-replayed", replayed);
        return Ok(response);
    }
    let tx = conn.transaction()?;
    let (status, body) = insert_payment(&tx, &call)?;
    save_key(&tx, &call, status, &body)?;
    tx.commit()?;
    Ok(json(status, body))
}

/// The API with `create_payment`.
pub fn app(state: Shared) -> Router {
    Router::new()
        .route("/payments", post(create_payment))
        .with_state(state)
}

/// What the client saw.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// The `Idempotent-Replayed` header.
    pub replayed: bool,
    pub body: String,
}

impl Reply {
    /// "paid", "replayed", or the refusal's status and body.
    pub fn kind(&self) -> String {
        match (self.status, self.replayed) {
            (_, true) => "replayed".to_string(),
            (201, false) => "paid".to_string(),
            (status, false) => format!("refused: {status} {}", self.body),
        }
    }
}

/// A service that looks keys up with `find_key`, and its `app`.
pub fn serve(find_key: FindKeyFn) -> (Shared, Router) {
    let state = Payments::new(find_key);
    (state.clone(), app(state))
}

/// Sends `POST /payments` with `body` as `who` ("alice" or "mallory") with `Idempotency-Key: key`.
pub async fn pay(app: &Router, who: &str, key: &str, body: &str) -> Reply {
    let req = Request::post("/payments")
        .header(header::AUTHORIZATION, format!("Bearer tok-{who}"))
        .header("idempotency-key", key)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let replayed = resp.headers().get("idempotent-replayed").is_some();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Reply {
        status,
        replayed,
        body,
    }
}

/// A payment of 5.00 to bob, and one of 900.00 to eve.
pub const PAY_BOB: &str = r#"{"to":"bob","amount_cents":500}"#;
pub const PAY_EVE: &str = r#"{"to":"eve","amount_cents":90000}"#;

/// One minute.
pub const MINUTE: Duration = Duration::from_secs(60);

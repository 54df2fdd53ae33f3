// idempotency1: the Idempotency-Key header
//
// A network can fail after the server did the work but before the client got the answer.
// The client can't tell "my payment failed" from "my payment went through and the answer
// got lost", so it sends it again, and a naive server charges twice. Retries (retry1) are only
// safe for requests that can be repeated without harm.
//
// The usual fix, from payment APIs such as Stripe's, is an `Idempotency-Key` header: the client
// makes up a unique key for each operation and sends the same key with every retry of it. The
// server stores the key next to the response of the first request. A retry with that key gets
// the stored response replayed (marked with `Idempotent-Replayed: true`) and no new work is
// done. The same key with a different body is a client bug: `422 Unprocessable Content`.
//
// The key is saved in the same transaction as the payment: either both are saved or neither
// is, so a crash can't leave a payment behind without its key (or a key without its payment).
// Here the database lock is held for the whole request, so two copies of one request can't
// race; with many servers sharing a database, the PRIMARY KEY on `key` catches that race.
//
// In `create_payment`: look the key up first and replay or refuse (TODO 1), and save the key
// with the response of a new payment (TODO 2). The helpers are ready.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub type Db = Arc<Mutex<Connection>>;

pub fn open_db() -> Db {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE payments (
             id INTEGER PRIMARY KEY,
             recipient TEXT NOT NULL,
             amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
         );
         CREATE TABLE idempotency_keys (
             key TEXT PRIMARY KEY,
             request_hash TEXT NOT NULL,
             status INTEGER NOT NULL,
             body TEXT NOT NULL
         );",
    )
    .unwrap();
    Arc::new(Mutex::new(conn))
}

#[derive(Deserialize)]
struct NewPayment {
    to: String,
    amount_cents: i64,
}

#[derive(Serialize)]
struct Payment {
    id: i64,
    to: String,
    amount_cents: i64,
}

/// The response stored for a key.
struct StoredResponse {
    request_hash: String,
    status: u16,
    body: String,
}

/// Identifies a request body: the hex SHA-256 of its bytes.
fn request_hash(body: &[u8]) -> String {
    format!("{:x}", Sha256::digest(body))
}

fn find_key(conn: &Connection, key: &str) -> rusqlite::Result<Option<StoredResponse>> {
    conn.query_row(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE key = ?1",
        [key],
        |row| {
            Ok(StoredResponse {
                request_hash: row.get(0)?,
                status: row.get(1)?,
                body: row.get(2)?,
            })
        },
    )
    .optional()
}

fn save_key(
    conn: &Connection,
    key: &str,
    request_hash: &str,
    status: StatusCode,
    body: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO idempotency_keys (key, request_hash, status, body) VALUES (?1, ?2, ?3, ?4)",
        params![key, request_hash, status.as_u16(), body],
    )?;
    Ok(())
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    json(status, serde_json::json!({ "error": message }).to_string())
}

/// A database error becomes a 500.
struct DbError(rusqlite::Error);

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        DbError(err)
    }
}

impl IntoResponse for DbError {
    fn into_response(self) -> Response {
        eprintln!("database error: {}", self.0);
        error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }
}

async fn create_payment(
    State(db): State<Db>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, DbError> {
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| (1..=255).contains(&k.len()))
    else {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            "an Idempotency-Key header is required",
        ));
    };
    let hash = request_hash(&body);
    let mut conn = db.lock().unwrap();

    if let Some(stored) = find_key(&conn, key)? {
        if stored.request_hash != hash {
            return Ok(error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "this Idempotency-Key was used with a different request",
            ));
        }
        let status = StatusCode::from_u16(stored.status).unwrap();
        let mut response = json(status, stored.body);
        response
            .headers_mut()
            .insert("idempotent-replayed", "true".parse().unwrap());
        return Ok(response);
    }

    let Ok(new) = serde_json::from_slice::<NewPayment>(&body) else {
        return Ok(error(StatusCode::BAD_REQUEST, "invalid payment"));
    };
    if new.amount_cents <= 0 {
        return Ok(error(StatusCode::BAD_REQUEST, "amount_cents must be > 0"));
    }

    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO payments (recipient, amount_cents) VALUES (?1, ?2)",
        params![new.to, new.amount_cents],
    )?;
    let payment = Payment {
        id: tx.last_insert_rowid(),
        to: new.to,
        amount_cents: new.amount_cents,
    };
    let body = serde_json::to_string(&payment).unwrap();
    save_key(&tx, key, &hash, StatusCode::CREATED, &body)?;
    tx.commit()?;
    Ok(json(StatusCode::CREATED, body))
}

pub fn app(db: Db) -> Router {
    Router::new()
        .route("/payments", post(create_payment))
        .with_state(db)
}

fn main() {
    println!("Run the tests: they send the same payment several times.");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const PAY_BOB: &str = r#"{"to":"bob","amount_cents":500}"#;
    const PAY_EVE: &str = r#"{"to":"eve","amount_cents":90000}"#;

    struct Reply {
        status: StatusCode,
        replayed: Option<String>,
        body: String,
    }

    async fn pay(db: &Db, key: Option<&str>, body: &str) -> Reply {
        let mut req = Request::post("/payments").header("content-type", "application/json");
        if let Some(key) = key {
            req = req.header("idempotency-key", key);
        }
        let resp = app(db.clone())
            .oneshot(req.body(Body::from(body.to_string())).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let replayed = resp
            .headers()
            .get("idempotent-replayed")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            replayed,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }

    fn payments(db: &Db) -> Vec<(i64, String, i64)> {
        let conn = db.lock().unwrap();
        let mut stmt = conn
            .prepare("SELECT id, recipient, amount_cents FROM payments ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[tokio::test]
    async fn a_first_request_makes_a_payment() {
        let db = open_db();
        let reply = pay(&db, Some("key-1"), PAY_BOB).await;
        assert_eq!(reply.status, StatusCode::CREATED);
        assert_eq!(reply.body, r#"{"id":1,"to":"bob","amount_cents":500}"#);
        assert_eq!(reply.replayed, None, "the first answer is not a replay");
        assert_eq!(payments(&db), vec![(1, "bob".to_string(), 500)]);
    }

    #[tokio::test]
    async fn a_retry_is_replayed_and_charges_nothing() {
        let db = open_db();
        let first = pay(&db, Some("key-1"), PAY_BOB).await;
        for _ in 0..3 {
            let retry = pay(&db, Some("key-1"), PAY_BOB).await;
            assert_eq!(retry.status, StatusCode::CREATED, "the stored status");
            assert_eq!(retry.body, first.body, "the stored body, byte for byte");
            assert_eq!(retry.replayed.as_deref(), Some("true"));
        }
        assert_eq!(
            payments(&db),
            vec![(1, "bob".to_string(), 500)],
            "bob must be paid once"
        );
    }

    #[tokio::test]
    async fn a_new_key_is_a_new_payment() {
        let db = open_db();
        assert_eq!(
            pay(&db, Some("key-1"), PAY_BOB).await.status,
            StatusCode::CREATED
        );
        let second = pay(&db, Some("key-2"), PAY_BOB).await;
        assert_eq!(second.status, StatusCode::CREATED);
        assert_eq!(second.body, r#"{"id":2,"to":"bob","amount_cents":500}"#);
        assert_eq!(second.replayed, None);
        assert_eq!(payments(&db).len(), 2, "two keys, two payments");
    }

    #[tokio::test]
    async fn the_same_key_with_another_body_is_422() {
        let db = open_db();
        assert_eq!(
            pay(&db, Some("key-1"), PAY_BOB).await.status,
            StatusCode::CREATED
        );
        let reused = pay(&db, Some("key-1"), PAY_EVE).await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reused.replayed, None);
        assert_eq!(
            payments(&db),
            vec![(1, "bob".to_string(), 500)],
            "eve got nothing"
        );
        // The key still belongs to the first request.
        let retry = pay(&db, Some("key-1"), PAY_BOB).await;
        assert_eq!(retry.status, StatusCode::CREATED);
        assert_eq!(retry.replayed.as_deref(), Some("true"));
    }

    #[tokio::test]
    async fn a_missing_key_is_400() {
        let db = open_db();
        assert_eq!(
            pay(&db, None, PAY_BOB).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            pay(&db, Some(""), PAY_BOB).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(payments(&db), vec![]);
    }

    #[tokio::test]
    async fn a_refused_request_does_not_use_up_its_key() {
        let db = open_db();
        let broken = pay(&db, Some("key-1"), r#"{"to":"bob","amount_cents":"#).await;
        assert_eq!(broken.status, StatusCode::BAD_REQUEST);
        let zero = pay(&db, Some("key-1"), r#"{"to":"bob","amount_cents":0}"#).await;
        assert_eq!(zero.status, StatusCode::BAD_REQUEST);
        // Nothing was done, so the fixed request may use the key.
        let fixed = pay(&db, Some("key-1"), PAY_BOB).await;
        assert_eq!(fixed.status, StatusCode::CREATED);
        assert_eq!(fixed.replayed, None);
        assert_eq!(payments(&db).len(), 1);
    }
}

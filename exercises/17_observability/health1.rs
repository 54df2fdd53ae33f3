// health1: liveness and readiness
//
// An orchestrator such as Kubernetes asks each instance of a service two different
// questions, usually every few seconds:
//
// - "Are you alive?" (`GET /livez`). If not, it kills and restarts the process. The answer
//   must depend only on the process itself: if it can answer at all, it is alive. A
//   liveness check that queries the database is a classic outage amplifier: the database
//   has a bad minute, every instance fails its liveness check, and the orchestrator
//   restarts the whole fleet at once, which then stampedes the database as it comes back.
// - "Can you serve traffic right now?" (`GET /readyz`). If not, the load balancer stops
//   sending requests to this instance until it says yes again; nothing is restarted. This
//   is where dependencies are checked: a quick query against the database. An instance
//   that is shutting down also answers "no" (503), so traffic moves elsewhere before it
//   stops (the next stage shows the shutdown itself).
//
// The readiness answer is JSON so that people and tools can see which check failed:
//
//     200 {"status":"ready","checks":{"database":"up"}}
//     503 {"status":"not ready","checks":{"database":"down"}}
//     503 {"status":"draining","checks":{"database":"up"}}    (draining wins over the rest)
//
// The error itself goes to the logs, not to the unauthenticated health endpoint.
//
// Fix `livez` and write `readyz`.

use axum::{Json, Router, extract::State, http::StatusCode, routing::get};
use rusqlite::Connection;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub struct AppState {
    pub db: Mutex<Connection>,
    /// Set when the service starts shutting down.
    pub draining: AtomicBool,
}

impl AppState {
    pub fn new(db: Connection) -> Arc<Self> {
        Arc::new(AppState {
            db: Mutex::new(db),
            draining: AtomicBool::new(false),
        })
    }
}

/// Runs the cheapest possible query, to see whether the database answers.
fn ping(db: &Mutex<Connection>) -> rusqlite::Result<()> {
    let db = db.lock().unwrap();
    db.query_row("SELECT 1", [], |_| Ok(()))
}

async fn livez(State(state): State<Arc<AppState>>) -> (StatusCode, &'static str) {
    // TODO: liveness must not depend on the database (read the top of the file): answer
    // 200 "ok" whenever the process can answer at all.
    match ping(&state.db) {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database down"),
    }
}

async fn readyz(State(state): State<Arc<AppState>>) -> (StatusCode, Json<Value>) {
    // TODO: check the database with `ping` ("up" or "down"; log the error with
    // `tracing::warn!`), look at `state.draining`, and answer as the table at the top says.
    let _ = state;
    let body = json!({ "status": "ready", "checks": { "database": "up" } });
    (StatusCode::OK, Json(body))
}

pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/livez", get(livez))
        .route("/readyz", get(readyz))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let db = Connection::open_in_memory().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("try http://{}/readyz", listener.local_addr().unwrap());
    axum::serve(listener, app(AppState::new(db))).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use axum::extract::Request;
    use rusqlite::OpenFlags;
    use tower::ServiceExt;

    /// An in-memory database that several connections can share, named after the test so
    /// that tests do not share it with each other.
    fn connect(name: &str) -> Connection {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI;
        let uri = format!("file:health1-{name}?mode=memory&cache=shared");
        Connection::open_with_flags(uri, flags).unwrap()
    }

    /// A second connection that locks the whole database (like a long migration would):
    /// while it lives, every query of the app fails with "database schema is locked".
    /// Dropping it ends the outage.
    struct Outage {
        _lock: Connection,
    }

    fn take_database_down(name: &str) -> Outage {
        let conn = connect(name);
        conn.execute_batch("BEGIN EXCLUSIVE; CREATE TABLE outage (x);")
            .unwrap();
        Outage { _lock: conn }
    }

    async fn get(app: &Router, path: &str) -> (StatusCode, String) {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = to_bytes(response.into_body(), 1 << 16).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    fn parse(body: &str) -> Value {
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body:?}"))
    }

    #[tokio::test]
    async fn a_healthy_service_is_live_and_ready() {
        let app = app(AppState::new(connect("healthy")));
        assert_eq!(get(&app, "/livez").await, (StatusCode::OK, "ok".to_owned()));
        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            parse(&body),
            json!({ "status": "ready", "checks": { "database": "up" } })
        );
    }

    #[tokio::test]
    async fn a_database_outage_makes_it_not_ready_but_still_live() {
        let app = app(AppState::new(connect("outage")));
        let _outage = take_database_down("outage");

        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            parse(&body),
            json!({ "status": "not ready", "checks": { "database": "down" } })
        );
        assert_eq!(
            get(&app, "/livez").await,
            (StatusCode::OK, "ok".to_owned()),
            "liveness must not depend on the database, or an outage restarts every instance"
        );
    }

    #[tokio::test]
    async fn readiness_comes_back_with_the_database() {
        let app = app(AppState::new(connect("recovery")));
        let outage = take_database_down("recovery");
        assert_eq!(
            get(&app, "/readyz").await.0,
            StatusCode::SERVICE_UNAVAILABLE
        );
        drop(outage);
        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            parse(&body),
            json!({ "status": "ready", "checks": { "database": "up" } })
        );
    }

    #[tokio::test]
    async fn a_draining_instance_is_not_ready() {
        let state = AppState::new(connect("draining"));
        let app = app(state.clone());
        state.draining.store(true, Ordering::SeqCst);

        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            parse(&body),
            json!({ "status": "draining", "checks": { "database": "up" } })
        );
        assert_eq!(get(&app, "/livez").await.0, StatusCode::OK);

        let _outage = take_database_down("draining");
        let (status, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            parse(&body),
            json!({ "status": "draining", "checks": { "database": "down" } })
        );
    }
}

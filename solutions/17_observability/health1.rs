// health1: liveness and readiness
//
// An orchestrator such as Kubernetes asks every instance two different questions:
// - "Are you alive?" (`GET /livez`). If not, it restarts the process. If the process can
//   answer, it is alive: a liveness check that queries the database turns a database
//   hiccup into a restart of the whole fleet, which then stampedes the database.
// - "Can you serve traffic now?" (`GET /readyz`). If not, the load balancer skips this
//   instance until it says yes; nothing restarts. Here the dependencies are checked:
//   `200 {"status":"ready"}` or `503 {"status":"not ready"}`. The error itself goes to the
//   logs, not to an unauthenticated endpoint.
//
// Make liveness independent of the database, and readiness depend on it.

#[path = "support/client.rs"]
mod client;
#[path = "support/health.rs"]
mod health;

use std::sync::{Arc, Mutex};

use axum::{Json, Router, extract::State, http::StatusCode, routing::get};
use rusqlite::Connection;
use serde_json::{Value, json};

type Db = Arc<Mutex<Connection>>;

// TODO: if the process can answer, it is alive: do not ask the database.
async fn livez() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok")
}

async fn readyz(State(db): State<Db>) -> (StatusCode, Json<Value>) {
    // TODO: 503 "not ready" when `health::ping(&db)` fails (log its error with `eprintln!`).
    let (status, text) = match health::ping(&db) {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            eprintln!("readiness: database: {err}");
            (StatusCode::SERVICE_UNAVAILABLE, "not ready")
        }
    };
    (status, Json(json!({ "status": text })))
}

pub fn app(db: Connection) -> Router {
    let app = Router::new().route("/livez", get(livez));
    app.route("/readyz", get(readyz))
        .with_state(Arc::new(Mutex::new(db)))
}

fn main() {
    let _app = app(health::connect("main"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::get;

    #[tokio::test]
    async fn an_outage_makes_it_not_ready_but_still_live() {
        let app = app(health::connect("outage"));
        let reply = get(&app, "/readyz", &[]).await;
        assert_eq!(
            reply.body, r#"{"status":"ready"}"#,
            "a healthy database: ready"
        );
        let _outage = health::take_database_down("outage");
        let reply = get(&app, "/readyz", &[]).await;
        let got = (reply.status.as_u16(), reply.body.as_str());
        assert_eq!(
            got,
            (503, r#"{"status":"not ready"}"#),
            "no database: take no traffic"
        );
        let live = get(&app, "/livez", &[]).await.status;
        assert_eq!(
            live, 200,
            "still alive: a restart would not bring the database back"
        );
    }
}

//! Request ids for the request_id exercises: the header's name, `RequestIds`, which hands
//! out fresh ids (production uses random UUIDs; a counter keeps the tests predictable), and
//! `get_order`, a handler that logs twice with an `.await` in between, as a handler that
//! queries a database would. You don't need to edit it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::extract::Path;
use serde_json::{Value, json};
use tracing::info;

pub const REQUEST_ID: &str = "x-request-id";

#[derive(Default)]
pub struct RequestIds {
    issued: AtomicU64,
}

impl RequestIds {
    /// "req-1", "req-2", ...
    pub fn fresh(&self) -> String {
        let n = self.issued.fetch_add(1, Ordering::Relaxed) + 1;
        format!("req-{n}")
    }
}

pub async fn get_order(Path(id): Path<u64>) -> Json<Value> {
    info!(order = id, "loading order");
    tokio::task::yield_now().await;
    info!(order = id, "order loaded");
    Json(json!({ "id": id, "status": "shipped" }))
}

/// For each log line: the order it is about, its message, and the request id of its span.
pub fn ids_in_logs(lines: &[Value]) -> Vec<(u64, String, String)> {
    let field = |line: &Value, path: [&str; 2]| line[path[0]][path[1]].clone();
    lines
        .iter()
        .map(|line| {
            let order = field(line, ["fields", "order"]).as_u64().unwrap_or(0);
            let message = field(line, ["fields", "message"]);
            let id = field(line, ["span", "request_id"]);
            let id = id.as_str().unwrap_or("<no request_id in the span>");
            (
                order,
                message.as_str().unwrap_or("").to_string(),
                id.to_string(),
            )
        })
        .collect()
}

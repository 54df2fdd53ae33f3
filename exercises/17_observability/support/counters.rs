//! The request counter of metrics1, `http_requests_total`, one series per (method, route,
//! status), rendered in the Prometheus text format at `GET /metrics`, and the handlers of the
//! app it counts. You don't need to edit it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

/// (method, route, status)
type Labels = (String, String, u16);

#[derive(Clone, Default)]
pub struct Counters {
    requests: Arc<Mutex<BTreeMap<Labels, u64>>>,
}

impl Counters {
    pub fn add(&self, method: String, route: String, status: u16) {
        let mut requests = self.requests.lock().unwrap();
        *requests.entry((method, route, status)).or_default() += 1;
    }

    /// The Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::from("# TYPE http_requests_total counter\n");
        for ((method, route, status), n) in self.requests.lock().unwrap().iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            writeln!(out, "http_requests_total{{{labels}}} {n}").unwrap();
        }
        out
    }
}

pub async fn metrics_page(State(counters): State<Counters>) -> impl IntoResponse {
    let content_type = "text/plain; version=0.0.4; charset=utf-8";
    ([(header::CONTENT_TYPE, content_type)], counters.render())
}

pub async fn get_order() -> &'static str {
    "an order"
}

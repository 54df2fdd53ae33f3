//! Captures what `tracing` logs, the way a log pipeline would see it: a JSON subscriber
//! (`tracing-subscriber`'s `fmt().json()`, without timestamps) writes into a buffer, and the
//! tests read every line back as JSON. `capture` is for plain functions; `capture_logs`
//! installs the subscriber on the current thread until its guard is dropped, for async tests
//! on a one-thread runtime. You don't need to edit it.
#![allow(dead_code)]

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use tracing::subscriber::DefaultGuard;

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Everything written so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Every line written so far, parsed as JSON.
    #[track_caller]
    pub fn lines(&self) -> Vec<Value> {
        self.text()
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|err| panic!("a log line is not JSON ({err}): {line}"))
            })
            .collect()
    }
}

fn subscriber(captured: &Captured) -> impl tracing::Subscriber + Send + Sync + use<> {
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .json()
        .without_time()
        .with_writer(move || writer.clone())
        .finish()
}

/// Runs `f` with a JSON subscriber on this thread; returns what `f` returned and the logs.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Captured) {
    let captured = Captured::default();
    let result = tracing::subscriber::with_default(subscriber(&captured), f);
    (result, captured)
}

/// Installs a JSON subscriber on this thread until the guard is dropped.
pub fn capture_logs() -> (Captured, DefaultGuard) {
    let captured = Captured::default();
    let guard = tracing::subscriber::set_default(subscriber(&captured));
    (captured, guard)
}

//! Test helpers for the thread exercises (support code: you do not need to edit it).
//!
//! `within` runs a piece of work on a thread of its own and fails the test if the work has
//! not finished after a second, so code that waits forever fails fast instead of hanging the
//! test run. `Gate` holds jobs until a test opens it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// How long a test waits for something that should take no time at all.
pub const PATIENCE: Duration = Duration::from_millis(500);

/// Runs `work` on another thread and returns what it returns; panics with `hang` if it has
/// not finished within `PATIENCE` (half a second: the work should take no time at all).
#[track_caller]
pub fn within<T: Send + 'static>(hang: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(PATIENCE) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("still waiting after {PATIENCE:?}: {hang}"),
        Err(RecvTimeoutError::Disconnected) => panic!("the work panicked (see above)"),
    }
}

/// A gate that jobs wait at until the test opens it. Clones share the same gate.
#[derive(Clone, Default)]
pub struct Gate(Arc<(Mutex<bool>, Condvar)>);

impl Gate {
    /// Waits until the gate is open (for at most 10 s, a guard against a test that never
    /// opens it).
    pub fn wait(&self) {
        let (open, opened) = &*self.0;
        let guard = open.lock().unwrap();
        let _ = opened.wait_timeout_while(guard, 10 * PATIENCE, |open| !*open);
    }

    pub fn open(&self) {
        *self.0.0.lock().unwrap() = true;
        self.0.1.notify_all();
    }
}

impl Gate {
    /// A job that tells the returned receiver it has started, then waits at the gate.
    pub fn job(&self) -> (impl FnOnce() + Send + 'static, mpsc::Receiver<()>) {
        let (started, started_rx) = mpsc::channel();
        let gate = self.clone();
        let job = move || {
            let _ = started.send(());
            gate.wait();
        };
        (job, started_rx)
    }
}

/// Counts the jobs that ran. Clones share the count.
#[derive(Clone, Default)]
pub struct Tally(Arc<AtomicUsize>);

impl Tally {
    /// A job that adds one to the tally when it runs.
    pub fn job(&self) -> impl FnOnce() + Send + 'static {
        let tally = self.clone();
        move || {
            tally.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

//! A stand-in for one replica of another service (support code: you do not need to edit it).
//!
//! `call` sleeps on tokio's clock for the replica's delay, then answers with its name. It
//! counts its calls, its answers and its cancellations: a call whose future is dropped before
//! it answered counts as cancelled (the `Drop` of a guard notices), which is what cancelling
//! a future looks like from the inside.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::{Duration, sleep};

pub struct Replica {
    pub name: &'static str,
    pub delay: Duration,
    calls: AtomicUsize,
    answered: AtomicUsize,
    cancelled: AtomicUsize,
}

impl Replica {
    /// A replica that takes `millis` milliseconds to answer.
    pub fn new(name: &'static str, millis: u64) -> Replica {
        Replica {
            name,
            delay: Duration::from_millis(millis),
            calls: AtomicUsize::new(0),
            answered: AtomicUsize::new(0),
            cancelled: AtomicUsize::new(0),
        }
    }

    pub async fn call(&self) -> &'static str {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let in_flight = InFlight {
            replica: self,
            done: false,
        };
        sleep(self.delay).await;
        in_flight.finish();
        self.name
    }

    /// `(calls, answered, cancelled)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        let get = |n: &AtomicUsize| n.load(Ordering::SeqCst);
        (get(&self.calls), get(&self.answered), get(&self.cancelled))
    }
}

/// Notices when a call is dropped before it finished.
struct InFlight<'a> {
    replica: &'a Replica,
    done: bool,
}

impl InFlight<'_> {
    fn finish(mut self) {
        self.done = true;
        self.replica.answered.fetch_add(1, Ordering::SeqCst);
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.replica.cancelled.fetch_add(1, Ordering::SeqCst);
        }
    }
}

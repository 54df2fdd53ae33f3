//! The clock the store reads the time from (support code: you do not need to edit it).
//!
//! The store asks a `Clock` for "now" instead of the wall clock, so the tests can move time
//! forward by exactly as much as they want, at once, without sleeping.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub trait Clock: Send {
    /// Milliseconds since some fixed point in the past.
    fn now_ms(&self) -> u64;
}

/// A clock that moves only when a test says so. Clones share the same time.
#[derive(Clone, Default)]
pub struct FakeClock(Arc<AtomicU64>);

impl FakeClock {
    pub fn at(ms: u64) -> FakeClock {
        FakeClock(Arc::new(AtomicU64::new(ms)))
    }

    pub fn advance(&self, ms: u64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The real clock, for `main` (the tests never use it).
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

//! The clock that code reads the time from (support code: you do not need to edit it).
//!
//! Code that expires things asks a `Clock` for "now" instead of reading the wall clock. In
//! production that is `SystemClock`; in tests it is a `FakeClock` that moves only when the
//! test calls `advance`, so no test waits for time to pass or depends on when it runs.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time, in seconds since the Unix epoch.
pub trait Clock: Send + Sync {
    fn now(&self) -> u64;
}

/// The real clock, for `main` (the tests never use it).
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs())
    }
}

/// A clock that moves only when a test says so. Clones share the same time.
#[derive(Clone, Default)]
pub struct FakeClock(Arc<AtomicU64>);

impl FakeClock {
    pub fn at(secs: u64) -> FakeClock {
        FakeClock(Arc::new(AtomicU64::new(secs)))
    }

    pub fn advance(&self, secs: u64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

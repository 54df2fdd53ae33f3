//! The queue's clock (support code: you do not need to edit it).
//!
//! The queue never reads the wall clock: it asks a `Clock` for the time, in milliseconds.
//! Tests use a `FakeClock` and move it forward with `advance`, so a 30-second visibility
//! timeout takes no time at all.
#![allow(dead_code)]

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub trait Clock: Send + Sync {
    /// Milliseconds since some fixed moment.
    fn now_ms(&self) -> i64;
}

/// The real time, for `main`.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        since.as_millis() as i64
    }
}

/// A clock that moves only when told to.
pub struct FakeClock {
    now_ms: Mutex<i64>,
}

impl FakeClock {
    pub fn new() -> Self {
        FakeClock {
            now_ms: Mutex::new(1_000_000),
        }
    }

    pub fn advance(&self, by: Duration) {
        *self.now_ms.lock().unwrap() += by.as_millis() as i64;
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        *self.now_ms.lock().unwrap()
    }
}

/// A duration in milliseconds, as the queue stores it.
pub fn ms(duration: Duration) -> i64 {
    duration.as_millis() as i64
}

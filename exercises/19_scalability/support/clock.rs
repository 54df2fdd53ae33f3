//! An injected clock: the time since a fixed start. Tests move a `ManualClock` by hand
//! instead of sleeping, so nothing depends on the wall clock.
#![allow(dead_code)]

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the time comes from.
pub trait Clock: Send + Sync {
    /// The time since the clock's start.
    fn now(&self) -> Duration;
}

/// A clock that moves only when told to.
#[derive(Debug, Default)]
pub struct ManualClock(Mutex<Duration>);

impl ManualClock {
    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        *self.0.lock().unwrap()
    }
}

/// The real clock, for `main`.
#[derive(Debug)]
pub struct SystemClock(pub Instant);

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// Seconds as a `Duration`.
pub fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

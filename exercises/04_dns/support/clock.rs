//! An injected clock, for the dns stage's resolver. Code that asks a `Clock` for the time,
//! instead of calling `Instant::now()` itself, can be tested without waiting: the tests hand
//! it a `FakeClock` that stands still until they `advance` it, so checking that a 300-second
//! TTL expires takes microseconds, and gives the same answer on a fast or a slow machine.
//! Production code hands it a `SystemClock`. You don't need to edit it.
#![allow(dead_code)]

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Tells the time as the time elapsed since some fixed start. Only differences between two
/// readings mean anything, which is all a cache needs.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// The real clock: time since it was made.
#[derive(Debug, Clone)]
pub struct SystemClock {
    start: Instant,
}

impl SystemClock {
    pub fn new() -> Self {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }
}

/// A clock for tests: it starts at zero and moves only when told to. Clones share one time,
/// so a test keeps a clone and moves the clock of the code it tests.
#[derive(Debug, Clone, Default)]
pub struct FakeClock {
    now: Rc<Cell<Duration>>,
}

impl FakeClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward by `seconds`.
    pub fn advance(&self, seconds: u64) {
        self.now.set(self.now.get() + Duration::from_secs(seconds));
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        self.now.get()
    }
}

//! An injected clock for the caching stage. A cache that asks a `Clock` for the time, instead
//! of calling `Instant::now()` itself, can be tested without waiting: the tests hand it a
//! `FakeClock` that stands still until they `advance` it, so an hour-long TTL expires in a
//! nanosecond. Production hands it a `SystemClock`. You don't need to edit it.
#![allow(dead_code)]

use std::cell::Cell;
use std::time::{Duration, Instant};

pub trait Clock {
    fn now(&self) -> Instant;
}

/// The real clock, for production.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// Lets a cache borrow a clock that the caller (a test) keeps hold of.
impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> Instant {
        (**self).now()
    }
}

/// A clock for tests: it stands still until told to move.
pub struct FakeClock {
    now: Cell<Instant>,
}

impl FakeClock {
    pub fn new() -> Self {
        // Any instant will do as a starting point: only differences matter.
        FakeClock {
            now: Cell::new(Instant::now()),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.now.get()
    }
}

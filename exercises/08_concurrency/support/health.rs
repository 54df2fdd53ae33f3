//! Upstream health checks for thread1 (support code: you do not need to edit it).
//!
//! A real check sends `GET /healthz` and waits for the answer. Here a check waits instead
//! until every check of its fleet has started (for half a second at most), the way real
//! checks all wait on the network at the same time, and records whether they overlapped.
#![allow(dead_code)]

use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

/// How long a check waits for the rest of its fleet to start.
const PATIENCE: Duration = Duration::from_millis(500);

/// One upstream server to check.
pub struct Upstream {
    pub name: String,
    fleet: Arc<Fleet>,
}

#[derive(Debug)]
pub struct Health {
    pub upstream: String,
    pub up: bool,
    pub checked_on: ThreadId,
    /// Whether every check of the fleet had started before this one ended.
    pub overlapped: bool,
}

/// The upstreams named `names` (a name starting with "down" is down), checked as one fleet.
pub fn fleet(names: &[&str]) -> Vec<Upstream> {
    let fleet = Arc::new(Fleet {
        size: names.len(),
        roll: Mutex::default(),
        changed: Condvar::new(),
    });
    let upstream = |name: &&str| Upstream {
        name: name.to_string(),
        fleet: Arc::clone(&fleet),
    };
    names.iter().map(upstream).collect()
}

struct Fleet {
    size: usize,
    roll: Mutex<Roll>,
    changed: Condvar,
}

#[derive(Default)]
struct Roll {
    started: usize,
    /// A check waited in vain: the checks run one after another.
    gave_up: bool,
}

impl Upstream {
    /// Checks this upstream.
    pub fn check(&self) -> Health {
        let fleet = &*self.fleet;
        let mut roll = fleet.roll.lock().unwrap();
        roll.started += 1;
        fleet.changed.notify_all();
        let waiting = |roll: &mut Roll| roll.started < fleet.size && !roll.gave_up;
        roll = fleet
            .changed
            .wait_timeout_while(roll, PATIENCE, waiting)
            .unwrap()
            .0;
        if roll.started < fleet.size {
            roll.gave_up = true;
        }
        Health {
            upstream: self.name.clone(),
            up: !self.name.starts_with("down"),
            checked_on: thread::current().id(),
            overlapped: !roll.gave_up,
        }
    }
}

//! A shop's stock levels, the source of truth that lagged1's dashboard mirrors (support
//! code: you do not need to edit it).
//!
//! Every change is stored, then published on a broadcast channel as the item's new level
//! (the whole state of that item, not a difference), so a later update of an item makes
//! its earlier ones unnecessary.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// One item's new stock level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockLevel {
    pub item: String,
    pub level: i64,
}

#[derive(Default)]
pub struct Store {
    levels: Mutex<HashMap<String, i64>>,
}

impl Store {
    /// Stores the new level, then publishes it. Never waits for the subscribers.
    pub fn set(&self, updates: &broadcast::Sender<StockLevel>, item: &str, level: i64) {
        self.levels.lock().unwrap().insert(item.to_string(), level);
        let _ = updates.send(StockLevel {
            item: item.to_string(),
            level,
        });
    }

    /// Every item's level, read from the store itself.
    pub fn snapshot(&self) -> HashMap<String, i64> {
        self.levels.lock().unwrap().clone()
    }
}

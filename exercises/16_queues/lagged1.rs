// lagged1: a slow subscriber lags
//
// A broadcast channel keeps the last `capacity` messages, and a publisher never waits: a
// subscriber that reads too slowly finds the oldest overwritten, and its next `recv()`
// returns `Err(RecvError::Lagged(n))`: n messages are gone, and reading goes on from the
// oldest kept. Only `RecvError::Closed` ends the channel. This dashboard mirrors stock levels
// from update messages; after a lag it must reload the store's snapshot (the source of truth).
//
// Fix `Dashboard::follow`: count the missed messages and resync on a lag.

#[path = "support/stock.rs"]
mod stock;

use std::collections::HashMap;
use stock::{StockLevel, Store};
use tokio::sync::broadcast::{self, error::RecvError};

pub struct Dashboard {
    pub levels: HashMap<String, i64>,
    /// How many messages this dashboard never saw.
    pub missed: u64,
}

impl Dashboard {
    pub fn new(store: &Store) -> Self {
        let levels = store.snapshot();
        Dashboard { levels, missed: 0 }
    }

    /// Applies the updates until the channel is closed.
    pub async fn follow(&mut self, updates: &mut broadcast::Receiver<StockLevel>, store: &Store) {
        loop {
            match updates.recv().await {
                Ok(update) => {
                    self.levels.insert(update.item, update.level);
                }
                // TODO: `Lagged(n)` is not the end: add n to `self.missed`, reload the levels
                // from `store.snapshot()`, and keep reading. Only `Closed` ends the loop.
                Err(RecvError::Lagged(_) | RecvError::Closed) => return,
            }
        }
    }
}

/// Publishes `changes` on a channel that keeps 4 messages while a new dashboard is busy,
/// then closes it and lets the dashboard follow. Gives it back, with the store's levels.
async fn replay(changes: &[(&str, i64)]) -> (Dashboard, HashMap<String, i64>) {
    let (store, (sender, mut updates)) = (Store::default(), broadcast::channel(4));
    let mut dashboard = Dashboard::new(&store);
    changes
        .iter()
        .for_each(|&(item, level)| store.set(&sender, item, level));
    drop(sender);
    dashboard.follow(&mut updates, &store).await;
    (dashboard, store.snapshot())
}

#[tokio::main]
async fn main() {
    let (dashboard, truth) = replay(&[("apple", 3), ("pear", 1), ("pear", 2)]).await;
    println!(
        "missed {}: {:?}, truth {truth:?}",
        dashboard.missed, dashboard.levels
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_dashboard_that_keeps_up_sees_every_update() {
        let (dashboard, truth) = replay(&[("apple", 3), ("pear", 5)]).await;
        assert_eq!(dashboard.levels, truth, "two updates fit in the channel");
        assert_eq!(dashboard.missed, 0, "nothing was overwritten");
    }

    #[tokio::test]
    async fn a_dashboard_that_lagged_resyncs_from_the_store() {
        let pears = (1..=9).map(|level| ("pear", level));
        let changes: Vec<_> = std::iter::once(("apple", 3)).chain(pears).collect();
        let (dashboard, truth) = replay(&changes).await;
        assert_eq!(dashboard.missed, 6, "RecvError::Lagged(6): 10 sent, 4 kept");
        let why = "the apple update was overwritten before the dashboard read it; after a lag, \
                   reload the snapshot and keep reading (a lag is not the end of the channel)";
        assert_eq!(dashboard.levels, truth, "{why}");
    }
}

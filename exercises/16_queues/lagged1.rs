// lagged1: a slow subscriber lags
//
// A broadcast channel keeps the last `capacity` messages. A publisher never waits for its
// subscribers, so a subscriber that reads too slowly falls behind, and the oldest messages
// are overwritten before it reads them. Its next `recv()` then returns
// `Err(RecvError::Lagged(n))`: n messages are gone, and reading goes on from the oldest
// one still kept. The channel is not closed; only `RecvError::Closed` means that.
//
// Whoever lags must not carry on as if nothing was lost. This dashboard mirrors stock
// levels from update messages; after a lag, some updates never arrived, so it reloads the
// store's snapshot (the source of truth) and then goes on reading.
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
        Dashboard {
            levels: store.snapshot(),
            missed: 0,
        }
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

#[tokio::main]
async fn main() {
    let store = Store::default();
    let (sender, mut updates) = broadcast::channel(4);
    let mut dashboard = Dashboard::new(&store);
    for level in 0..10 {
        store.set(&sender, "pear", level);
    }
    drop(sender);
    dashboard.follow(&mut updates, &store).await;
    println!("missed {}, levels {:?}", dashboard.missed, dashboard.levels);
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::broadcast::error::TryRecvError;

    #[tokio::test]
    async fn a_dashboard_that_keeps_up_sees_every_update() {
        let store = Store::default();
        let (sender, mut updates) = broadcast::channel(4);
        let mut dashboard = Dashboard::new(&store);
        store.set(&sender, "apple", 3);
        store.set(&sender, "pear", 5);
        drop(sender);
        dashboard.follow(&mut updates, &store).await;
        assert_eq!(
            dashboard.levels,
            store.snapshot(),
            "two updates fit in the channel"
        );
        assert_eq!(dashboard.missed, 0, "nothing was overwritten");
    }

    #[tokio::test]
    async fn a_dashboard_that_lagged_resyncs_from_the_store() {
        let store = Store::default();
        let (sender, mut updates) = broadcast::channel(4);
        let mut dashboard = Dashboard::new(&store);
        // The dashboard is busy while 10 updates go out; the channel keeps the last 4.
        store.set(&sender, "apple", 3);
        for level in 1..=9 {
            store.set(&sender, "pear", level);
        }
        drop(sender);
        dashboard.follow(&mut updates, &store).await;
        assert_eq!(dashboard.missed, 6, "RecvError::Lagged(6): 10 sent, 4 kept");
        assert_eq!(
            dashboard.levels,
            store.snapshot(),
            "the apple update was overwritten before the dashboard read it; after a lag, \
             reload the snapshot and keep reading (a lag is not the end of the channel)"
        );
    }

    #[test]
    fn a_slow_subscriber_never_slows_the_publisher() {
        let store = Store::default();
        let (sender, mut updates) = broadcast::channel(4);
        for level in 0..1000 {
            store.set(&sender, "pear", level); // Never blocks, though nobody reads.
        }
        let lag = updates.try_recv().map(|update| update.level);
        assert_eq!(
            lag,
            Err(TryRecvError::Lagged(996)),
            "the channel kept only the last 4"
        );
        let next = updates.try_recv().map(|update| update.level);
        assert_eq!(
            next,
            Ok(996),
            "after the lag, reading goes on with the oldest kept"
        );
    }
}

// pubsub1: publish/subscribe with a broadcast channel
//
// A queue hands each job to one consumer. Pub/sub hands each message to every subscriber
// of its topic: the search indexer, the mailer and the dashboard all hear "order placed".
// In one process, `tokio::sync::broadcast` does this: one `Sender` per topic, and each
// `subscribe()` on it gives a new `Receiver` that gets every message sent after it
// subscribed. Pub/sub is fire and forget: a message nobody listens to is gone.
//
// Fix `Bus::subscribe`: all the subscribers of a topic must share its one channel.

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// How many messages a channel keeps for a subscriber that has not read them yet.
const CAPACITY: usize = 16;

#[derive(Default)]
pub struct Bus {
    topics: Mutex<HashMap<String, broadcast::Sender<String>>>,
}

impl Bus {
    pub fn subscribe(&self, topic: &str) -> broadcast::Receiver<String> {
        let mut topics = self.topics.lock().unwrap();
        let sender = topics.entry(topic.to_string());
        let sender = sender.or_insert_with(|| broadcast::channel(CAPACITY).0);
        sender.subscribe()
    }

    /// Sends `message` to the topic's subscribers; returns how many there were. With none,
    /// `send` returns an error and the message is dropped: for pub/sub, that is normal.
    pub fn publish(&self, topic: &str, message: &str) -> usize {
        let topics = self.topics.lock().unwrap();
        let sender = topics.get(topic);
        sender.map_or(0, |s| s.send(message.to_string()).unwrap_or(0))
    }
}

#[tokio::main]
async fn main() {
    let bus = Bus::default();
    let mut mailer = bus.subscribe("orders");
    let mut search = bus.subscribe("orders");
    println!("delivered to {}", bus.publish("orders", "order 1 placed"));
    println!("mailer: {:?}", mailer.recv().await);
    println!("search: {:?}", search.recv().await);
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadcast::error::RecvError;

    /// Reads a subscriber's messages until the channel is closed.
    async fn read_all(mut rx: broadcast::Receiver<String>) -> Vec<String> {
        let mut got = Vec::new();
        loop {
            match rx.recv().await {
                Ok(message) => got.push(message),
                Err(RecvError::Closed) => return got,
                Err(RecvError::Lagged(n)) => panic!("lagged by {n}: no test sends that much"),
            }
        }
    }

    #[tokio::test]
    async fn every_subscriber_gets_every_message() {
        let bus = Bus::default();
        let subscribers: Vec<_> = (0..3).map(|_| bus.subscribe("orders")).collect();
        let tasks: Vec<_> = subscribers
            .into_iter()
            .map(|rx| tokio::spawn(read_all(rx)))
            .collect();
        let reached = bus.publish("orders", "order 1 placed");
        bus.publish("orders", "order 2 placed");
        drop(bus); // The senders go, so each subscriber's loop ends.
        assert_eq!(reached, 3, "three subscribers share the topic's channel");
        for task in tasks {
            assert_eq!(
                task.await.unwrap(),
                ["order 1 placed", "order 2 placed"],
                "every subscriber gets every message, in order; an earlier subscriber whose \
                 channel was replaced hears nothing"
            );
        }
    }

    #[tokio::test]
    async fn topics_are_separate() {
        let bus = Bus::default();
        let (orders, payments) = (bus.subscribe("orders"), bus.subscribe("payments"));
        bus.publish("orders", "order 1 placed");
        drop(bus);
        let got = (read_all(orders).await, read_all(payments).await);
        let want = (vec!["order 1 placed".to_string()], vec![]);
        assert_eq!(got, want, "a subscriber hears only its own topic");
    }

    #[tokio::test]
    async fn a_message_nobody_hears_is_gone() {
        let bus = Bus::default();
        let reached = bus.publish("orders", "order 1 placed");
        assert_eq!(
            reached, 0,
            "nobody subscribed: publishing is still not an error"
        );
        let late = bus.subscribe("orders");
        bus.publish("orders", "order 2 placed");
        drop(bus);
        let got = read_all(late).await;
        assert_eq!(
            got,
            ["order 2 placed"],
            "a subscriber hears only what is sent after it joined"
        );
    }
}

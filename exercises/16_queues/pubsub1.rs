// pubsub1: publish/subscribe with a broadcast channel
//
// A queue hands each job to one consumer; pub/sub hands each message to every subscriber of
// its topic: the search indexer, the mailer and the dashboard all hear "order placed". In one
// process, `tokio::sync::broadcast` does it: one `Sender` per topic, and each `subscribe()`
// on it gives a `Receiver` of every message sent after that. A message nobody hears is gone.
//
// Fix `Bus::subscribe`: all the subscribers of a topic must share its one channel.

#[path = "support/subscriber.rs"]
mod subscriber;

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
        // TODO: this makes a new channel for every subscriber, and replaces the topic's
        // sender, so earlier subscribers hear nothing more. Reuse the topic's sender if
        // there is one (`entry(...).or_insert_with(...)`) and subscribe to it.
        let (sender, receiver) = broadcast::channel(CAPACITY);
        topics.insert(topic.to_string(), sender);
        receiver
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
    let (mailer, _search) = (bus.subscribe("orders"), bus.subscribe("orders"));
    println!("delivered to {}", bus.publish("orders", "order 1 placed"));
    drop(bus);
    println!("the mailer heard {:?}", subscriber::read_all(mailer).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use subscriber::read_all;

    #[tokio::test]
    async fn every_subscriber_gets_every_message() {
        let bus = Bus::default();
        let subscribers: Vec<_> = (0..3).map(|_| bus.subscribe("orders")).collect();
        let reached = bus.publish("orders", "order 1 placed");
        bus.publish("orders", "order 2 placed");
        drop(bus); // The senders go, so each subscriber's reading ends.
        assert_eq!(reached, 3, "three subscribers share the topic's channel");
        for rx in subscribers {
            let why = "every subscriber gets every message, in order (one whose channel was \
                       replaced hears nothing)";
            assert_eq!(
                read_all(rx).await,
                ["order 1 placed", "order 2 placed"],
                "{why}"
            );
        }
    }

    #[tokio::test]
    async fn topics_are_separate_and_late_subscribers_hear_only_what_follows() {
        let bus = Bus::default();
        let orders = bus.subscribe("orders");
        let reached = bus.publish("payments", "paid 1");
        assert_eq!(reached, 0, "nobody heard: still not an error");
        let payments = bus.subscribe("payments");
        bus.publish("orders", "order 1 placed");
        bus.publish("payments", "paid 2");
        drop(bus);
        let got = [read_all(orders).await, read_all(payments).await];
        let why = "a subscriber hears only its own topic, from when it subscribed";
        assert_eq!(got, [vec!["order 1 placed"], vec!["paid 2"]], "{why}");
    }
}

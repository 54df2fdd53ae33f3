// sse_cleanup1: subscribers that leave
//
// Each SSE client is a subscriber in the server's registry: a channel the publisher writes
// into. When a client goes away (tab closed, network gone), axum drops the response's
// stream. Anything the stream owns is dropped with it, so a guard inside the stream whose
// `Drop` removes the subscriber keeps the registry honest. Without it, every client that
// ever connected stays registered, and memory and publishing work grow without end.
//
// A subscriber can also be too slow: its buffer fills up because it reads less than the
// server publishes. Waiting for it would hold up everybody; buffering without a limit would
// eat the server's memory. The usual answer is to drop it: its stream ends, and the client
// reconnects (with `Last-Event-ID`, to resume).
//
// Remove the subscriber in `Drop for Subscription`, and make `publish` drop every subscriber
// it cannot deliver to.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/sse_client.rs"]
mod sse_client;

use axum::Router;
use axum::extract::State;
use axum::response::sse::{Event, Sse};
use axum::routing::get;
use futures_util::Stream;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// How many messages a subscriber may have waiting before it counts as too slow.
const BUFFER: usize = 8;

#[derive(Default)]
struct Registry {
    last_id: u64,
    subscribers: HashMap<u64, mpsc::Sender<String>>,
}

type SharedRegistry = Arc<Mutex<Registry>>;

/// Lives inside a subscriber's stream, and is dropped with it.
struct Subscription {
    id: u64,
    registry: SharedRegistry,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.registry.lock().unwrap().subscribers.remove(&self.id);
    }
}

/// Sends `text` to every subscriber, without ever waiting for one.
fn publish(registry: &SharedRegistry, text: &str) {
    let mut registry = registry.lock().unwrap();
    registry
        .subscribers
        .retain(|_, sender| sender.try_send(text.to_string()).is_ok());
}

async fn subscribe(
    State(registry): State<SharedRegistry>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let (sender, receiver) = mpsc::channel(BUFFER);
    let subscription = {
        let mut locked = registry.lock().unwrap();
        locked.last_id += 1;
        let id = locked.last_id;
        locked.subscribers.insert(id, sender);
        Subscription {
            id,
            registry: registry.clone(),
        }
    };
    // The stream owns the receiver and the subscription; it ends when the sender is gone.
    let events = futures_util::stream::unfold(
        (receiver, subscription),
        |(mut receiver, subscription)| async move {
            let text = receiver.recv().await?;
            Some((Ok(Event::default().data(text)), (receiver, subscription)))
        },
    );
    Sse::new(events)
}

fn app(registry: SharedRegistry) -> Router {
    Router::new()
        .route("/events", get(subscribe))
        .with_state(registry)
}

#[tokio::main]
async fn main() {
    let registry = SharedRegistry::default();
    let addr = serve::spawn(app(registry.clone())).await;
    println!("try: curl -N http://{addr}/events (and stop it with Ctrl-C)");
    loop {
        publish(&registry, "tick");
        let count = registry.lock().unwrap().subscribers.len();
        println!("{count} subscriber(s)");
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use sse_client::FrameReader;
    use tower::ServiceExt;

    async fn connect(registry: &SharedRegistry) -> FrameReader {
        let request = Request::get("/events").body(Body::empty()).unwrap();
        let response = app(registry.clone()).oneshot(request).await.unwrap();
        FrameReader::new(response.into_body())
    }

    fn count(registry: &SharedRegistry) -> usize {
        registry.lock().unwrap().subscribers.len()
    }

    // The clock is paused, so waiting for an event that never comes fails at once.
    #[tokio::test(start_paused = true)]
    async fn a_client_that_disconnects_leaves_the_registry() {
        let registry = SharedRegistry::default();
        let alice = connect(&registry).await;
        let mut bob = connect(&registry).await;
        assert_eq!(count(&registry), 2, "two clients are connected");

        // Alice closes the tab: her response body, and the stream in it, are dropped.
        drop(alice);
        assert_eq!(
            count(&registry),
            1,
            "a client that disconnected must leave the registry (when its stream is dropped)"
        );
        publish(&registry, "still here?");
        let event = bob.next_event().await.unwrap();
        assert_eq!(
            event.data.as_deref(),
            Some("still here?"),
            "Bob still gets events"
        );

        drop(bob);
        assert_eq!(count(&registry), 0, "nobody is connected any more");
    }

    #[tokio::test(start_paused = true)]
    async fn a_subscriber_too_slow_to_keep_up_is_dropped() {
        let registry = SharedRegistry::default();
        let mut slow = connect(&registry).await;
        let mut fast = connect(&registry).await;
        for n in 1..=BUFFER + 1 {
            publish(&registry, &format!("update {n}"));
            let event = fast.next_event().await.unwrap();
            assert_eq!(
                event.data,
                Some(format!("update {n}")),
                "a client that keeps up gets every update"
            );
        }
        assert_eq!(
            count(&registry),
            1,
            "the slow client's buffer of {BUFFER} overflowed: publish must drop it rather than skip messages silently"
        );
        // The slow client still reads what was buffered for it, then its stream ends, so
        // that it reconnects instead of waiting forever.
        for n in 1..=BUFFER {
            let event = slow.next_event().await.unwrap();
            assert_eq!(
                event.data,
                Some(format!("update {n}")),
                "the buffered updates"
            );
        }
        let end = slow.next_frame().await;
        assert_eq!(
            end,
            Ok(None),
            "a dropped subscriber's stream must end, so the client knows to reconnect"
        );
    }
}

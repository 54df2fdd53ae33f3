// sse_resume1: resuming with Last-Event-ID
//
// Connections drop: a phone changes networks, a proxy restarts. A browser's `EventSource`
// reconnects by itself, and sends the id of the last event it received in the
// `Last-Event-ID` header. A server that keeps the recent events can then replay exactly what
// the client missed, and the client never notices the gap.
//
// The history must be bounded, or it grows forever: keep the last HISTORY events. A client
// that was away longer gets what is left (a real feed would also tell it that it missed
// some, so it can reload). A client without the header, or with an id the server cannot
// read, is a new client: it gets only the events published from now on.
//
// Keep the history bounded in `publish`, and write `missed`.

#[path = "support/feed.rs"]
mod feed;
#[path = "support/live.rs"]
mod live;
#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/sse_client.rs"]
mod sse_client;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, Sse};
use axum::routing::get;
use feed::{Message, SharedFeed, new_feed};
use futures_util::{Stream, StreamExt};
use std::collections::VecDeque;
use std::convert::Infallible;

const HISTORY: usize = 4;

/// Publishes `data` under the next id: into the history, then to the live subscribers.
fn publish(feed: &SharedFeed, data: &str) {
    let mut feed = feed.lock().unwrap();
    feed.last_id += 1;
    let message = Message {
        id: feed.last_id,
        data: data.to_string(),
    };
    if feed.history.len() == HISTORY {
        feed.history.pop_front();
    }
    feed.history.push_back(message.clone());
    let _ = feed.live.send(message);
}

/// The events of `history` that a client whose `Last-Event-ID` is `last_event_id` has not
/// seen, oldest first. No header, or one that is not a number: nothing.
fn missed(history: &VecDeque<Message>, last_event_id: Option<&HeaderValue>) -> Vec<Message> {
    let last_seen = last_event_id
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    match last_seen {
        Some(last_seen) => history
            .iter()
            .filter(|m| m.id > last_seen)
            .cloned()
            .collect(),
        None => Vec::new(),
    }
}

async fn subscribe(
    State(feed): State<SharedFeed>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // One lock for both, so no event falls between the replay and the live stream.
    let (replay, live) = {
        let feed = feed.lock().unwrap();
        let replay = missed(&feed.history, headers.get("last-event-id"));
        (replay, feed.live.subscribe())
    };
    let messages = futures_util::stream::iter(replay).chain(live::stream(live));
    Sse::new(messages.map(|m| Ok(Event::default().id(m.id.to_string()).data(m.data))))
}

fn app(feed: SharedFeed) -> Router {
    Router::new()
        .route("/events", get(subscribe))
        .with_state(feed)
}

#[tokio::main]
async fn main() {
    let feed = new_feed();
    let addr = serve::spawn(app(feed.clone())).await;
    println!("try: curl -N -H 'Last-Event-ID: 3' http://{addr}/events");
    loop {
        publish(&feed, "tick");
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

    async fn connect(feed: &SharedFeed, last_event_id: Option<&str>) -> FrameReader {
        let mut request = Request::get("/events");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = app(feed.clone())
            .oneshot(request.body(Body::empty()).unwrap())
            .await;
        FrameReader::new(response.unwrap().into_body())
    }

    /// The ids of the next `count` events, or of those that came before the stream went
    /// quiet.
    async fn next_ids(reader: &mut FrameReader, count: usize) -> Vec<String> {
        let mut ids = Vec::new();
        while ids.len() < count {
            match reader.next_event().await {
                Ok(event) => ids.push(event.id.unwrap_or_default()),
                Err(_) => break,
            }
        }
        ids
    }

    // The clock is paused, so waiting for an event that never comes fails at once.
    #[tokio::test(start_paused = true)]
    async fn a_returning_client_gets_what_it_missed_then_the_live_events() {
        let feed = new_feed();
        for data in ["one", "two", "three"] {
            publish(&feed, data);
        }
        let mut reader = connect(&feed, Some("1")).await;
        publish(&feed, "four");
        assert_eq!(
            next_ids(&mut reader, 3).await,
            ["2", "3", "4"],
            "with `Last-Event-ID: 1` the client missed 2 and 3: replay them, then go on live"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_history_keeps_only_the_last_events() {
        let feed = new_feed();
        for n in 1..=10 {
            publish(&feed, &format!("event {n}"));
        }
        let kept: Vec<u64> = feed.lock().unwrap().history.iter().map(|m| m.id).collect();
        assert_eq!(
            kept,
            [7, 8, 9, 10],
            "the history must keep the last {HISTORY} events, or it grows without end"
        );
        let mut reader = connect(&feed, Some("2")).await;
        publish(&feed, "event 11");
        assert_eq!(
            next_ids(&mut reader, 5).await,
            ["7", "8", "9", "10", "11"],
            "a client away longer than the history gets what is left, then the live events"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn new_clients_and_unreadable_ids_get_no_replay() {
        let feed = new_feed();
        publish(&feed, "one");
        publish(&feed, "two");
        let history = feed.lock().unwrap().history.clone();
        assert!(
            missed(&history, None).is_empty(),
            "a client without Last-Event-ID is new: it gets no replay"
        );
        let garbage = HeaderValue::from_static("not-a-number");
        assert!(
            missed(&history, Some(&garbage)).is_empty(),
            "an id the server cannot read means a new client: no replay"
        );
        let padded = HeaderValue::from_static(" 1 ");
        let ids: Vec<u64> = missed(&history, Some(&padded))
            .iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(
            ids,
            [2],
            "`Last-Event-ID:  1 ` (with spaces) means the client saw 1"
        );
    }
}

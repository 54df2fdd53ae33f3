// sse2: an SSE endpoint with axum
//
// axum writes the event-stream format for you: a handler returns `Sse::new(stream)`, where
// each item of the stream is an `Event` built with `Event::default().id(..).event(..)
// .data(..)` (data with several lines becomes several `data:` lines). Here the events come
// from a `tokio::sync::broadcast` channel, so every subscriber gets every message published
// after it connected.
//
// A quiet stream has a problem: proxies and load balancers close connections that have been
// idle for a while (often 30 to 60 seconds), and the server does not notice a client that
// went away until it writes something. So an SSE server sends a comment (a line starting
// with `:`, which browsers ignore) whenever nothing else was sent for a while:
// `.keep_alive(KeepAlive::new().interval(..).text(..))`.
//
// Build each message's event with its id, name and data, and add a keep-alive comment
// `: keep-alive` after 15 seconds of silence.

#[path = "support/live.rs"]
mod live;
#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/sse_client.rs"]
mod sse_client;

use axum::Router;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast;

const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Clone, Debug)]
struct Message {
    id: u64,
    kind: &'static str,
    data: String,
}

/// The SSE event for one message.
fn to_event(message: &Message) -> Event {
    Event::default()
        .id(message.id.to_string())
        .event(message.kind)
        .data(&message.data)
}

async fn subscribe(
    State(hub): State<broadcast::Sender<Message>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = live::stream(hub.subscribe()).map(|message| Ok(to_event(&message)));
    Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive"))
}

fn app(hub: broadcast::Sender<Message>) -> Router {
    Router::new()
        .route("/events", get(subscribe))
        .with_state(hub)
}

#[tokio::main]
async fn main() {
    let (hub, _) = broadcast::channel(16);
    let addr = serve::spawn(app(hub.clone())).await;
    println!("try: curl -N http://{addr}/events");
    for id in 1.. {
        let message = Message {
            id,
            kind: "tick",
            data: format!("tick {id}"),
        };
        let _ = hub.send(message);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use sse_client::FrameReader;
    use tokio::time::Instant;
    use tower::ServiceExt;

    /// Connects a subscriber (in process, no socket) and returns a reader of its stream.
    async fn connect(hub: &broadcast::Sender<Message>) -> FrameReader {
        let request = Request::get("/events").body(Body::empty()).unwrap();
        let response = app(hub.clone()).oneshot(request).await.unwrap();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(
            content_type, "text/event-stream",
            "axum's Sse sets the content type"
        );
        FrameReader::new(response.into_body())
    }

    fn publish(hub: &broadcast::Sender<Message>, id: u64, kind: &'static str, data: &str) {
        hub.send(Message {
            id,
            kind,
            data: data.to_string(),
        })
        .expect("a subscriber is connected");
    }

    #[tokio::test(start_paused = true)]
    async fn every_subscriber_gets_id_name_and_data() {
        let (hub, _) = broadcast::channel(16);
        let mut alice = connect(&hub).await;
        let mut bob = connect(&hub).await;
        publish(&hub, 41, "price", "4200");
        publish(&hub, 42, "news", "Ferris ships 1.0\nCrabs rejoice");
        for reader in [&mut alice, &mut bob] {
            let first = reader.next_event().await.unwrap();
            assert_eq!(
                (
                    first.id.as_deref(),
                    first.event.as_deref(),
                    first.data.as_deref()
                ),
                (Some("41"), Some("price"), Some("4200")),
                "the event must carry the message's id (for resuming), its kind as the event name (for addEventListener) and its data"
            );
            let second = reader.next_event().await.unwrap();
            assert_eq!(
                (
                    second.id.as_deref(),
                    second.event.as_deref(),
                    second.data.as_deref()
                ),
                (
                    Some("42"),
                    Some("news"),
                    Some("Ferris ships 1.0\nCrabs rejoice")
                ),
                "the second event must carry id 42, the name `news` and both lines of data"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_stream_sends_a_keep_alive_comment_every_15_s() {
        let (hub, _) = broadcast::channel(16);
        let mut reader = connect(&hub).await;
        // The clock is paused: tokio jumps to the next timer instead of waiting for it.
        reader.patience = Duration::from_secs(120);
        let start = Instant::now();
        let frame = reader.next_frame().await.unwrap_or_else(|err| {
            panic!("a silent stream must send a keep-alive comment after 15 s, but: {err}")
        });
        let frame = frame.expect("the stream ended");
        assert_eq!(
            frame, ": keep-alive\n\n",
            "after 15 s of silence the stream must carry the comment `: keep-alive`"
        );
        assert_eq!(
            start.elapsed(),
            KEEP_ALIVE,
            "the keep-alive comes after 15 s of silence, not sooner or later"
        );

        // An event resets the timer: the next keep-alive is 15 s after the event.
        tokio::time::advance(Duration::from_secs(10)).await;
        publish(&hub, 1, "price", "4200");
        let event = reader.next_event().await.unwrap();
        assert_eq!(
            event.data.as_deref(),
            Some("4200"),
            "the event itself must arrive"
        );
        let after_event = Instant::now();
        let frame = reader
            .next_frame()
            .await
            .unwrap()
            .expect("the stream ended");
        assert_eq!(
            frame, ": keep-alive\n\n",
            "another keep-alive comment was expected"
        );
        assert_eq!(
            after_event.elapsed(),
            KEEP_ALIVE,
            "keep-alives fill silences: the next one comes 15 s after the last event"
        );
    }
}

//! The event stream of sse1 (support code: you do not need to edit it): three messages,
//! written with the exercise's `frame` into one `text/event-stream` response, and the test
//! that reads that response off a real socket the way a browser would.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use std::convert::Infallible;

pub struct Message {
    pub id: u64,
    pub event: &'static str,
    pub data: String,
}

impl Message {
    pub fn new(id: u64, event: &'static str, data: &str) -> Message {
        Message {
            id,
            event,
            data: data.to_string(),
        }
    }
}

/// What `/events` sends: a price, a news item of two lines, and a price with empty data.
pub fn messages() -> Vec<Message> {
    vec![
        Message::new(1, "price", r#"{"symbol":"RUST","cents":4200}"#),
        Message::new(2, "news", "Ferris ships 1.0\nCrabs rejoice"),
        Message::new(3, "price", ""),
    ]
}

/// An app with `GET /events`: every message, each written with `frame`, then the end of the
/// response (a real feed would stay open).
pub fn app(frame: fn(&Message) -> String) -> Router {
    let events = move || async move {
        let frames: Vec<_> = messages()
            .iter()
            .map(frame)
            .map(Ok::<_, Infallible>)
            .collect();
        let body = Body::from_stream(futures_util::stream::iter(frames));
        let headers = [
            (CONTENT_TYPE, "text/event-stream"),
            (CACHE_CONTROL, "no-cache"),
        ];
        (headers, body).into_response()
    };
    Router::new().route("/events", get(events))
}

/// Serves `app(frame)` on a real socket, reads `/events` whole, and checks what a browser
/// would see in it.
#[cfg(test)]
pub async fn check_the_wire(frame: fn(&Message) -> String) {
    use crate::sse_client::{Parsed, parse, raw_get};
    let addr = crate::serve::spawn(app(frame)).await;
    let (head, body) = raw_get(addr, "/events").await;
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "an SSE response says `Content-Type: text/event-stream`; the head was:\n{head}"
    );
    let frames: Vec<&str> = body.split_inclusive("\n\n").collect();
    assert_eq!(
        frames.len(),
        3,
        "three events, each ended by a blank line, were expected in the body:\n{body}"
    );
    let parsed: Vec<Parsed> = frames.iter().map(|frame| parse(frame)).collect();
    let ids: Vec<Option<&str>> = parsed.iter().map(|p| p.id.as_deref()).collect();
    assert_eq!(
        ids,
        [Some("1"), Some("2"), Some("3")],
        "each event carries its id:\n{body}"
    );
    let names: Vec<Option<&str>> = parsed.iter().map(|p| p.event.as_deref()).collect();
    assert_eq!(
        names,
        [Some("price"), Some("news"), Some("price")],
        "each event carries its name:\n{body}"
    );
    assert_eq!(
        parsed[1].data.as_deref(),
        Some("Ferris ships 1.0\nCrabs rejoice"),
        "the browser must get the two lines of the news back:\n{body}"
    );
}

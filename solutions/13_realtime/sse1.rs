// sse1: the text/event-stream format
//
// Server-Sent Events (SSE) keep one HTTP response open and write events into it as they
// happen. The response has `Content-Type: text/event-stream`, and its body is plain text:
// each event is a few `field: value` lines followed by a blank line, for example
//
//     id: 7
//     event: price
//     data: {"symbol":"RUST","cents":4200}
//
// `id` lets a reconnecting browser say where it stopped, `event` picks the listener
// (`addEventListener("price", ...)`), and `data` is the payload. A value cannot contain a
// newline, so data with several lines is sent as several `data:` lines, which the browser
// joins back with `\n`. The blank line is what makes the browser dispatch the event.
//
// `frame` writes only the data line, and without the blank line the browser never sees an
// event. Write the whole frame.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/sse_client.rs"]
mod sse_client;

use axum::Router;
use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use std::convert::Infallible;

struct Message {
    id: u64,
    event: &'static str,
    data: String,
}

/// One event in the text/event-stream format: `id`, `event`, one `data:` line per line of
/// `data`, and the blank line that ends the event.
fn frame(message: &Message) -> String {
    let mut frame = format!("id: {}\nevent: {}\n", message.id, message.event);
    for line in message.data.split('\n') {
        frame.push_str("data: ");
        frame.push_str(line);
        frame.push('\n');
    }
    frame.push('\n');
    frame
}

fn messages() -> Vec<Message> {
    vec![
        Message {
            id: 1,
            event: "price",
            data: r#"{"symbol":"RUST","cents":4200}"#.into(),
        },
        Message {
            id: 2,
            event: "news",
            data: "Ferris ships 1.0\nCrabs rejoice".into(),
        },
        Message {
            id: 3,
            event: "price",
            data: String::new(),
        },
    ]
}

/// The whole stream at once, then the end of the response (a real feed would stay open).
async fn events() -> impl IntoResponse {
    let frames = messages()
        .iter()
        .map(frame)
        .map(Ok::<_, Infallible>)
        .collect::<Vec<_>>();
    let body = Body::from_stream(futures_util::stream::iter(frames));
    (
        [
            (CONTENT_TYPE, "text/event-stream"),
            (CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}

fn app() -> Router {
    Router::new().route("/events", get(events))
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(app()).await;
    println!("try: curl -N http://{addr}/events");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use sse_client::{Parsed, parse, raw_get};

    #[test]
    fn a_frame_has_id_event_data_and_a_blank_line() {
        let message = Message {
            id: 7,
            event: "price",
            data: "42".into(),
        };
        assert_eq!(
            frame(&message),
            "id: 7\nevent: price\ndata: 42\n\n",
            "an event is `field: value` lines (id, event, data), ended by a blank line"
        );
    }

    #[test]
    fn multi_line_data_becomes_several_data_lines() {
        let message = Message {
            id: 2,
            event: "news",
            data: "line one\nline two".into(),
        };
        let text = frame(&message);
        assert_eq!(
            text, "id: 2\nevent: news\ndata: line one\ndata: line two\n\n",
            "a newline inside a value would end the field, so each line of data gets its own `data:` line"
        );
        let parsed = parse(&text);
        assert_eq!(
            parsed.data.as_deref(),
            Some("line one\nline two"),
            "a browser joins the data lines back with \\n"
        );
    }

    #[test]
    fn empty_data_still_makes_an_event() {
        let message = Message {
            id: 3,
            event: "price",
            data: String::new(),
        };
        let parsed = parse(&frame(&message));
        assert_eq!(
            parsed.data.as_deref(),
            Some(""),
            "without any `data:` line a browser dispatches nothing: empty data is one empty `data:` line (got {:?})",
            frame(&message)
        );
    }

    #[tokio::test]
    async fn the_server_streams_every_event_over_the_wire() {
        let addr = serve::spawn(app()).await;
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
}

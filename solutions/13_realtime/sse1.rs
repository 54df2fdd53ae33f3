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
// joins back with `\n`. The blank line is what makes the browser dispatch the event:
// `frame` writes only the data line, so the browser never sees one. Write the whole frame.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/sse_client.rs"]
mod sse_client;
#[path = "support/stream.rs"]
mod stream;
use stream::Message;

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

#[tokio::main]
async fn main() {
    let addr = serve::spawn(stream::app(frame)).await;
    println!("try: curl -N http://{addr}/events");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use sse_client::parse;

    #[test]
    fn a_frame_has_id_event_data_and_a_blank_line() {
        let text = frame(&Message::new(7, "price", "42"));
        let why = "an event is `field: value` lines (id, event, data), ended by a blank line";
        assert_eq!(text, "id: 7\nevent: price\ndata: 42\n\n", "{why}");
    }

    #[test]
    fn multi_line_data_becomes_several_data_lines() {
        let text = frame(&Message::new(2, "news", "line one\nline two"));
        let why = "a newline inside a value would end the field, so each line of data gets its own `data:` line";
        let want = "id: 2\nevent: news\ndata: line one\ndata: line two\n\n";
        assert_eq!(text, want, "{why}");
        let data = parse(&text).data;
        let why = "a browser joins the data lines back with \\n";
        assert_eq!(data.as_deref(), Some("line one\nline two"), "{why}");
    }

    #[test]
    fn empty_data_still_makes_an_event() {
        let text = frame(&Message::new(3, "price", ""));
        let why = "without any `data:` line a browser dispatches nothing: empty data is one empty `data:` line";
        let data = parse(&text).data;
        assert_eq!(data.as_deref(), Some(""), "{why} (got {text:?})");
    }

    #[tokio::test]
    async fn the_server_streams_every_event_over_the_wire() {
        stream::check_the_wire(frame).await;
    }
}

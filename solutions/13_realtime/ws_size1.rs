// ws_size1: refusing an oversized message with close code 1009
//
// A WebSocket message can be as big as the client likes, and the server holds a whole one
// in memory before it hands it to you. So a WebSocket server needs a limit, and a way to
// tell the client why it is disconnected: the close frame's code 1009 ("message too big",
// `close_code::SIZE` in axum). Here, `max_message_size` on the upgrade is the library's hard
// cap (a message over it breaks the connection while it is read, before it is buffered);
// under it, the application's own limit, MAX_MESSAGE, is enforced in the loop, where a close
// frame can still be sent. The server answers each text in upper case: close with code 1009
// and a short reason when a text is over MAX_MESSAGE bytes, instead of answering it.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::{Router, routing::get};

/// The largest text message the application answers, in bytes.
const MAX_MESSAGE: usize = 4 * 1024;

async fn shout(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        if let Message::Text(text) = message {
            if text.len() > MAX_MESSAGE {
                let reason = format!("message too big: the limit is {MAX_MESSAGE} bytes");
                let frame = CloseFrame {
                    code: close_code::SIZE,
                    reason: reason.into(),
                };
                let _ = socket.send(Message::Close(Some(frame))).await;
                // Keep reading: the client's answering close frame ends the loop.
                continue;
            }
            let reply = text.to_uppercase();
            if socket.send(Message::text(reply)).await.is_err() {
                return;
            }
        }
    }
}

fn app() -> Router {
    let upgrade = |ws: WebSocketUpgrade| async { ws.max_message_size(65536).on_upgrade(shout) };
    Router::new().route("/shout", get(upgrade))
}

#[tokio::main]
async fn main() {
    println!("try: websocat ws://{}/shout", serve::spawn(app()).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn messages_up_to_the_limit_are_answered() {
        let mut client = ws_client::open(app(), "/shout").await;
        client.send_text("hello").await;
        let answer = client.next_text("the answer").await;
        assert_eq!(answer, "HELLO", "small texts are answered");
        client.send_text(&"a".repeat(MAX_MESSAGE)).await;
        let answer = client.next_text("the answer at the limit").await;
        let why = format!("a text of exactly {MAX_MESSAGE} bytes is within the limit");
        assert!(answer == "A".repeat(MAX_MESSAGE), "{why}");
    }

    #[tokio::test]
    async fn an_oversized_message_in_bytes_closes_with_1009() {
        let mut client = ws_client::open(app(), "/shout").await;
        client.send_text(&"a".repeat(MAX_MESSAGE + 1)).await;
        let (code, reason) = client.next_close("the answer to an oversized text").await;
        let why = "an oversized text is answered with close code 1009 (message too big)";
        assert_eq!(code, close_code::SIZE, "{why}");
        let why = "the close frame should say why, in its reason";
        assert!(!reason.is_empty(), "{why}");
        client.expect_the_end().await;

        let mut client = ws_client::open(app(), "/shout").await;
        client.send_text(&"🦀".repeat(2000)).await;
        let (code, _) = client.next_close("8000 bytes: code 1009").await;
        let why = "the limit counts bytes: 2000 four-byte characters are over 4096 bytes";
        assert_eq!(code, close_code::SIZE, "{why}");
    }
}

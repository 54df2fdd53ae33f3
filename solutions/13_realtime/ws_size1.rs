// ws_size1: refusing an oversized message with close code 1009
//
// A WebSocket message can be as big as the client likes, and the server holds a whole
// message in memory before it hands it to you. So every WebSocket server needs a limit, and
// a way to tell the client why it is being disconnected: the close frame carries a code, and
// 1009 ("message too big", `close_code::SIZE` in axum) says exactly that. A client that gets
// it knows not to retry the same message.
//
// There are two limits here. `max_message_size` on the upgrade is the library's hard cap: a
// message over it is refused while it is read, before it is buffered whole, and the
// connection just breaks. Under it, the application's own limit, MAX_MESSAGE, is enforced
// in the loop, where a proper close frame can still be sent.
//
// The server answers each text message in upper case. Close the connection with code 1009
// and a short reason when a text is over MAX_MESSAGE bytes, instead of answering it.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::response::Response;
use axum::routing::get;

/// The largest text message the application answers, in bytes.
const MAX_MESSAGE: usize = 4 * 1024;

async fn upgrade(ws: WebSocketUpgrade) -> Response {
    ws.max_message_size(64 * 1024).on_upgrade(shout)
}

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
    Router::new().route("/shout", get(upgrade))
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(app()).await;
    println!("try: websocat ws://{addr}/shout");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use ws_client::{connect, describe};

    #[tokio::test]
    async fn messages_up_to_the_limit_are_answered() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/shout", None)
            .await
            .expect("the upgrade succeeds");
        client.send_text("hello").await;
        assert_eq!(
            client.next_text("the answer").await,
            "HELLO",
            "small messages are answered"
        );
        client.send_text(&"a".repeat(MAX_MESSAGE)).await;
        let answer = client
            .next_text("the answer to a message of exactly the limit")
            .await;
        assert!(
            answer.len() == MAX_MESSAGE && answer.bytes().all(|b| b == b'A'),
            "a message of exactly {MAX_MESSAGE} bytes is within the limit and is answered"
        );
    }

    #[tokio::test]
    async fn an_oversized_message_closes_with_1009() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/shout", None)
            .await
            .expect("the upgrade succeeds");
        client.send_text(&"a".repeat(MAX_MESSAGE + 1)).await;
        let (code, reason) = client
            .next_close("the answer to an oversized message")
            .await;
        assert_eq!(
            code,
            close_code::SIZE,
            "an oversized message is answered with a close frame with code 1009 (message too big), not {code}"
        );
        assert!(
            !reason.is_empty(),
            "the close frame should say why, in its reason"
        );
        let next = client.next().await;
        assert!(
            matches!(next, Ok(None)),
            "after the close frames the connection ends, got {}",
            describe(next)
        );
    }

    #[tokio::test]
    async fn the_limit_counts_bytes_not_characters() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/shout", None)
            .await
            .expect("the upgrade succeeds");
        // 2000 characters, but 4 bytes each in UTF-8: 8000 bytes.
        client.send_text(&"🦀".repeat(2000)).await;
        let (code, _) = client
            .next_close("2000 crabs are 8000 bytes, over the limit: code 1009 was due")
            .await;
        assert_eq!(
            code,
            close_code::SIZE,
            "memory is spent in bytes: 2000 four-byte characters are over a limit of {MAX_MESSAGE} bytes"
        );
    }
}

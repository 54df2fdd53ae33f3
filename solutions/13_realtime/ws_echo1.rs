// ws_echo1: a WebSocket echo server
//
// A WebSocket starts as an HTTP request (`GET` with `Upgrade: websocket`); the server
// answers `101 Switching Protocols`, and from then on the connection carries messages both
// ways, at any time, in frames: text, binary, ping and pong (heartbeats) and close. In axum,
// the `WebSocketUpgrade` extractor answers the handshake, and `on_upgrade` hands the
// connection to an async function that loops on `socket.recv()`.
//
// axum answers pings with pongs, and a client's close frame with its own, by itself; the
// loop's next `recv` then gives `None`. So keep calling `recv` after a close: return early
// and the client sees the connection reset, not a clean close.
//
// `echo` reads every message and drops it. Send text and binary messages back unchanged.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::{Router, routing::get};

async fn echo(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        match message {
            Message::Text(_) | Message::Binary(_) => {
                if socket.send(message).await.is_err() {
                    return;
                }
            }
            // Pings are answered, and a close is answered in the next `recv`.
            Message::Ping(_) | Message::Pong(_) | Message::Close(_) => {}
        }
    }
}

fn app() -> Router {
    Router::new().route(
        "/echo",
        get(|ws: WebSocketUpgrade| async { ws.on_upgrade(echo) }),
    )
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(app()).await;
    println!("try: websocat ws://{addr}/echo");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::Message as Frame;

    #[tokio::test]
    async fn text_comes_back_unchanged_and_in_order() {
        let mut client = ws_client::open(app(), "/echo").await;
        let texts = ["hello", "héllo, wörld 🦀", ""];
        for text in texts {
            client.send_text(text).await;
        }
        client.close().await;
        for text in texts {
            let back = client.next_text("the echo of a text message").await;
            let why = "text messages come back exactly as they were sent, in order";
            assert_eq!(back, text, "{why}");
        }
        client.expect_the_end().await;
    }

    #[tokio::test]
    async fn a_ping_gets_a_pong_and_binary_comes_back_as_binary() {
        let mut client = ws_client::open(app(), "/echo").await;
        client.send(Frame::Ping(b"heartbeat".to_vec().into())).await;
        client.send(Frame::binary(b"\x00raw\xff".to_vec())).await;
        client.close().await;
        let pong = client.next_pong("a ping is answered with a pong").await;
        assert_eq!(pong, "heartbeat", "the pong carries the ping's data");
        let back = client.next_binary("binary comes back as binary").await;
        let sent = String::from_utf8_lossy(b"\x00raw\xff");
        let why = "binary data comes back byte for byte";
        assert_eq!(String::from_utf8_lossy(&back), sent, "{why}");
        client.expect_the_end().await;
    }
}

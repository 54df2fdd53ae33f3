// ws_echo1: a WebSocket echo server
//
// A WebSocket starts as an HTTP request (`GET` with `Upgrade: websocket`); the server
// answers `101 Switching Protocols`, and from then on the same TCP connection carries
// messages both ways, at any time, in frames: text, binary, ping and pong (heartbeats) and
// close. In axum, the `WebSocketUpgrade` extractor answers the handshake, and `on_upgrade`
// hands the connection to an async function that loops on `socket.recv()`.
//
// axum answers pings with pongs by itself, and answers a client's close frame with its own
// (the closing handshake), which goes out during the next `recv`; that `recv` then gives
// `None`, and the loop ends. So keep calling `recv` after a close instead of returning:
// return early and the client sees the connection reset, not a clean close.
//
// `echo` reads every message and drops it. Send text and binary messages back unchanged.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;

async fn upgrade(ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(echo)
}

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
    Router::new().route("/echo", get(upgrade))
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
    use ws_client::{Client, connect, describe};

    /// The client closes after its messages: every echo must come before the server's
    /// close frame (and a server that echoes nothing fails at once, not after a timeout).
    async fn expect_the_end(client: &mut Client) {
        let next = client.next().await;
        assert!(
            matches!(next, Ok(Some(Frame::Close(_))) | Ok(None)),
            "after the client's close frame the server answers with its own and ends, got {}",
            describe(next)
        );
    }

    #[tokio::test]
    async fn text_comes_back_unchanged() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/echo", None)
            .await
            .expect("the upgrade succeeds");
        let texts = ["hello", "héllo, wörld 🦀", ""];
        for text in texts {
            client.send_text(text).await;
        }
        client.close().await;
        for text in texts {
            let back = client.next_text("the echo of a text message").await;
            assert_eq!(
                back, text,
                "a text message must come back exactly as it was sent"
            );
        }
        expect_the_end(&mut client).await;
    }

    #[tokio::test]
    async fn binary_comes_back_as_binary() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/echo", None)
            .await
            .expect("the upgrade succeeds");
        client
            .send(Frame::binary(b"\x00raw bytes\xff".to_vec()))
            .await;
        client.close().await;
        let next = client.next().await;
        let back = match next {
            Ok(Some(Frame::Binary(bytes))) => bytes,
            other => panic!(
                "a binary message must come back as binary, got {}",
                describe(other)
            ),
        };
        assert_eq!(
            String::from_utf8_lossy(&back),
            String::from_utf8_lossy(b"\x00raw bytes\xff"),
            "binary data must come back byte for byte"
        );
        expect_the_end(&mut client).await;
    }

    #[tokio::test]
    async fn a_ping_gets_a_pong_and_echoes_keep_their_order() {
        let addr = serve::spawn(app()).await;
        let mut client = connect(addr, "/echo", None)
            .await
            .expect("the upgrade succeeds");
        client.send(Frame::Ping(b"heartbeat".to_vec().into())).await;
        client.send_text("one").await;
        client.send_text("two").await;
        client.close().await;
        let next = client.next().await;
        assert!(
            matches!(&next, Ok(Some(Frame::Pong(data))) if data.as_ref() == b"heartbeat"),
            "a ping is answered with a pong carrying the same data, got {}",
            describe(next)
        );
        assert_eq!(
            client.next_text("the first echo").await,
            "one",
            "echoes keep their order"
        );
        assert_eq!(
            client.next_text("the second echo").await,
            "two",
            "echoes keep their order"
        );
        expect_the_end(&mut client).await;
    }
}

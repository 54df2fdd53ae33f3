// ws_room1: broadcasting to a room
//
// A chat room, a shared document, a game lobby: a message from one client must reach
// everybody in the same room, and nobody outside it. Each room here is a
// `tokio::sync::broadcast` channel. Every connection subscribes to its room's channel and
// runs one loop that waits for two things at once with `tokio::select!`:
//
// - a message from its own client: publish it to the room, as `name: text`;
// - a line from the room (from any member, itself included): send it to its client.
//
// The connection subscribes before the upgrade is answered, so a client that has connected
// cannot miss a message sent after that.
//
// Fill in both branches of the loop in `chat`.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::{self, error::RecvError};

type Rooms = Arc<Mutex<HashMap<String, broadcast::Sender<String>>>>;

async fn join(
    Path((room, name)): Path<(String, String)>,
    State(rooms): State<Rooms>,
    ws: WebSocketUpgrade,
) -> Response {
    let room = rooms
        .lock()
        .unwrap()
        .entry(room)
        .or_insert_with(|| broadcast::channel(64).0)
        .clone();
    let inbox = room.subscribe();
    ws.on_upgrade(move |socket| chat(socket, name, room, inbox))
}

async fn chat(
    mut socket: WebSocket,
    name: String,
    room: broadcast::Sender<String>,
    mut inbox: broadcast::Receiver<String>,
) {
    loop {
        tokio::select! {
            // Lines waiting for this client go out before its next message is read.
            biased;
            line = inbox.recv() => match line {
                Ok(line) => {
                    // TODO: send the line to this client.
                }
                // This client fell behind and missed some lines; carry on with the rest.
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    // TODO: publish `name: text` to the room.
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            },
        }
    }
}

fn app() -> Router {
    Router::new()
        .route("/rooms/{room}/{name}", get(join))
        .with_state(Rooms::default())
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(app()).await;
    println!("try: websocat ws://{addr}/rooms/rust/ferris (in two terminals)");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::Message as Frame;
    use ws_client::{Client, connect, describe};

    /// Sends `text`, closes, and returns the lines that came before the server's close frame
    /// (a server that sends nothing fails at once, not after a timeout).
    async fn say_and_leave(client: &mut Client, text: &str) -> Vec<String> {
        client.send_text(text).await;
        client.close().await;
        let mut lines = Vec::new();
        loop {
            match client.next().await {
                Ok(Some(Frame::Text(line))) => lines.push(line.to_string()),
                Ok(Some(Frame::Close(_)) | None) => return lines,
                other => panic!("expected lines and then the close, got {}", describe(other)),
            }
        }
    }

    #[tokio::test]
    async fn a_message_reaches_everyone_in_the_room() {
        let addr = serve::spawn(app()).await;
        let mut alice = connect(addr, "/rooms/rust/alice", None)
            .await
            .expect("alice joins");
        let mut bob = connect(addr, "/rooms/rust/bob", None)
            .await
            .expect("bob joins");

        assert_eq!(
            say_and_leave(&mut alice, "hi, Rust fans").await,
            ["alice: hi, Rust fans"],
            "every member of the room, the sender included, gets `name: text` (Alice got nothing before her close)"
        );
        assert_eq!(
            bob.next_text("Alice's line, for Bob").await,
            "alice: hi, Rust fans",
            "Bob is in the room, so he gets Alice's line"
        );
        assert_eq!(
            say_and_leave(&mut bob, "bye").await,
            ["bob: bye"],
            "Bob gets his own line too"
        );
    }

    #[tokio::test]
    async fn rooms_are_separate() {
        let addr = serve::spawn(app()).await;
        let mut alice = connect(addr, "/rooms/rust/alice", None)
            .await
            .expect("alice joins");
        let mut carol = connect(addr, "/rooms/go/carol", None)
            .await
            .expect("carol joins");

        assert_eq!(
            say_and_leave(&mut alice, "crabs only").await,
            ["alice: crabs only"],
            "Alice gets her own line"
        );
        assert_eq!(
            say_and_leave(&mut carol, "anyone here?").await,
            ["carol: anyone here?"],
            "a line from the rust room must not reach the go room"
        );
    }
}

// ws_room1: broadcasting to a room
//
// A chat room, a shared document, a game lobby: a message from one client must reach
// everybody in the same room, and nobody outside it. Each room is a `broadcast` channel
// (support/rooms.rs), and every connection runs one loop that waits for two things at once
// with `tokio::select!`: a message from its own client (publish it to the room, as
// `name: text`), and a line from the room, from any member, itself included (send it to its
// client). Fill in both branches of the loop in `chat`.

#[path = "support/rooms.rs"]
mod rooms;
#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::extract::ws::{Message, WebSocket};
use tokio::sync::broadcast::error::RecvError;

async fn chat(mut socket: WebSocket, mut me: rooms::Member) {
    loop {
        tokio::select! {
            // Lines waiting for this client go out before its next message is read.
            biased;
            line = me.inbox.recv() => match line {
                Ok(line) => {
                    if socket.send(Message::text(line)).await.is_err() {
                        return;
                    }
                }
                // This client fell behind and missed some lines; carry on with the rest.
                Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let _ = me.room.send(format!("{}: {text}", me.name));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            },
        }
    }
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(rooms::app()).await;
    println!("try in two terminals: websocat ws://{addr}/rooms/rust/ferris");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use ws_client::join;

    #[tokio::test]
    async fn a_message_reaches_everyone_in_the_room() {
        let addr = serve::spawn(rooms::app()).await;
        let mut alice = join(addr, "/rooms/rust/alice").await;
        let mut bob = join(addr, "/rooms/rust/bob").await;
        let lines = alice.say_and_leave("hi").await;
        assert_eq!(lines, ["alice: hi"], "the sender gets `name: text` too");
        let line = bob.next_text("Alice's line, for Bob").await;
        assert_eq!(line, "alice: hi", "Bob is in the room: he gets it");
        let lines = bob.say_and_leave("bye").await;
        assert_eq!(lines, ["bob: bye"], "Bob gets his own line");
    }

    #[tokio::test]
    async fn rooms_are_separate() {
        let addr = serve::spawn(rooms::app()).await;
        let mut alice = join(addr, "/rooms/rust/alice").await;
        let mut carol = join(addr, "/rooms/go/carol").await;
        let lines = alice.say_and_leave("crabs").await;
        assert_eq!(lines, ["alice: crabs"], "Alice gets her own line");
        let lines = carol.say_and_leave("hey").await;
        assert_eq!(lines, ["carol: hey"], "nothing from the rust room");
    }
}

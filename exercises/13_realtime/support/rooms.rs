//! The rooms of ws_room1 (support code: you do not need to edit it).
//!
//! `GET /rooms/{room}/{name}` upgrades to a WebSocket. Each room is a
//! `tokio::sync::broadcast` channel, made on the first join. The connection subscribes
//! before the upgrade is answered, so a client that has connected cannot miss a message
//! sent after that; then the socket goes to the exercise's `chat`.
#![allow(dead_code)]

use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

type Rooms = Arc<Mutex<HashMap<String, broadcast::Sender<String>>>>;

/// One connection's place in its room.
pub struct Member {
    pub name: String,
    /// Sends to everybody in the room, this member included.
    pub room: broadcast::Sender<String>,
    /// Receives what anybody in the room sends.
    pub inbox: broadcast::Receiver<String>,
}

pub fn app() -> Router {
    Router::new()
        .route("/rooms/{room}/{name}", get(join))
        .with_state(Rooms::default())
}

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
    let member = Member { name, room, inbox };
    ws.on_upgrade(move |socket| crate::chat(socket, member))
}

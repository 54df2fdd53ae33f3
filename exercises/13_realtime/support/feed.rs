//! The event feed of `sse_resume1` (support code: you do not need to edit it): the recent
//! history and the live channel, behind one lock.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

#[derive(Clone, Debug)]
pub struct Message {
    pub id: u64,
    pub data: String,
}

pub struct Feed {
    /// The id of the last message published (ids start at 1).
    pub last_id: u64,
    /// The most recent messages, oldest first.
    pub history: VecDeque<Message>,
    /// The subscribers that are connected now.
    pub live: broadcast::Sender<Message>,
}

pub type SharedFeed = Arc<Mutex<Feed>>;

pub fn new_feed() -> SharedFeed {
    let (live, _) = broadcast::channel(64);
    Arc::new(Mutex::new(Feed {
        last_id: 0,
        history: VecDeque::new(),
        live,
    }))
}

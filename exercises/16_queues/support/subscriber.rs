//! A test subscriber (support code: you do not need to edit it).
#![allow(dead_code)]

use tokio::sync::broadcast::{self, error::RecvError};

/// Reads a subscriber's messages until its channel is closed (every sender dropped).
pub async fn read_all(mut rx: broadcast::Receiver<String>) -> Vec<String> {
    let mut got = Vec::new();
    loop {
        match rx.recv().await {
            Ok(message) => got.push(message),
            Err(RecvError::Closed) => return got,
            Err(RecvError::Lagged(n)) => panic!("lagged by {n}: no test sends that much"),
        }
    }
}

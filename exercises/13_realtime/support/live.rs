//! Turns a `tokio::sync::broadcast` receiver into a `Stream` (support code: you do not need
//! to edit it). A subscriber that falls too far behind skips what it missed; the stream ends
//! when every sender is gone.
#![allow(dead_code)]

use futures_util::Stream;
use tokio::sync::broadcast::{self, error::RecvError};

pub fn stream<T: Clone + Send + 'static>(
    receiver: broadcast::Receiver<T>,
) -> impl Stream<Item = T> + Send + 'static {
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(item) => return Some((item, receiver)),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

//! A stand-in for another service that answers over the network, slowly (support code: you
//! do not need to edit it).
//!
//! Each known profile has a delay; `fetch` sleeps on tokio's clock for that long, so under a
//! paused test clock the delays are exact and take no real time. `answered` counts the
//! fetches that came back, which shows whether cancelled fetches really stopped.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::{Duration, sleep};

#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub id: u32,
    pub name: String,
}

#[derive(Debug, PartialEq)]
pub enum FetchError {
    NotFound(u32),
}

pub struct Directory {
    /// Each known profile: its name and how long the service takes to answer for it.
    entries: HashMap<u32, (Duration, &'static str)>,
    answered: AtomicUsize,
}

impl Directory {
    /// A directory of `(id, milliseconds to answer, name)`.
    pub fn new(entries: &[(u32, u64, &'static str)]) -> Arc<Directory> {
        let entries = entries
            .iter()
            .map(|&(id, millis, name)| (id, (Duration::from_millis(millis), name)))
            .collect();
        Arc::new(Directory {
            entries,
            answered: AtomicUsize::new(0),
        })
    }

    /// Fetches one profile. An unknown id takes 50 ms to come back as `NotFound`.
    pub async fn fetch(&self, id: u32) -> Result<Profile, FetchError> {
        let answer = match self.entries.get(&id) {
            Some(&(delay, name)) => {
                sleep(delay).await;
                Ok(Profile {
                    id,
                    name: name.to_owned(),
                })
            }
            None => {
                sleep(Duration::from_millis(50)).await;
                Err(FetchError::NotFound(id))
            }
        };
        self.answered.fetch_add(1, Ordering::SeqCst);
        answer
    }

    /// How many fetches have come back so far.
    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::SeqCst)
    }
}

// channel1: channels (mpsc)
//
// Threads that share nothing can still talk: a channel carries values from one thread to
// another. `std::sync::mpsc::channel()` gives a `Sender` and a `Receiver` ("multiple
// producer, single consumer"): clone the sender for each producer, and one consumer receives
// everything. Here every request handler sends one access-log line to a single writer thread,
// which owns the log, so nobody else ever touches it.
//
// `for line in receiver` takes values until the channel is closed, and it is closed only
// when *every* sender is gone. Make each handler use its own sender, then let the writer end.

#[path = "support/guard.rs"]
mod guard;

use std::sync::mpsc;
use std::thread;

/// Handles each request on its own thread and returns the access log.
pub fn serve_all(paths: Vec<String>) -> Vec<String> {
    let (tx, rx) = mpsc::channel::<String>();
    let writer = thread::spawn(move || rx.into_iter().collect::<Vec<String>>());
    for path in paths {
        let tx = tx.clone();
        thread::spawn(move || tx.send(format!("GET {path} 200")).unwrap());
    }
    drop(tx);
    writer.join().expect("the writer panicked")
}

fn main() {
    let paths = vec!["/".to_string(), "/users".to_string()];
    for line in serve_all(paths) {
        println!("{line}");
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_is_logged_once() {
        let paths: Vec<String> = (1..=20).map(|n| format!("/items/{n}")).collect();
        let hang =
            "serve_all never returned: the writer's loop ends only when every Sender is dropped";
        let mut log = guard::within(hang, move || serve_all(paths));
        log.sort();
        let mut want: Vec<String> = (1..=20).map(|n| format!("GET /items/{n} 200")).collect();
        want.sort();
        assert_eq!(log, want, "one log line per request, none lost or repeated");
    }

    #[test]
    fn no_requests_no_log() {
        let hang =
            "serve_all never returned: the writer's loop ends only when every Sender is dropped";
        let log = guard::within(hang, || serve_all(Vec::new()));
        assert!(log.is_empty(), "no request, no log line: got {log:?}");
    }
}

// thread1: threads and `join`
//
// A backend often has slow, independent things to do at once: here, checking the health of
// each upstream server. One after the other, the checks take the sum of their times; on
// threads, they overlap. `std::thread::spawn(closure)` runs the closure on a new thread and
// returns a `JoinHandle`, whose `join()` waits for the thread and hands back what the
// closure returned (`Err` if it panicked). A thread may outlive the function that started
// it, so its closure cannot borrow that function's variables: a `move` closure owns them.
//
// Make `check_all` compile, then make it return every check's result, in order.

#[path = "support/health.rs"]
mod health;

use health::{Health, Upstream};
use std::thread;

/// Checks every upstream at the same time, each on its own thread.
pub fn check_all(upstreams: Vec<Upstream>) -> Vec<Health> {
    let mut handles = Vec::new();
    for upstream in upstreams {
        handles.push(thread::spawn(move || upstream.check()));
    }
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a health check panicked"))
        .collect()
}

fn main() {
    for result in check_all(health::fleet(&["api-1", "down-2"])) {
        println!("{}: up = {}", result.upstream, result.up);
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::thread::ThreadId;

    fn upstreams() -> Vec<Upstream> {
        health::fleet(&["api-1", "down-2", "api-3"])
    }

    #[test]
    fn every_result_comes_back_in_order() {
        let results = check_all(upstreams());
        let names: Vec<&str> = results.iter().map(|h| h.upstream.as_str()).collect();
        let why = "one result per upstream, in the order of the list: join the handles in order";
        assert_eq!(names, ["api-1", "down-2", "api-3"], "{why}");
        let up: Vec<bool> = results.iter().map(|h| h.up).collect();
        assert_eq!(up, [true, false, true], "down-2 is down, the others are up");
    }

    #[test]
    fn each_check_runs_on_its_own_thread() {
        let results = check_all(upstreams());
        let threads: HashSet<ThreadId> = results.iter().map(|h| h.checked_on).collect();
        let why = "no check runs on the caller's thread";
        assert!(!threads.contains(&thread::current().id()), "{why}");
        assert_eq!(
            threads.len(),
            3,
            "three upstreams, three threads of their own"
        );
    }

    #[test]
    fn the_checks_run_at_the_same_time() {
        let results = check_all(upstreams());
        let why = "the checks ran one after another: spawn them all, then join";
        assert!(results.iter().all(|h| h.overlapped), "{why}");
    }
}

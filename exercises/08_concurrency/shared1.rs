// shared1: shared state with `Arc<Mutex<T>>`
//
// Handlers on different threads often update one piece of state: hit counters, a cache, a
// rate limiter. Rust lets threads share a value only through types that are safe for it:
//
// - `Arc<T>` lets several threads own one value. `Rc<T>` does the same for one thread only:
//   its count is not atomic, so it is not `Send` (it cannot be sent to another thread).
// - `Mutex<T>` lets one thread at a time change the value: `lock()` returns a guard that
//   gives `&mut T` and unlocks when it is dropped. `RefCell<T>` checks borrows for a single
//   thread only, so it is not `Sync` (it cannot be shared between threads).
//
// This hit counter does not compile: read why, then switch it to `Arc<Mutex<..>>`.

use std::collections::HashMap;
use std::thread;

/// Hits per path. Clones share the same counts.
#[derive(Clone, Default)]
pub struct HitCounter {
    // TODO: `Rc<RefCell<..>>` cannot cross threads: use `std::sync::Arc<std::sync::Mutex<..>>`.
    counts: std::rc::Rc<std::cell::RefCell<HashMap<String, u64>>>,
}

impl HitCounter {
    /// Runs `f` on the counts, with no other thread touching them while it runs.
    fn with_counts<R>(&self, f: impl FnOnce(&mut HashMap<String, u64>) -> R) -> R {
        // TODO: a `Mutex` is locked, not borrowed (so ignore the compiler's `use
        // std::borrow::BorrowMut` suggestion): replace `borrow_mut()` with `lock()`, which
        // gives a `Result` (`Err` if a thread panicked while it held the lock), and `unwrap` it.
        f(&mut self.counts.borrow_mut())
    }

    pub fn record(&self, path: &str) {
        self.with_counts(|counts| *counts.entry(path.to_string()).or_insert(0) += 1);
    }

    pub fn hits(&self, path: &str) -> u64 {
        self.with_counts(|counts| counts.get(path).copied().unwrap_or(0))
    }
}

/// Serves each batch of requests on its own thread, counting hits in `counter`.
pub fn serve(counter: &HitCounter, batches: Vec<Vec<&'static str>>) {
    let mut handlers = Vec::new();
    for paths in batches {
        let counter = counter.clone();
        let handler = thread::spawn(move || paths.iter().for_each(|p| counter.record(p)));
        handlers.push(handler);
    }
    for handler in handlers {
        handler.join().expect("a handler panicked");
    }
}

fn main() {
    let counter = HitCounter::default();
    serve(&counter, vec![vec!["/", "/users"], vec!["/"]]);
    println!("/ was hit {} times", counter.hits("/"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_hit_is_lost() {
        let counter = HitCounter::default();
        let mut batches = vec![vec!["/", "/about"]; 50];
        batches.push(vec!["/"; 100]);
        serve(&counter, batches);
        let hits = |path| counter.hits(path);
        assert_eq!(hits("/"), 150, "50 threads hit / once, one 100 times");
        assert_eq!(hits("/about"), 50, "50 threads hit /about once");
        assert_eq!(hits("/nope"), 0, "no request, no hits");
    }
}

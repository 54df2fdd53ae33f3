// single_flight1: concurrent misses compute once
//
// A popular cache entry expires, and in the next millisecond two hundred requests miss it at
// once. A naive cache lets every one of them run the expensive query, and the database falls
// over at the worst moment: a cache stampede (or thundering herd). The cure is single-flight:
// the first request to miss computes the value, and the others that miss the same key while it
// is working wait for its result instead of computing their own.
//
// Two things must hold:
// - concurrent misses of the same key run `compute` once, and all get its value;
// - a slow computation of one key must not block requests for other keys, so the lock that
//   guards the map must not be held while computing.
//
// `Loader::get_or_compute` checks, then computes, then inserts: every thread that checks before
// the first one inserts computes too. Give each key a slot that is created under the lock and
// filled outside it. `std::sync::OnceLock` is such a slot: `get_or_init` runs the closure in
// one thread and makes the others wait for its value.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

pub struct Loader<K, V> {
    // TODO: one slot per key, `Arc<OnceLock<V>>`, so that a thread can take the slot out of
    // the map and wait on it after releasing the map's lock.
    values: Mutex<HashMap<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Loader<K, V> {
    pub fn new() -> Self {
        Loader {
            values: Mutex::new(HashMap::new()),
        }
    }

    /// The value for `key`, computing it with `compute` if nobody has yet. While one thread
    /// computes a key, others asking for the same key wait for that result.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> V {
        if let Some(value) = self.values.lock().unwrap().get(&key) {
            return value.clone();
        }
        // TODO: between the check above and the insert below, every other thread that misses
        // computes too. Get (or create) the key's slot under the lock, then fill it outside.
        let value = compute();
        self.values.lock().unwrap().insert(key, value.clone());
        value
    }
}

impl<K: Eq + Hash, V: Clone> Default for Loader<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

fn main() {
    let loader = Loader::new();
    let price = loader.get_or_compute("keyboard", || {
        println!("computing...");
        4999
    });
    let again = loader.get_or_compute("keyboard", || unreachable!("already cached"));
    println!("{price} {again}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    #[test]
    fn computes_once_then_serves_the_cached_value() {
        let loader = Loader::new();
        let calls = AtomicUsize::new(0);
        for _ in 0..3 {
            let value = loader.get_or_compute("k", || {
                calls.fetch_add(1, Ordering::SeqCst);
                42
            });
            assert_eq!(value, 42);
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn concurrent_misses_compute_once() {
        const THREADS: usize = 8;
        let loader = Loader::new();
        let calls = AtomicUsize::new(0);
        let start = Barrier::new(THREADS);

        let values: Vec<String> = thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        loader.get_or_compute("report", || {
                            calls.fetch_add(1, Ordering::SeqCst);
                            // A slow query: the other threads arrive while it runs.
                            thread::sleep(Duration::from_millis(30));
                            "expensive report".to_string()
                        })
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });

        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "{THREADS} threads missed at once; the value must be computed once"
        );
        assert!(values.iter().all(|v| v == "expensive report"));
    }

    #[test]
    fn a_slow_key_does_not_block_other_keys() {
        let loader = Loader::new();
        let (a_started_tx, a_started_rx) = mpsc::channel();
        let (b_done_tx, b_done_rx) = mpsc::channel();

        thread::scope(|s| {
            let loader = &loader;
            let slow = s.spawn(move || {
                loader.get_or_compute("a", move || {
                    a_started_tx.send(()).unwrap();
                    // `a` is slow: it finishes only once `b` has been computed meanwhile.
                    b_done_rx
                        .recv_timeout(Duration::from_secs(2))
                        .expect("`b` was not computed while `a` was computing: is the lock held?");
                    1
                })
            });

            a_started_rx
                .recv_timeout(Duration::from_secs(5))
                .expect("computing `a` never started");
            assert_eq!(loader.get_or_compute("b", || 2), 2);
            b_done_tx.send(()).unwrap();
            assert_eq!(slow.join().unwrap(), 1);
        });
    }

    #[test]
    fn every_key_gets_its_own_value() {
        let loader = Loader::new();
        thread::scope(|s| {
            for i in 0..4 {
                let loader = &loader;
                s.spawn(move || {
                    assert_eq!(loader.get_or_compute(i, || i * 10), i * 10);
                });
            }
        });
        assert_eq!(loader.get_or_compute(3, || 0), 30);
    }
}

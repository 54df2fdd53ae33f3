// single_flight1: concurrent misses compute once
//
// A popular cache entry expires, and in the next millisecond two hundred requests miss it at
// once. A naive cache lets every one of them run the expensive query, and the database falls
// over at the worst moment: a cache stampede. The cure is single-flight: the first request to
// miss computes the value, and the others that miss the same key meanwhile wait for its
// result. And a slow computation of one key must not hold up other keys, so the map's lock
// must not be held while computing.
//
// `get_or_compute` checks, then computes, then inserts: every thread that checks before the
// first one inserts computes too. Give each key a slot, created under the lock and filled
// outside it: `std::sync::OnceLock`, whose `get_or_init` runs the closure in one thread and
// makes the others wait for its value. (Production: `moka`'s `get_with`, Go's singleflight.)

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

pub struct Loader<K, V> {
    values: Mutex<HashMap<K, Arc<OnceLock<V>>>>,
}

impl<K: Eq + Hash, V: Clone> Loader<K, V> {
    pub fn new() -> Self {
        Loader {
            values: Mutex::default(),
        }
    }

    /// The value for `key`, computing it with `compute` if nobody has yet. While one thread
    /// computes a key, others asking for the same key wait for that result.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> V {
        let slot = {
            let mut values = self.values.lock().unwrap();
            Arc::clone(values.entry(key).or_default())
        };
        // The map's lock is released here: other keys are not held up by `compute`.
        slot.get_or_init(compute).clone()
    }
}

impl<K: Eq + Hash, V: Clone> Default for Loader<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

fn main() {
    let loader = Loader::new();
    let price = loader.get_or_compute("keyboard", || 4999);
    let again = loader.get_or_compute("keyboard", || unreachable!("already cached"));
    println!("{price} {again}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Barrier, mpsc};
    use std::thread;
    use std::time::Duration;

    #[test]
    fn concurrent_misses_compute_once() {
        const THREADS: usize = 8;
        let (loader, calls, start) = (Loader::new(), AtomicUsize::new(0), Barrier::new(THREADS));
        let compute = || {
            calls.fetch_add(1, Ordering::SeqCst);
            // A slow query: it widens the window in which the other threads miss too.
            thread::sleep(Duration::from_millis(30));
            "expensive report".to_string()
        };
        thread::scope(|s| {
            for _ in 0..THREADS {
                s.spawn(|| {
                    start.wait();
                    let value = loader.get_or_compute("report", compute);
                    assert_eq!(value, "expensive report", "every thread gets the value");
                });
            }
        });
        let why = format!("{THREADS} threads missed at once; the value must be computed once");
        assert_eq!(calls.load(Ordering::SeqCst), 1, "{why}");
        let again = loader.get_or_compute("report", || unreachable!("cached"));
        assert_eq!(
            again, "expensive report",
            "then it is served from the cache"
        );
    }

    #[test]
    fn a_slow_key_does_not_block_other_keys() {
        let loader = Loader::new();
        let (a_started, a_has_started) = mpsc::channel();
        let (b_done, b_is_done) = mpsc::channel::<()>();
        thread::scope(|s| {
            let slow = s.spawn(|| {
                loader.get_or_compute("a", move || {
                    a_started.send(()).unwrap();
                    // `a` finishes only once `b` has been computed meanwhile.
                    let waited = b_is_done.recv_timeout(Duration::from_secs(1));
                    waited.expect("`b` waited for `a`: is the map's lock held while computing?");
                    1
                })
            });
            a_has_started.recv().expect("computing `a` started");
            let b = loader.get_or_compute("b", || 2);
            assert_eq!(b, 2, "`b` is computed while `a` is still computing");
            b_done.send(()).unwrap();
            assert_eq!(slow.join().unwrap(), 1, "and then `a` finishes");
        });
    }
}

// pool1: a bounded worker pool
//
// A server that starts a new thread for every job has no upper limit: a burst of ten
// thousand requests means ten thousand threads, and the machine spends its time switching
// between them (or runs out of memory). A *worker pool* keeps a fixed number of threads
// that take jobs from a shared queue. Two details matter in production:
//
// - The queue is *bounded*. When it is full, `execute` refuses the job at once
//   (`Err(PoolError::Busy)`) instead of queueing forever; the caller can answer
//   503 Service Unavailable, and the service stays responsive under overload. This is
//   called backpressure, or load shedding.
// - Dropping the pool *drains* it: the jobs already queued still run, and `drop` returns
//   only when every worker has finished. Otherwise a deploy would silently lose work.
//
// The queue is a `std::sync::mpsc::sync_channel(capacity)`: `try_send` fails with
// `TrySendError::Full` when it is full, and `recv` fails once every sender is gone and the
// queue is empty, which is how the workers learn that it is time to stop. The workers share
// the one receiver behind a `Mutex`.
//
// Fill in `worker_loop`, `execute` and the `Drop` impl.

use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

#[derive(Debug, PartialEq, Eq)]
pub enum PoolError {
    /// The queue is full: try again later (or answer 503).
    Busy,
}

pub struct ThreadPool {
    /// `None` once the pool is shutting down.
    sender: Option<SyncSender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    /// Starts `workers` threads sharing a queue of at most `capacity` waiting jobs.
    pub fn new(workers: usize, capacity: usize) -> ThreadPool {
        assert!(workers > 0, "a pool needs at least one worker");
        let (sender, receiver) = mpsc::sync_channel::<Job>(capacity);
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..workers)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                thread::spawn(move || worker_loop(&receiver))
            })
            .collect();
        ThreadPool {
            sender: Some(sender),
            workers,
        }
    }

    /// Queues `job`, or refuses it when the queue is full.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) -> Result<(), PoolError> {
        let sender = self.sender.as_ref().expect("the pool is running");
        match sender.try_send(Box::new(job)) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => Err(PoolError::Busy),
            Err(TrySendError::Disconnected(_)) => unreachable!("the workers outlive the sender"),
        }
    }
}

/// What each worker thread runs: take a job, run it, repeat until the queue is closed.
fn worker_loop(receiver: &Mutex<Receiver<Job>>) {
    loop {
        // The lock guard is a temporary of this statement, so the lock is released before
        // the job runs and the other workers can take jobs meanwhile.
        let next = receiver.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        // Closing the queue lets each worker finish what is queued, then stop.
        drop(self.sender.take());
        for worker in self.workers.drain(..) {
            worker.join().expect("a worker panicked");
        }
    }
}

fn main() {
    let pool = ThreadPool::new(2, 4);
    for n in 1..=4 {
        pool.execute(move || println!("job {n} ran")).unwrap();
    }
    drop(pool);
    println!("every job ran");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, mpsc::RecvTimeoutError};
    use std::time::Duration;

    const PATIENCE: Duration = Duration::from_secs(2);

    /// Runs `f` on another thread and fails the test if it takes longer than 2 seconds
    /// (a pool that never finishes would otherwise hang the test).
    fn within_2s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let _ = tx.send(f());
        });
        match rx.recv_timeout(PATIENCE) {
            Ok(value) => value,
            Err(RecvTimeoutError::Timeout) => panic!("{what} did not finish within 2 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
        }
    }

    /// A gate that jobs wait at until the test opens it.
    #[derive(Clone, Default)]
    struct Gate(Arc<(Mutex<bool>, Condvar)>);

    impl Gate {
        fn wait(&self) {
            let (open, cvar) = &*self.0;
            let guard = open.lock().unwrap();
            let (_guard, timeout) = cvar
                .wait_timeout_while(guard, PATIENCE, |open| !*open)
                .unwrap();
            assert!(!timeout.timed_out(), "the gate was never opened");
        }

        fn open(&self) {
            *self.0.0.lock().unwrap() = true;
            self.0.1.notify_all();
        }
    }

    #[test]
    fn every_queued_job_runs_before_drop_returns() {
        let done = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&done);
        within_2s("dropping the pool", move || {
            let pool = ThreadPool::new(3, 20);
            for _ in 0..20 {
                let counter = Arc::clone(&counter);
                pool.execute(move || {
                    counter.fetch_add(1, Ordering::SeqCst);
                })
                .unwrap();
            }
            drop(pool);
        });
        assert_eq!(
            done.load(Ordering::SeqCst),
            20,
            "drop must wait for the queue to drain"
        );
    }

    #[test]
    fn workers_run_jobs_in_parallel() {
        // Four jobs on four workers, each waiting (up to 200 ms) until all four are
        // running at the same time.
        let all_met = Arc::new(AtomicUsize::new(0));
        let met = Arc::clone(&all_met);
        within_2s("four parallel jobs", move || {
            let running = Arc::new((Mutex::new(0), Condvar::new()));
            let pool = ThreadPool::new(4, 4);
            for _ in 0..4 {
                let running = Arc::clone(&running);
                let met = Arc::clone(&met);
                pool.execute(move || {
                    let (count, cvar) = &*running;
                    let mut count = count.lock().unwrap();
                    *count += 1;
                    cvar.notify_all();
                    let (_count, timeout) = cvar
                        .wait_timeout_while(count, Duration::from_millis(200), |n| *n < 4)
                        .unwrap();
                    if !timeout.timed_out() {
                        met.fetch_add(1, Ordering::SeqCst);
                    }
                })
                .unwrap();
            }
        });
        assert_eq!(
            all_met.load(Ordering::SeqCst),
            4,
            "the four jobs never ran at the same time: does a worker hold the lock while its job runs?"
        );
    }

    #[test]
    fn a_full_queue_refuses_jobs_at_once() {
        let gate = Gate::default();
        let (started_tx, started_rx) = mpsc::channel();
        let ran = Arc::new(AtomicUsize::new(0));
        let pool = Arc::new(ThreadPool::new(1, 2));

        // The only worker takes this job and blocks in it until the gate opens.
        let blocker = gate.clone();
        pool.execute(move || {
            started_tx.send(()).unwrap();
            blocker.wait();
        })
        .unwrap();
        started_rx
            .recv_timeout(PATIENCE)
            .expect("the worker never started the first job");

        // Two jobs fit in the queue; the third does not.
        for _ in 0..2 {
            let ran = Arc::clone(&ran);
            let accepted = pool.execute(move || {
                ran.fetch_add(1, Ordering::SeqCst);
            });
            assert_eq!(accepted, Ok(()));
        }
        let third = {
            let pool = Arc::clone(&pool);
            let ran = Arc::clone(&ran);
            within_2s("execute on a full queue", move || {
                pool.execute(move || {
                    ran.fetch_add(100, Ordering::SeqCst);
                })
            })
        };
        assert_eq!(third, Err(PoolError::Busy));

        gate.open();
        within_2s("dropping the pool", move || drop(pool));
        assert_eq!(
            ran.load(Ordering::SeqCst),
            2,
            "the two queued jobs ran, the refused one did not"
        );
    }
}

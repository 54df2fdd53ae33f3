// pool1: a bounded worker pool
//
// A server that starts a thread per job has no upper limit: a burst of ten thousand requests
// means ten thousand threads. A *worker pool* keeps a fixed number of threads that take jobs
// from one shared queue (a channel), and two details make it safe in production:
//
// - The queue is *bounded*. When it is full, `execute` refuses the job at once, so the caller
//   can answer 503 Service Unavailable instead of queueing forever (backpressure).
// - Dropping the pool *drains* it: jobs already queued still run, and `drop` returns when
//   every worker is done. The workers stop when `recv` fails: the queue is closed and empty.
//
// Make `execute` refuse work when the queue is full, and make `drop` close the queue.

#[path = "support/guard.rs"]
mod guard;

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

impl ThreadPool {
    /// Queues `job`, or refuses it with `Busy` when the queue is full.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) -> Result<(), Busy> {
        let sender = self.sender.as_ref().expect("the pool is running");
        // TODO: `send` waits for room when the queue is full. Use `try_send`, which fails at
        // once with `mpsc::TrySendError::Full`, and turn that into `Err(Busy)`.
        sender
            .send(Box::new(job))
            .expect("the workers outlive the sender");
        Ok(())
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        // TODO: each worker waits in `recv` until the queue is closed, so these joins wait
        // forever. Close the queue first: drop the sender (`self.sender.take()`).
        for worker in self.workers.drain(..) {
            worker.join().expect("a worker panicked");
        }
    }
}

type Job = Box<dyn FnOnce() + Send + 'static>;

/// The queue is full: try again later (or answer 503).
#[derive(Debug, PartialEq)]
pub struct Busy;

pub struct ThreadPool {
    /// `None` once the pool is shutting down.
    sender: Option<SyncSender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    /// Starts `workers` threads sharing a queue of at most `capacity` waiting jobs. The
    /// workers share the one receiver through an `Arc<Mutex<..>>` (shared1 looks closer).
    pub fn new(workers: usize, capacity: usize) -> ThreadPool {
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
}

/// Takes a job, runs it, and repeats until the queue is closed and empty.
fn worker_loop(receiver: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is released at the end of this statement, before the job runs.
        let next = receiver.lock().unwrap().recv();
        match next {
            Ok(job) => job(),
            Err(_closed) => return,
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
    use guard::{Gate, Tally, within};

    #[test]
    fn every_queued_job_runs_before_drop_returns() {
        let tally = Tally::default();
        let jobs = tally.clone();
        let accepted = within("drop never returned: close the queue first", move || {
            let pool = ThreadPool::new(3, 20);
            (0..20)
                .map(|_| pool.execute(jobs.job()))
                .collect::<Vec<_>>()
        });
        assert!(
            accepted.iter().all(Result::is_ok),
            "20 jobs fit a queue of 20"
        );
        assert_eq!(
            tally.count(),
            20,
            "drop runs every queued job before it returns"
        );
    }

    #[test]
    fn a_full_queue_refuses_jobs_at_once() {
        let (gate, tally) = (Gate::default(), Tally::default());
        let (blocker, started) = gate.job();
        let jobs = tally.clone();
        let hang = "execute waited for room in a full queue: refuse the job at once";
        let (pool, accepted) = within(hang, move || {
            let pool = ThreadPool::new(1, 2);
            let mut accepted = vec![pool.execute(blocker)];
            started
                .recv()
                .expect("the only worker takes the first job and waits");
            accepted.extend((0..3).map(|_| pool.execute(jobs.job())));
            (pool, accepted)
        });
        gate.open();
        within("drop never returned: close the queue first", move || {
            drop(pool)
        });
        let why = "one job running, two waiting in a queue of 2, and the fourth refused";
        assert_eq!(accepted, [Ok(()), Ok(()), Ok(()), Err(Busy)], "{why}");
        assert_eq!(
            tally.count(),
            2,
            "the two queued jobs ran, the refused one did not"
        );
    }
}

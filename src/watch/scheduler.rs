//! When checks run: saves debounced into one check per burst, a queue of checks, at most one
//! running at a time, and a newer save of the exercise being checked stopping that check so
//! the newest content is judged. It decides; the loop starts and finishes the checks.

use std::collections::{HashMap, VecDeque};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::runner::process::Cancel;

/// How long a burst of saves is awaited before its check starts (editors write a file in
/// several steps).
pub const DEBOUNCE: Duration = Duration::from_millis(15);

/// What one check covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
    /// One exercise (an index into the exercises).
    One(usize),
    /// Every exercise.
    All,
}

/// The check in progress.
#[derive(Debug)]
struct Running {
    batch: Batch,
    cancel: Cancel,
    handle: JoinHandle<()>,
}

/// The check queue and its timing.
#[derive(Debug, Default)]
pub struct Scheduler {
    queue: VecDeque<Batch>,
    saves: HashMap<usize, Instant>,
    running: Option<Running>,
    restart_quietly: Option<usize>,
}

impl Scheduler {
    /// An exercise file was saved: its check waits for the burst to end.
    pub fn saved(&mut self, index: usize, now: Instant) {
        self.saves.insert(index, now + DEBOUNCE);
    }

    /// When the next burst ends, if a save is waiting.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.saves.values().copied().min()
    }

    /// Saves whose burst is over become checks, ahead of the queue; a save of the exercise
    /// being checked stops that check, which starts again on the newest content as the same
    /// check (no second `checking` line). `exists` says whether a file is there: a file
    /// deleted as part of a save (delete, then create) waits for its create event.
    pub fn flush(&mut self, now: Instant, exists: impl Fn(usize) -> bool) {
        let due: Vec<usize> = self
            .saves
            .iter()
            .filter(|(_, deadline)| **deadline <= now)
            .map(|(index, _)| *index)
            .collect();
        for index in due {
            self.saves.remove(&index);
            if !exists(index) {
                continue;
            }
            if let Some(running) = &self.running
                && running.batch == Batch::One(index)
            {
                running.cancel.cancel();
                self.restart_quietly = Some(index);
            }
            self.queue.retain(|b| *b != Batch::One(index));
            self.queue.push_front(Batch::One(index));
        }
    }

    /// Adds a check at the end of the queue.
    pub fn push(&mut self, batch: Batch) {
        self.queue.push_back(batch);
    }

    /// The next check to start, if none is running: the batch, and whether it restarts a
    /// check stopped by a newer save (then no new `checking` line is said).
    pub fn take_next(&mut self) -> Option<(Batch, bool)> {
        if self.running.is_some() {
            return None;
        }
        let batch = self.queue.pop_front()?;
        let quiet = self.restart_quietly.take().map(Batch::One) == Some(batch);
        Some((batch, quiet))
    }

    /// Whether nothing is queued or running.
    pub fn idle(&self) -> bool {
        self.running.is_none() && self.queue.is_empty()
    }

    /// A check started on its own thread.
    pub fn started(&mut self, batch: Batch, cancel: Cancel, handle: JoinHandle<()>) {
        self.running = Some(Running {
            batch,
            cancel,
            handle,
        });
    }

    /// The running check reported; returns its batch (None if none was running). A check
    /// that finished before a stop took effect makes the next one a new check.
    pub fn finished(&mut self, cancelled: bool) -> Option<Batch> {
        let running = self.running.take()?;
        let _ = running.handle.join();
        if !cancelled {
            self.restart_quietly = None;
        }
        Some(running.batch)
    }

    /// Stops the check in progress and waits for its thread.
    pub fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.cancel.cancel();
            let _ = running.handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{Batch, DEBOUNCE, Scheduler};
    use crate::runner::process::Cancel;

    #[test]
    fn a_burst_of_saves_is_one_check_after_the_debounce() {
        let mut s = Scheduler::default();
        let t = Instant::now();
        s.saved(3, t);
        s.saved(3, t + Duration::from_millis(5));
        s.flush(t + Duration::from_millis(10), |_| true);
        assert_eq!(s.take_next(), None, "the burst is not over yet");
        s.flush(t + Duration::from_millis(5) + DEBOUNCE, |_| true);
        assert_eq!(s.take_next(), Some((Batch::One(3), false)));
        assert_eq!(s.take_next(), None);
    }

    #[test]
    fn a_save_during_its_check_stops_it_and_restarts_quietly() {
        let mut s = Scheduler::default();
        let cancel = Cancel::new();
        s.started(Batch::One(1), cancel.clone(), std::thread::spawn(|| {}));
        let t = Instant::now();
        s.saved(1, t);
        s.flush(t + DEBOUNCE, |_| true);
        assert!(cancel.is_cancelled(), "the old content's check stops");
        assert_eq!(s.take_next(), None, "one check at a time");
        assert_eq!(s.finished(true), Some(Batch::One(1)));
        assert_eq!(s.take_next(), Some((Batch::One(1), true)));
    }

    #[test]
    fn a_deleted_file_waits_for_its_create() {
        let mut s = Scheduler::default();
        let t = Instant::now();
        s.saved(2, t);
        s.flush(t + DEBOUNCE, |_| false);
        assert_eq!(s.take_next(), None);
        assert!(s.idle());
    }
}

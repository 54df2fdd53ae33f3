//! Starting a check on its own thread and taking its results: recorded progress, what the
//! frontend shows, and plain mode moving on after a pass.

use std::thread;

use super::events::Event;
use super::scheduler::Batch;
use super::{CheckEvents, Watch};
use crate::checks::{Interrupted, Recorded, check_and_record};
use crate::runner::process::Cancel;

impl Watch<'_> {
    pub(super) fn start_next(&mut self) {
        if self.quit {
            return;
        }
        let Some((batch, quiet)) = self.scheduler.take_next() else {
            if self.scheduler.idle() {
                self.background.resume(&self.events);
                self.model.background = self.background.status();
            }
            return;
        };
        // A check never waits for the background build's lock.
        self.background.pause();
        self.model.background = self.background.status();
        let course = &self.context.course;
        let indices: Vec<usize> = match batch {
            Batch::One(index) => vec![index],
            Batch::All => (0..course.manifest.exercises.len()).collect(),
        };
        let names: Vec<String> = indices
            .iter()
            .map(|&i| course.manifest.exercises[i].name.clone())
            .collect();
        if quiet {
            self.model.checking = names;
        } else {
            self.model.start_checks(&names);
        }
        // The first check of a stage whose crates the background build has not reached
        // builds them itself: say so, since it takes longer than a check, once.
        self.model.building = match batch {
            Batch::One(index) => self
                .background
                .take_stage(course.manifest.exercises[index].stage),
            Batch::All => None,
        };
        let cancel = Cancel::new();
        let thread_cancel = cancel.clone();
        let course = course.clone();
        let packages = self.packages.clone();
        let events = self.events.clone();
        let color = self.frontend.color();
        let backtrace = self.context.backtrace;
        let handle = thread::spawn(move || {
            let exercises: Vec<_> = indices
                .iter()
                .map(|&i| &course.manifest.exercises[i])
                .collect();
            let observer = CheckEvents(events.clone());
            let result = check_and_record(
                &course,
                &packages,
                &exercises,
                color,
                backtrace,
                &thread_cancel,
                &observer,
            );
            let _ = events.send(Event::Checked(result));
        });
        self.scheduler.started(batch, cancel, handle);
    }

    pub(super) fn checked(&mut self, result: Result<Recorded, Interrupted>) {
        self.model.building = None;
        let cancelled = matches!(result, Err(Interrupted::Cancelled));
        let Some(batch) = self.scheduler.finished(cancelled) else {
            return;
        };
        let recorded = match result {
            Ok(recorded) => recorded,
            Err(Interrupted::Cancelled) => {
                self.model.checking.clear();
                return;
            }
            Err(Interrupted::Error(e)) => {
                // The state file could not be written: say so and keep watching.
                self.model.checking.clear();
                self.say(e.to_string());
                return;
            }
        };
        if let Some(notice) = recorded.notice {
            self.say(notice);
        }
        self.frontend.results(&recorded.results);
        let current_passed = batch == Batch::One(self.model.position)
            && recorded.results.first().is_some_and(|r| r.outcome.passed());
        self.model.finish_checks(recorded.results, recorded.state);
        // Plain mode moves on by itself after the current exercise passes.
        if self.frontend.moves_on_after_pass()
            && current_passed
            && let Some(next) = self.model.next_pending()
        {
            self.move_to(next);
            self.scheduler.push(Batch::One(next));
        }
    }
}

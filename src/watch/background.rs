//! Building later stages' dependencies while the learner works, so that reaching the SQL or
//! API stage does not mean waiting a minute for rusqlite or axum. A learner's check always
//! comes first: cargo's lock on the target directory would make it wait, so the background
//! build is stopped before every check and resumed after it.

use std::sync::mpsc::Sender;
use std::thread::{self, JoinHandle};

use super::events::Event;
use crate::course::Course;
use crate::runner::cargo::{self, BuildRequest, Targets};
use crate::runner::process::Cancel;
use crate::workspace;

/// One package whose dependencies are still to build, and a bin that pulls them in.
#[derive(Debug, Clone)]
struct Job {
    stage: usize,
    stage_title: String,
    package: String,
    bin: String,
}

/// The background build's queue and its one running cargo.
#[derive(Debug)]
pub struct Background {
    queue: Vec<Job>,
    total: usize,
    running: Option<(Cancel, JoinHandle<()>)>,
    request_base: BuildRequest,
}

impl Background {
    /// The packages that have dependencies, starting at the learner's stage and going on in
    /// course order (earlier stages last).
    pub fn new(course: &Course, packages: &[String], from_stage: usize) -> Background {
        let stages = &course.manifest.stages;
        let order = (from_stage..stages.len()).chain(0..from_stage);
        let queue: Vec<Job> = order
            .filter(|&i| workspace::has_dependencies(course, &stages[i]))
            .map(|i| Job {
                stage: i,
                stage_title: stages[i].title.clone(),
                package: packages[i].clone(),
                bin: course.manifest.exercises[stages[i].exercises.start]
                    .name
                    .clone(),
            })
            .collect();
        Background {
            total: queue.len(),
            queue,
            running: None,
            request_base: BuildRequest {
                dir: course.root.clone(),
                manifest_path: course.root.join("Cargo.toml"),
                target_dir: None,
                packages: Vec::new(),
                targets: Targets::Many {
                    programs: Vec::new(),
                },
                color: false,
            },
        }
    }

    /// What it is doing, for the status line; None when there is nothing left.
    pub fn status(&self) -> Option<String> {
        let job = self.queue.first()?;
        let state = if self.running.is_some() {
            "building"
        } else {
            "paused while checking"
        };
        Some(format!(
            "preparing later stages in the background: {state} the crates of {} ({}/{})",
            job.stage_title,
            self.total - self.queue.len() + 1,
            self.total
        ))
    }

    /// Starts the next package's build if nothing runs.
    pub fn resume(&mut self, events: &Sender<Event>) {
        if self.running.is_some() {
            return;
        }
        let Some(job) = self.queue.first().cloned() else {
            return;
        };
        let cancel = Cancel::new();
        let mut request = self.request_base.clone();
        request.packages = vec![job.package];
        // Building one bin of the package builds all of its dependencies first; whether the
        // learner's bin itself compiles does not matter here.
        request.targets = Targets::One {
            bin: job.bin,
            test: false,
        };
        let events = events.clone();
        let thread_cancel = cancel.clone();
        let handle = thread::spawn(move || {
            let result = cargo::build(&request, &|| {}, &thread_cancel);
            let completed = result.is_ok();
            let _ = events.send(Event::BackgroundEnded { completed });
        });
        self.running = Some((cancel, handle));
    }

    /// Stops the running build and waits until cargo is gone (its lock released).
    pub fn pause(&mut self) {
        if let Some((cancel, handle)) = self.running.take() {
            cancel.cancel();
            let _ = handle.join();
        }
    }

    /// A build ended: a completed package leaves the queue.
    pub fn ended(&mut self, completed: bool) {
        if let Some((_, handle)) = self.running.take() {
            let _ = handle.join();
        }
        if completed && !self.queue.is_empty() {
            self.queue.remove(0);
        } else if !completed {
            // Cargo itself failed (not a stop by us): do not retry forever.
            self.queue.clear();
        }
    }

    /// The title of a stage whose crates are not built yet, when a check of it starts: that
    /// check builds them itself (the first time takes longer, once). It leaves the queue.
    pub fn take_stage(&mut self, stage: usize) -> Option<String> {
        let at = self.queue.iter().position(|job| job.stage == stage)?;
        Some(self.queue.remove(at).stage_title)
    }

    /// Whether a build is running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

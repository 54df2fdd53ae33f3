//! Watch mode: one loop owns the model and reacts to one stream of events (saves, keys,
//! signals, resizes, finished checks). The parts: [`scheduler`] decides when checks run,
//! [`keys`] what a key does, [`frontend`] how it is shown (plain lines or a screen),
//! [`events`] where events come from, [`model`] what watch mode knows.

pub mod background;
pub mod events;
pub mod frontend;
pub mod keys;
pub mod model;
pub mod scheduler;
pub mod terminal;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::checks::{Interrupted, Recorded, check_and_record};
use crate::cli::args::WatchArgs;
use crate::cli::{Context, Finished, dumb_terminal};
use crate::course::EXERCISES_DIR;
use crate::error::UserError;
use crate::runner::process::Cancel;
use crate::runner::{CheckResult, Observer};
use crate::ui::progress::LOCK_WAIT_MESSAGE;
use crate::workspace;
use background::Background;
use events::{Event, ExerciseFiles, FileWatcher};
use frontend::{Frontend, Paths, Plain, ScreenFrontend};
use keys::Effect;
use model::Model;
use scheduler::{Batch, Scheduler};
use terminal::TerminalGuard;

/// How long the native watcher may take to report its probe before polling takes over.
const PROBE_WAIT: Duration = Duration::from_secs(3);

/// Tells the loop about the lock and about each exercise judged in a check of many.
struct CheckEvents(Sender<Event>);

impl Observer for CheckEvents {
    fn lock_wait(&self) {
        let _ = self.0.send(Event::LockWait);
    }

    fn finished(&self, result: &CheckResult) {
        let _ = self.0.send(Event::Judged(result.name.clone()));
    }
}

struct Watch<'a> {
    context: &'a Context,
    packages: Vec<String>,
    model: Model,
    frontend: Box<dyn Frontend + 'a>,
    events: Sender<Event>,
    scheduler: Scheduler,
    background: Background,
    edit_cmd: Option<String>,
    quit: bool,
}

/// Runs watch mode until the learner quits, input ends, or a signal arrives.
///
/// # Errors
/// The course's packages are stale, the state file cannot be read, or the files cannot be
/// watched.
pub fn run(context: &Context, options: &WatchArgs) -> Result<Finished, UserError> {
    let course = &context.course;
    let packages = workspace::packages(course)?;
    let state = context.load_state()?;
    let model = Model::new(course.manifest.clone(), state);
    let (sender, receiver) = mpsc::channel();

    let paths: Vec<PathBuf> = course
        .manifest
        .exercises
        .iter()
        .map(|e| course.exercise_path(e))
        .collect();
    let mut files = ExerciseFiles::new(paths.clone());
    let exercises_dir = course.root.join(EXERCISES_DIR);
    let (mut watcher, fallback) =
        events::watch_files(&exercises_dir, &files, &sender, options.poll)
            .map_err(UserError::new)?;
    let mut probe_deadline = None;
    if matches!(watcher, FileWatcher::Native(_)) {
        let dir = exercises_dir.clone();
        let events = sender.clone();
        thread::spawn(move || events::probe(&dir, &events));
        probe_deadline = Some(Instant::now() + PROBE_WAIT);
    }
    events::forward_signals(sender.clone()).map_err(UserError::new)?;
    events::watch_identity(
        exercises_dir,
        paths,
        context.state_file().path().to_path_buf(),
        sender.clone(),
    );
    // A terminal with capabilities gets the screen; pipes and TERM=dumb the line protocol.
    let screen =
        std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && !dumb_terminal();
    let frontend: Box<dyn Frontend> = if screen {
        let guard = TerminalGuard::take()
            .map_err(|e| UserError::new(format!("cannot use the terminal: {e}")))?;
        events::read_terminal_keys(sender.clone());
        Box::new(ScreenFrontend {
            out: context.out.clone(),
            command: context.command.clone(),
            guard,
        })
    } else {
        events::read_plain_keys(sender.clone());
        Box::new(Plain {
            err: context.err.clone(),
        })
    };

    let from_stage = course.manifest.exercises[model.position].stage;
    let mut watch = Watch {
        context,
        background: Background::new(course, &packages, from_stage),
        packages,
        model,
        frontend,
        events: sender,
        scheduler: Scheduler::default(),
        edit_cmd: options.edit_cmd.clone(),
        quit: false,
    };
    if let Some(message) = fallback {
        watch.say(message);
    }
    if !screen
        && !watch.model.state.welcomed
        && let Some(welcome) = &course.manifest.welcome
    {
        eprintln!("{}", welcome.trim_end());
    }
    watch.open_in_editor();
    watch.scheduler.push(Batch::One(watch.model.position));
    watch.start_next();
    watch.deliver();
    if !watch.model.state.welcomed {
        // The welcome was shown; the next state read (after the first check) has it set.
        match context.state_file().update(|s| s.welcomed = true) {
            Ok(loaded) => {
                if let Some(notice) = loaded.notice {
                    watch.say(notice);
                }
            }
            Err(e) => watch.say(e.to_string()),
        }
    }

    let result = watch.event_loop(&receiver, &mut watcher, &mut probe_deadline, &mut files);
    watch.scheduler.stop();
    watch.background.pause();
    drop(watcher);
    result
}

impl Watch<'_> {
    fn event_loop(
        &mut self,
        receiver: &Receiver<Event>,
        watcher: &mut FileWatcher,
        probe_deadline: &mut Option<Instant>,
        files: &mut ExerciseFiles,
    ) -> Result<Finished, UserError> {
        while !self.quit {
            let next_deadline = self
                .scheduler
                .next_deadline()
                .into_iter()
                .chain(*probe_deadline)
                .min();
            let event = match next_deadline {
                Some(deadline) => {
                    match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    {
                        Ok(event) => Some(event),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                None => match receiver.recv() {
                    Ok(event) => Some(event),
                    Err(_) => break,
                },
            };
            match event {
                Some(Event::ProbeSeen) => *probe_deadline = None,
                Some(Event::ProbeUnwritable(message)) => {
                    // No probe can come: it is not the file system's events that fail.
                    *probe_deadline = None;
                    self.say(message);
                }
                Some(Event::Rewatch) => self.rewatch(watcher, files),
                Some(event) => self.handle(event)?,
                None => {}
            }
            if probe_deadline.is_some_and(|d| Instant::now() >= d) {
                *probe_deadline = None;
                let dir = self.context.course.root.join(EXERCISES_DIR);
                if let Ok((poller, _)) = events::watch_files(&dir, files, &self.events, true) {
                    *watcher = poller;
                    self.say(
                        "the file watcher reported no events here (a network or virtual file \
                         system?); watching by polling instead"
                            .to_owned(),
                    );
                }
            }
            let course = &self.context.course;
            self.scheduler.flush(Instant::now(), |index| {
                course
                    .exercise_path(&course.manifest.exercises[index])
                    .is_file()
            });
            self.start_next();
            self.deliver();
        }
        Ok(Finished::Success)
    }

    /// Makes the watches again after the exercises directory was replaced or a symlinked
    /// exercise was pointed elsewhere, and says so.
    fn rewatch(&mut self, watcher: &mut FileWatcher, files: &mut ExerciseFiles) {
        let course = &self.context.course;
        let paths = course
            .manifest
            .exercises
            .iter()
            .map(|e| course.exercise_path(e))
            .collect();
        *files = ExerciseFiles::new(paths);
        let poll = matches!(watcher, FileWatcher::Poll(_));
        let dir = course.root.join(EXERCISES_DIR);
        match events::watch_files(&dir, files, &self.events, poll) {
            Ok((fresh, _)) => {
                *watcher = fresh;
                self.say(format!(
                    "{} was replaced (or a linked exercise moved); watching it again",
                    dir.display()
                ));
            }
            Err(e) => self.say(format!("{e}; saves are not noticed until it is back")),
        }
    }

    fn handle(&mut self, event: Event) -> Result<(), UserError> {
        match event {
            Event::Saved(index) => self.scheduler.saved(index, Instant::now()),
            Event::Key(press) => {
                let screen = self.is_screen();
                let effects = keys::handle(&mut self.model, press, screen);
                for effect in effects {
                    self.apply(effect);
                }
            }
            Event::InputClosed | Event::Signal => self.quit = true,
            Event::Checked(result) => self.checked(result),
            Event::Judged(name) => {
                let judged = self.model.progress.as_ref().map_or(0, |(n, _)| *n) + 1;
                self.model.progress = Some((judged, name));
            }
            Event::StateChanged => self.state_changed()?,
            Event::BackgroundEnded { completed } => {
                // A build we stopped ourselves reports too; only its own end counts.
                if self.background.is_running() {
                    self.background.ended(completed);
                    self.background.resume(&self.events);
                }
                self.model.background = self.background.status();
            }
            Event::Resize | Event::ProbeSeen | Event::ProbeUnwritable(_) | Event::Rewatch => {}
            Event::LockWait => self.say(format!("{LOCK_WAIT_MESSAGE}…")),
        }
        Ok(())
    }

    fn is_screen(&self) -> bool {
        !self.frontend.moves_on_after_pass()
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Quit => self.quit = true,
            Effect::MoveAndCheck(index) => {
                self.move_to(index);
                self.scheduler.push(Batch::One(index));
            }
            Effect::Recheck => self.scheduler.push(Batch::One(self.model.position)),
            Effect::CheckAll => self.scheduler.push(Batch::All),
            Effect::Say(message) => self.say(message),
            Effect::PrintList => self.frontend.list(&self.model),
            Effect::PrintHint => self.frontend.hint(&self.model),
        }
    }

    /// Another process wrote the state file: take its passes, and follow a position it moved
    /// (`run NAME` in another terminal), saying so.
    fn state_changed(&mut self) -> Result<(), UserError> {
        let loaded = self.context.state_file().load()?;
        if let Some(notice) = loaded.notice {
            self.say(notice);
        }
        let state = loaded.state;
        let moved = state
            .current
            .as_deref()
            .filter(|name| *name != self.model.current_name())
            .and_then(|name| self.model.manifest.index_of(name));
        self.model.state = state;
        if let Some(index) = moved {
            self.model.move_to(index);
            self.say(format!(
                "moved to {}, as another backlings command did",
                self.model.current_name()
            ));
            self.open_in_editor();
            self.scheduler.push(Batch::One(index));
        }
        Ok(())
    }

    fn start_next(&mut self) {
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

    fn checked(&mut self, result: Result<Recorded, Interrupted>) {
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

    fn move_to(&mut self, index: usize) {
        if index == self.model.position {
            return;
        }
        self.model.move_to(index);
        let name = self.model.current_name().to_owned();
        match self.context.state_file().update(|s| s.current = Some(name)) {
            Ok(loaded) => {
                if let Some(notice) = loaded.notice {
                    self.say(notice);
                }
            }
            Err(e) => self.say(e.to_string()),
        }
        self.open_in_editor();
    }

    /// Runs `--edit-cmd` for the current exercise at its first TODO, without waiting for it.
    fn open_in_editor(&self) {
        let Some(command) = &self.edit_cmd else {
            return;
        };
        let exercise = &self.model.manifest.exercises[self.model.position];
        let path: PathBuf = self.context.course.exercise_path(exercise);
        let line = first_todo(&path);
        let Some((program, args)) = crate::editor::command(command, &path, line) else {
            return;
        };
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            thread::spawn(move || child.wait());
        }
    }

    fn say(&mut self, message: String) {
        self.frontend.say(&mut self.model, message);
    }

    /// Plain mode: one line per notice. Screen: redraw.
    fn deliver(&mut self) {
        let course = &self.context.course;
        let exercise = &course.manifest.exercises[self.model.position];
        let paths = Paths {
            exercise_rel: course.exercise_rel(exercise),
            exercise_abs: course.exercise_path(exercise).display().to_string(),
            solution_rel: course.solution_rel(exercise),
            todo_line: first_todo(&course.exercise_path(exercise)),
        };
        self.frontend.deliver(&mut self.model, &paths);
    }
}

/// The line of the first `// TODO` in an exercise file, if it has one.
fn first_todo(path: &Path) -> Option<usize> {
    let source = std::fs::read_to_string(path).ok()?;
    crate::anatomy::todo_spots(&source).first().copied()
}

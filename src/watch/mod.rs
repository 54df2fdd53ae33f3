//! Watch mode: one loop owns the model and reacts to one stream of events (saves, keys,
//! signals, resizes, finished checks). The parts: [`scheduler`] decides when checks run,
//! [`keys`] what a key does, [`frontend`] how it is shown (plain lines or a screen),
//! [`events`] where events come from, [`model`] what watch mode knows.

pub mod background;
pub mod events;
mod files;
pub mod frontend;
pub mod keys;
mod running;
pub mod scheduler;
pub mod terminal;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::course::EXERCISES_DIR;
use crate::error::UserError;
use crate::runner::{CheckResult, Observer};
use crate::session::{Context, Finished, dumb_terminal};
use crate::ui::model::Model;
use crate::ui::progress::LOCK_WAIT_MESSAGE;
use crate::workspace;
use background::Background;
use events::{Event, ExerciseFiles, FileWatcher};
use frontend::{Frontend, Paths, Plain, ScreenFrontend};
use keys::Effect;
use scheduler::{Batch, Scheduler};
use terminal::TerminalGuard;

/// How long the native watcher may take to report its probe before polling takes over.
const PROBE_WAIT: Duration = Duration::from_secs(3);

/// How watch mode watches and opens files.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Poll the files instead of using the system's file events.
    pub poll: bool,
    /// The editor to open the current exercise in (`--edit-cmd`).
    pub edit_cmd: Option<String>,
}

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
pub fn run(context: &Context, options: &Options) -> Result<Finished, UserError> {
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
    if matches!(watcher, FileWatcher::Native { .. }) {
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
            _guard: guard,
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
            todo_line: course.first_todo(exercise),
        };
        self.frontend.deliver(&mut self.model, &paths);
    }
}

//! Everything watch mode reacts to, as one event enum on one channel: file saves, keys,
//! end of input, signals, finished checks and background build progress.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use notify::{Config, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::checks::{Interrupted, Recorded};

pub use super::keys::Press;

/// One thing that happened.
#[derive(Debug)]
pub enum Event {
    /// An exercise file changed (index into the manifest's exercises).
    Saved(usize),
    /// A key.
    Key(Press),
    /// Standard input ended (plain mode).
    InputClosed,
    /// SIGINT or SIGTERM.
    Signal,
    /// A batch of checks ended.
    Checked(Result<Recorded, Interrupted>),
    /// The background dependency build of one package ended (completed or stopped).
    BackgroundEnded {
        /// Whether cargo ran to the end (dependencies are built).
        completed: bool,
    },
    /// The probe file written to test the file watcher was seen.
    ProbeSeen,
    /// The probe could not be written: the exercises directory is not writable.
    ProbeUnwritable(String),
    /// Cargo waits for another process's lock on the target directory.
    LockWait,
    /// The exercises directory was replaced, or a symlinked exercise points elsewhere now.
    Rewatch,
    /// The terminal changed size.
    Resize,
    /// Another process wrote the state file.
    StateChanged,
    /// A check of many exercises judged one more (its name).
    Judged(String),
}

/// Maps the exercise files' paths to their indices. An exercise file that is a symlink is
/// known by its target's path too, since saving the target is what the learner does.
#[derive(Debug, Clone)]
pub struct ExerciseFiles {
    by_path: HashMap<PathBuf, usize>,
    /// Directories outside the watched tree that hold symlink targets.
    outside: Vec<PathBuf>,
}

impl ExerciseFiles {
    /// The table for these paths (in exercise order), with the targets of those that are
    /// symlinks.
    pub fn new(paths: Vec<PathBuf>) -> ExerciseFiles {
        let mut by_path = HashMap::new();
        let mut outside = Vec::new();
        for (index, path) in paths.into_iter().enumerate() {
            let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
            if is_link && let Ok(target) = std::fs::canonicalize(&path) {
                if let Some(dir) = target.parent()
                    && !outside.iter().any(|d| d == dir)
                {
                    outside.push(dir.to_path_buf());
                }
                by_path.insert(target, index);
            }
            by_path.insert(path, index);
        }
        ExerciseFiles { by_path, outside }
    }

    /// The exercise a path belongs to. Editor swap and backup files, files under target/
    /// and anything else are not exercises.
    pub fn lookup(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// What identifies the watched tree: the exercises directory's device and inode and the
    /// symlinks' targets. When it changes (the directory was moved away and copied back, a
    /// link now points elsewhere), the watches must be made again.
    pub fn identity(dir: &Path, paths: &[PathBuf]) -> (Option<(u64, u64)>, Vec<Option<PathBuf>>) {
        use std::os::unix::fs::MetadataExt;
        let dir_id = std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()));
        let targets = paths
            .iter()
            .map(|p| {
                std::fs::symlink_metadata(p)
                    .ok()
                    .filter(|m| m.is_symlink())
                    .and_then(|_| std::fs::canonicalize(p).ok())
            })
            .collect();
        (dir_id, targets)
    }
}

/// Looks once a second whether the watched tree is still the one being watched, and sends
/// [`Event::Rewatch`] when it is not; and whether the state file changed (another backlings
/// process recorded a pass or moved the position), sending [`Event::StateChanged`].
pub fn watch_identity(dir: PathBuf, paths: Vec<PathBuf>, state: PathBuf, events: Sender<Event>) {
    thread::spawn(move || {
        let stamp = |path: &Path| {
            std::fs::metadata(path)
                .ok()
                .map(|m| (m.modified().ok(), m.len()))
        };
        let mut known = ExerciseFiles::identity(&dir, &paths);
        let mut state_stamp = stamp(&state);
        loop {
            thread::sleep(Duration::from_secs(1));
            let now = ExerciseFiles::identity(&dir, &paths);
            if now != known {
                known = now;
                if events.send(Event::Rewatch).is_err() {
                    return;
                }
            }
            let stamped = stamp(&state);
            if stamped != state_stamp {
                state_stamp = stamped;
                if events.send(Event::StateChanged).is_err() {
                    return;
                }
            }
        }
    });
}

/// The file watcher, kept alive as long as watch mode runs: it is only held, since dropping
/// it stops the events.
pub enum FileWatcher {
    /// The system's file events (inotify, FSEvents, kqueue).
    Native {
        /// Held for its lifetime.
        _watcher: RecommendedWatcher,
    },
    /// Polling.
    Poll {
        /// Held for its lifetime.
        _watcher: PollWatcher,
    },
}

impl std::fmt::Debug for FileWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileWatcher::Native { .. } => "FileWatcher::Native",
            FileWatcher::Poll { .. } => "FileWatcher::Poll",
        })
    }
}

fn handler(
    files: ExerciseFiles,
    events: Sender<Event>,
) -> impl Fn(notify::Result<notify::Event>) + Send + 'static {
    move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(PROBE_PREFIX))
            {
                let _ = events.send(Event::ProbeSeen);
            } else if let Some(index) = files.lookup(path) {
                let _ = events.send(Event::Saved(index));
            }
        }
    }
}

/// File names that start so are the watcher's own probes.
pub const PROBE_PREFIX: &str = ".backlings-probe";

/// Writes and removes a probe file in `dir`, so that a watcher that gets no events (some
/// network and virtual file systems) can be noticed. A probe that cannot be written means
/// the directory is not writable, which is said instead.
pub fn probe(dir: &Path, events: &Sender<Event>) {
    let path = dir.join(format!("{PROBE_PREFIX}-{}", std::process::id()));
    match std::fs::write(&path, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&path);
        }
        Err(e) => {
            let _ = events.send(Event::ProbeUnwritable(format!(
                "{} is not writable ({e}): your saves and the checks' builds will fail; make \
                 the course yours (`chown -R` or `chmod -R u+w`) or work in a copy you own",
                dir.display()
            )));
        }
    }
}

/// How often polling looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(150);

/// Watches `dir` (recursively) for changes to the exercise files. Uses the system's events
/// unless `poll` is set or they cannot start, in which case it polls and returns why.
///
/// # Errors
/// Neither the system's events nor polling can watch `dir`.
pub fn watch_files(
    dir: &Path,
    files: &ExerciseFiles,
    events: &Sender<Event>,
    poll: bool,
) -> Result<(FileWatcher, Option<String>), String> {
    if !poll {
        match RecommendedWatcher::new(handler(files.clone(), events.clone()), Config::default())
            .and_then(|mut w| w.watch(dir, RecursiveMode::Recursive).map(|()| w))
            .map(|mut w| {
                // Symlink targets outside the tree: a failure here leaves the link's own
                // events, which an editor that writes through the link still produces.
                for outside in &files.outside {
                    let _ = w.watch(outside, RecursiveMode::NonRecursive);
                }
                w
            }) {
            Ok(watcher) => {
                return Ok((FileWatcher::Native { _watcher: watcher }, None));
            }
            Err(e) => {
                let (watcher, _) = watch_files(dir, files, events, true)?;
                return Ok((
                    watcher,
                    Some(format!(
                        "file events are not available ({e}); watching by polling instead"
                    )),
                ));
            }
        }
    }
    let config = Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    let mut watcher = PollWatcher::new(handler(files.clone(), events.clone()), config)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    for outside in &files.outside {
        let _ = watcher.watch(outside, RecursiveMode::NonRecursive);
    }
    Ok((FileWatcher::Poll { _watcher: watcher }, None))
}

/// Reads keys and resizes from the terminal on one thread for the whole program (crossterm).
/// The terminal is raw throughout, so Ctrl-C arrives as a key and means quit.
pub fn read_terminal_keys(events: Sender<Event>) {
    use crossterm::event::{self as term, KeyCode, KeyEventKind, KeyModifiers};
    thread::spawn(move || {
        loop {
            let event = match term::read() {
                Ok(event) => event,
                Err(_) => {
                    let _ = events.send(Event::InputClosed);
                    return;
                }
            };
            let sent = match event {
                term::Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let press = match key.code {
                        KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                            Press::Interrupt
                        }
                        KeyCode::Char(c) => Press::Char(c),
                        KeyCode::Up => Press::Up,
                        KeyCode::Down => Press::Down,
                        KeyCode::Enter => Press::Enter,
                        KeyCode::Esc => Press::Esc,
                        KeyCode::Backspace => Press::Backspace,
                        _ => continue,
                    };
                    events.send(Event::Key(press))
                }
                term::Event::Resize(..) => events.send(Event::Resize),
                _ => continue,
            };
            if sent.is_err() {
                return;
            }
        }
    });
}

/// Reads one key per line of standard input (plain mode); end of input is an event.
pub fn read_plain_keys(events: Sender<Event>) {
    thread::spawn(move || {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let Ok(line) = line else { break };
            let mut chars = line.trim().chars();
            let (Some(key), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let press = Press::Char(key);
            if events.send(Event::Key(press)).is_err() {
                return;
            }
        }
        let _ = events.send(Event::InputClosed);
    });
}

/// Turns SIGINT, SIGTERM and SIGHUP (the terminal closed) into events.
///
/// # Errors
/// The signal handlers cannot be installed.
pub fn forward_signals(events: Sender<Event>) -> Result<(), String> {
    let mut signals = signal_hook::iterator::Signals::new(crate::signals::ENDING)
        .map_err(|e| format!("cannot listen for signals: {e}"))?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = events.send(Event::Signal);
        }
    });
    Ok(())
}

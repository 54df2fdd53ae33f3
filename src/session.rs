//! What every command shares, below the commands themselves: the session's context (the
//! course and how to draw on each stream), how a command ended, and writing to stdout.

use std::io::Write;

use crate::course::Course;
use crate::error::UserError;
use crate::progress::{Loaded, State, StateFile};
use crate::ui::Theme;

/// How a command ended when nothing went wrong with the course or the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// It did what was asked and everything it checked passed.
    Success,
    /// Something it checked did not pass.
    Failure,
    /// The machine kept something from being checked (the results say why); exit 2.
    Environment,
    /// A signal (SIGINT, SIGTERM, SIGHUP) ended it after the learner's processes were ended;
    /// exit 128 + the signal's number.
    Interrupted(i32),
}

impl Finished {
    /// How a check of these results ended: the environment first, then any failure.
    pub fn of(results: &[crate::runner::CheckResult]) -> Finished {
        if results
            .iter()
            .any(|r| r.outcome.environment_problem().is_some())
        {
            Finished::Environment
        } else if results.iter().all(|r| r.outcome.passed()) {
            Finished::Success
        } else {
            Finished::Failure
        }
    }
}

/// What every command gets: the course and how to draw on each stream.
#[derive(Debug)]
pub struct Context {
    /// The course.
    pub course: Course,
    /// Styles for stdout.
    pub out: Theme,
    /// Styles for stderr.
    pub err: Theme,
    /// Whether exercise programs may print backtraces (`--backtrace`).
    pub backtrace: bool,
    /// How the learner runs backlings' commands, for messages: `backlings`, or
    /// `cargo run --` when cargo started it.
    pub command: String,
}

impl Context {
    /// The course's state file.
    pub fn state_file(&self) -> StateFile {
        StateFile::at(&self.course.root)
    }

    /// Changes the state on disk (under its lock), telling the learner if an unreadable file
    /// was moved aside first.
    ///
    /// # Errors
    /// The state file cannot be read, locked or written.
    pub fn update_state(&self, change: impl FnOnce(&mut State)) -> Result<State, UserError> {
        let Loaded { state, notice } = self.state_file().update(change)?;
        self.tell(notice);
        Ok(state)
    }

    /// Says a state file notice, if there is one, on stderr.
    pub fn tell(&self, notice: Option<String>) {
        if let Some(notice) = notice {
            eprintln!("{}", self.err.warn(&notice));
        }
    }

    /// Loads the state, telling the learner if an unreadable file was moved aside.
    ///
    /// # Errors
    /// As [`StateFile::load`].
    pub fn load_state(&self) -> Result<State, UserError> {
        let Loaded { state, notice } = self.state_file().load()?;
        self.tell(notice);
        Ok(state)
    }
}

/// How the learner starts backlings: `cargo run --` when `cargo run` in the bundled course
/// started it (cargo sets `CARGO_PKG_NAME` for the program it runs), else `backlings`.
pub fn command_name() -> String {
    if std::env::var_os("CARGO_PKG_NAME").is_some_and(|n| n == "backlings") {
        "cargo run --".to_owned()
    } else {
        "backlings".to_owned()
    }
}

/// `TERM=dumb`: a terminal that takes no escape sequences at all.
pub fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Writes to stdout, ignoring a closed pipe (`backlings list | head`).
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

//! The commands: each loads what it needs, does its work, and says whether it succeeded.

pub mod args;
mod doctor;
mod learner;

use std::io::{IsTerminal, Write};

use crate::course::{self, Course};
use crate::dev;
use crate::error::UserError;
use crate::progress::{Loaded, State, StateFile};
use crate::shipped::{self, Pristine};
use crate::ui::Theme;
use crate::watch;
use args::{Cli, ColorChoice, Command, DevCommand};

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
    pub fn load_state(&self) -> Result<State, UserError> {
        let Loaded { state, notice } = self.state_file().load()?;
        self.tell(notice);
        Ok(state)
    }
}

/// Whether a stream gets colors: `--color always` or `never`, else a terminal that is not
/// `TERM=dumb` (a terminal without capabilities) and no `NO_COLOR` (no-color.org).
fn color_enabled(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none() && !dumb_terminal()
        }
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

/// Runs a parsed command line.
///
/// # Errors
/// The course cannot be found or loaded, or the command's own error.
pub fn execute(cli: Cli) -> Result<Finished, UserError> {
    let locate = || course::locate(cli.course.as_deref());
    let out = Theme::new(color_enabled(cli.color, std::io::stdout().is_terminal()));
    let err = Theme::new(color_enabled(cli.color, std::io::stderr().is_terminal()));
    let open = || -> Result<Context, UserError> {
        // A missing exercise file is not an error here: list, progress and hint show it as
        // missing, reset restores it, and a check of its stage says so.
        let course = Course::load_manifest(&locate()?)?;
        shipped::save_pristine(&course, Pristine::KeepFirst)?;
        Ok(Context {
            course,
            out: out.clone(),
            err: err.clone(),
            backtrace: cli.backtrace,
            command: command_name(),
        })
    };
    match cli.command.unwrap_or(Command::Watch(cli.watch)) {
        Command::Watch(options) => watch::run(&open()?, &options),
        Command::Run { name } => learner::run(&open()?, name.as_deref()),
        Command::Verify { names, format } => learner::verify(&open()?, &names, format),
        Command::Progress { format } => learner::progress(&open()?, format),
        Command::Doctor { format } => doctor::doctor(&open()?, format),
        Command::Completions { shell } => {
            // No course needed: a shell's start-up script runs it anywhere.
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "backlings", &mut script);
            print(&String::from_utf8_lossy(&script));
            Ok(Finished::Success)
        }
        Command::List { format } => learner::list(&open()?, format),
        Command::Hint { name, all } => learner::hint(&open()?, name.as_deref(), all),
        Command::Reset { name } => learner::reset(&open()?, &name),
        Command::Dev(dev_command) => {
            let root = locate()?;
            // An instructor's working files are what ships: refresh the pristine copies. A
            // course that does not load is reported by the command itself.
            if let Ok(course) = Course::load(&root) {
                shipped::save_pristine(&course, Pristine::Refresh)?;
            }
            match dev_command {
                DevCommand::Sync => dev::sync(&root),
                DevCommand::New { name, stage, mode } => dev::new(&root, &name, &stage, mode),
                DevCommand::Check { strict } => dev::check(&root, &err, strict),
            }
        }
    }
}

/// Writes to stdout, ignoring a closed pipe (`backlings list | head`).
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

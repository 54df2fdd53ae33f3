//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::manifest::Mode;

/// Learn backend development by fixing small Rust programs.
#[derive(Debug, Parser)]
#[command(name = "backlings", version, about, long_about = None)]
pub struct Cli {
    /// The course directory (default: the working directory or the nearest parent with an
    /// info.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub course: Option<PathBuf>,
    /// When to use colors (NO_COLOR in the environment means never, unless always is given).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Let exercise programs print backtraces on a panic (RUST_BACKTRACE=1). Off by
    /// default, so a failure shows its message, not every stack frame.
    #[arg(long, global = true)]
    pub backtrace: bool,
    /// Watch options for bare `backlings`.
    #[command(flatten)]
    pub watch: WatchArgs,
    /// What to do (default: watch).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// When to use colors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On terminals, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output format of `verify`, `progress` and `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Output format of `verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// For people.
    Text,
    /// One JSON document on stdout.
    Json,
    /// A JUnit XML report on stdout: one testsuite per stage, one testcase per exercise.
    Junit,
}

/// Options of watch mode.
#[derive(Debug, Clone, Default, Args)]
pub struct WatchArgs {
    /// Poll the files instead of using the system's file events.
    #[arg(long)]
    pub poll: bool,
    /// Run `CMD <path>` whenever the current exercise changes (to open it in an editor).
    #[arg(long, value_name = "CMD")]
    pub edit_cmd: Option<String>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Watch the exercise files and check each one when it is saved (the default).
    Watch(WatchArgs),
    /// Check one exercise (default: the current one) and show its output.
    Run {
        /// The exercise.
        name: Option<String>,
    },
    /// Check every exercise (or those named) and print the stage report.
    Verify {
        /// Exercises to check (default: all).
        names: Vec<String>,
        /// Output format: text, one JSON document, or a JUnit XML report (for CI).
        #[arg(long, value_enum, default_value_t = VerifyFormat::Text)]
        format: VerifyFormat,
    },
    /// Check that this machine has what the course needs (toolchain, C compiler, programs,
    /// disk, writable directories, file events, terminal).
    Doctor {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Show the stage report from recorded progress (runs no code).
    Progress {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List every exercise with its stage and status.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show the first hint of an exercise (default: the current one), or all of them.
    Hint {
        /// The exercise.
        name: Option<String>,
        /// Show every hint.
        #[arg(long)]
        all: bool,
    },
    /// Restore an exercise file (or a support file) as the course shipped it; an exercise
    /// is marked pending.
    Reset {
        /// The exercise, or a support file's path (exercises/<stage dir>/support/FILE).
        name: String,
    },
    /// Tools for writing courses.
    #[command(subcommand)]
    Dev(DevCommand),
}

/// Instructor commands.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Create missing packages and rewrite each stage package's bin list from info.toml.
    Sync,
    /// Add an exercise: manifest entry, exercise and solution files, bin entry.
    New {
        /// The new exercise's name.
        name: String,
        /// The stage to add it to.
        #[arg(long, value_name = "ID")]
        stage: String,
        /// How it is judged.
        #[arg(long, value_enum, default_value_t = Mode::default())]
        mode: Mode,
    },
    /// Check that the course is sound, and measure what a learner meets.
    Check {
        /// Fail on anatomy warnings too (long files, late or many TODOs, big solution
        /// diffs, slow unsolved runs, assertions without messages).
        #[arg(long)]
        strict: bool,
        /// Build, run and measure only this stage's exercises (repeatable); the manifest and
        /// the layout are still checked whole.
        #[arg(long = "stage", value_name = "ID")]
        stages: Vec<String>,
    },
}

/// `--mode`'s values are the manifest's modes, spelt as in `info.toml`.
impl ValueEnum for Mode {
    fn value_variants<'a>() -> &'a [Mode] {
        &Mode::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.judged_by()))
    }
}

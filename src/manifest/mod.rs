//! The course manifest, `info.toml`: parsing and validation. Pure: it reads a string and
//! returns a validated [`Manifest`] or one [`ManifestError`] that names the file, the line and
//! column, and what to do.

mod raw;
mod validate;
mod version2;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

/// The newest manifest format this runner understands. Version 2 adds mutant tables,
/// `requires` and `[checks]`.
pub const FORMAT_VERSION: u32 = 2;

/// The file name of the manifest at a course's root.
pub const FILE_NAME: &str = "info.toml";

/// The default bound on running an exercise (not on compiling it).
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// The largest `timeout_secs` a manifest may give: ten minutes.
pub const MAX_TIMEOUT_SECS: u64 = 600;

/// A validated course manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The manifest format the course was written for.
    pub format_version: u32,
    /// The course's title, shown in watch mode and reports.
    pub title: String,
    /// Shown once, before the first exercise.
    pub welcome: Option<String>,
    /// Shown when every exercise is done.
    pub farewell: Option<String>,
    /// The stages in course order.
    pub stages: Vec<Stage>,
    /// Every exercise of every stage, in course order (stage by stage).
    pub exercises: Vec<Exercise>,
    /// `dev check`'s thresholds for what a learner meets.
    pub checks: Checks,
}

/// `dev check`'s thresholds (`[checks]`, format version 2); the defaults are the anatomy
/// targets of the authoring guide.
#[derive(Debug, Clone, PartialEq)]
pub struct Checks {
    /// Most lines in a learner's file.
    pub max_lines: usize,
    /// Latest line of the first `// TODO`.
    pub max_first_todo_line: usize,
    /// Most `// TODO` comments outside the opening comment.
    pub max_todo_spots: usize,
    /// Most places a solution differs from its exercise (comment-only lines ignored).
    pub max_solution_hunks: usize,
    /// Longest run phase of an unsolved exercise, in seconds (warm; mutants excluded).
    pub max_unsolved_run_secs: f64,
    /// Fewest assertions with a message in a stage's shipped tests, in percent.
    pub min_assert_message_percent: u8,
    /// Highest median of a stage's learner-file lengths, in lines.
    pub median_lines: usize,
    /// Highest median of a stage's first-`// TODO` lines.
    pub median_first_todo_line: usize,
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            max_lines: 200,
            max_first_todo_line: 60,
            max_todo_spots: 2,
            max_solution_hunks: 2,
            max_unsolved_run_secs: 2.0,
            min_assert_message_percent: 90,
            median_lines: 80,
            median_first_todo_line: 30,
        }
    }
}

impl Eq for Checks {}

/// A bug the runner plants to see that the learner's tests catch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mutant {
    /// The test binary runs with `BACKLINGS_MUTANT` set to this name; the code under test
    /// misbehaves when it sees it.
    Env(String),
    /// A replacement applied to a temporary copy of the stage's files (as cargo-mutants
    /// does): `find` must occur exactly once in `file`.
    Patch {
        /// Shown when the tests let it pass.
        name: String,
        /// The text to replace; must occur once.
        find: String,
        /// What replaces it.
        replace: String,
        /// Relative to the stage dir; the exercise file when `None`.
        file: Option<String>,
    },
}

/// One stage of the roadmap: a directory of exercises with its own Cargo package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Stable identifier (`[a-z][a-z0-9_]*`), used in progress reports and JSON.
    pub id: String,
    /// Human title, e.g. "How the web works: HTTP".
    pub title: String,
    /// Directory under `exercises/` and `solutions/`; defaults to the id.
    pub dir: String,
    /// What the learner can do after this stage; shown when the previous stage completes.
    pub summary: Option<String>,
    /// Indices into [`Manifest::exercises`] of this stage's exercises.
    pub exercises: Range<usize>,
    /// The line of `info.toml` that declares the stage's id, for messages.
    pub line: usize,
}

/// How an exercise is judged; `test` when `info.toml` gives no `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Its `#[test]`s must pass (every test the shipped file declares, at least one).
    #[default]
    Test,
    /// Its `main` must exit 0 (and print `expected_output` when one is given).
    Run,
}

/// The one place where the modes differ: what to build, how to judge, what the manifest
/// allows and what `dev check` says. A new mode adds a variant and its answers here, its
/// judging in `runner::judge` and its template in `dev::new`.
impl Mode {
    /// Every mode, in the order the authoring guide lists them.
    pub const ALL: [Mode; 2] = [Mode::Test, Mode::Run];

    /// The spelling used in `info.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Test => "test",
            Mode::Run => "run",
        }
    }

    /// The mode spelt `name` in `info.toml`, if any.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.as_str() == name)
    }

    /// Whether the exercise is built as a libtest harness (`cargo test --bin`) and judged by
    /// its `#[test]`s, rather than built as a program whose `main` runs.
    pub fn runs_tests(self) -> bool {
        match self {
            Mode::Test => true,
            Mode::Run => false,
        }
    }

    /// Whether hidden mutants apply: they need tests to catch them.
    pub fn allows_mutants(self) -> bool {
        self.runs_tests()
    }

    /// Whether `expected_output` applies: it is compared with what `main` prints.
    pub fn allows_expected_output(self) -> bool {
        !self.runs_tests()
    }

    /// How an exercise of this mode is judged, in a few words (`dev new --help`).
    pub fn judged_by(self) -> &'static str {
        match self {
            Mode::Test => "Judged by its tests",
            Mode::Run => "Judged by running main",
        }
    }

    /// What makes an exercise of this mode fail, as `dev check` words it.
    pub fn failure_kinds(self) -> &'static str {
        match self {
            Mode::Test => "a compile error or a failing test",
            Mode::Run => "a compile error, a non-zero exit or output other than expected",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One exercise: a single `.rs` file the learner edits, built as one `[[bin]]` target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// Stable name (`[a-z][a-z0-9_]*`), unique in the course; also the bin and file name.
    pub name: String,
    /// Index into [`Manifest::stages`] of the stage this exercise belongs to.
    pub stage: usize,
    /// How the exercise is judged.
    pub mode: Mode,
    /// Hints from a nudge to nearly the answer; at least one.
    pub hints: Vec<String>,
    /// Bound on running the program or tests, in seconds (compiling is not bounded).
    pub timeout_secs: u64,
    /// Run mode only: stdout must equal this, trailing whitespace ignored.
    pub expected_output: Option<String>,
    /// Test mode only: bugs the runner plants that the tests must catch.
    pub mutants: Vec<Mutant>,
    /// Programs the exercise needs on PATH (`git`); a missing one is an environment problem.
    pub requires: Vec<String>,
    /// The line of `info.toml` that declares the exercise's name, for messages.
    pub line: usize,
}

impl Manifest {
    /// Parses and validates the text of `info.toml`.
    ///
    /// # Errors
    /// The TOML is malformed, or a rule of the format is broken; the error has the place.
    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let raw = raw::parse(text)?;
        validate::validate(raw, text)
    }

    /// The exercise with this name.
    pub fn exercise(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }

    /// The position of the exercise with this name in course order.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.exercises.iter().position(|e| e.name == name)
    }

    /// The stage an exercise belongs to.
    pub fn stage_of(&self, exercise: &Exercise) -> &Stage {
        &self.stages[exercise.stage]
    }
}

/// A manifest that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// 1-based line and column in `info.toml`, where TOML or the validator knows one.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

impl ManifestError {
    fn at(text: &str, span: Option<Range<usize>>, message: impl Into<String>) -> ManifestError {
        ManifestError {
            position: span.map(|s| line_column(text, s.start)),
            message: message.into(),
        }
    }
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{FILE_NAME}:{line}:{column}: {}", self.message),
            None => write!(f, "{FILE_NAME}: {}", self.message),
        }
    }
}

impl std::error::Error for ManifestError {}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Whether a name or id has the shape `[a-z][a-z0-9_]*`.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Names cargo gives a meaning to in the target directory, so no bin may have them.
pub const RESERVED_NAMES: [&str; 4] = ["build", "deps", "examples", "incremental"];

//! Checking exercises: one cargo invocation builds them, then each artifact runs directly,
//! bounded, and is judged against its mode, expected output, declared tests and mutants.

pub mod cargo;
pub mod libtest;
pub mod process;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use crate::course::Course;
use crate::manifest::{Exercise, Mode};
use crate::workspace::solution_bin;
use cargo::{BuildError, BuildReport, BuildRequest, Targets};
use process::{Cancel, Ending, RunOutput, run_bounded};

/// The environment variable a mutant run sets to the mutant's name.
pub const MUTANT_VAR: &str = "BACKLINGS_MUTANT";

/// Which files to build: the learner's exercises or the reference solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `exercises/`, in the course's workspace.
    Exercises,
    /// `solutions/`, in the shadow workspace.
    Solutions,
}

/// The verdict on one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It passed.
    Passed,
    /// It did not compile.
    CompileError,
    /// It compiled but failed; the reason says how.
    Failed(String),
    /// Its tests pass, but they also pass with this mutant planted.
    MutantSurvived(String),
    /// It ran past its time bound.
    TimedOut,
}

impl Outcome {
    /// The name used in JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::CompileError => "compile_error",
            Outcome::Failed(_) | Outcome::MutantSurvived(_) => "failed",
            Outcome::TimedOut => "timed_out",
        }
    }

    /// Whether it passed.
    pub fn passed(&self) -> bool {
        *self == Outcome::Passed
    }
}

/// One exercise's check.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// The exercise's name.
    pub name: String,
    /// The verdict.
    pub outcome: Outcome,
    /// Compiler diagnostics first, then what the program or tests printed.
    pub output: String,
    /// Wall time of the run phase (compiling excluded); None if it never ran.
    pub seconds: Option<f64>,
}

/// Why a check gave no verdicts.
#[derive(Debug)]
pub enum CheckError {
    /// Cancelled (a newer save, or quit).
    Cancelled,
    /// Cargo or the machine is not usable; the message says what to do.
    Environment(String),
}

/// Hears about a check's progress (for progress bars and "waiting for the lock").
pub trait Observer: Sync {
    /// Cargo waits for another process's lock on the target directory.
    fn lock_wait(&self) {}
    /// The build finished; runs begin.
    fn built(&self) {}
    /// One exercise was judged.
    fn finished(&self, _result: &CheckResult) {}
}

/// An observer that ignores everything.
#[derive(Debug)]
pub struct Quiet;

impl Observer for Quiet {}

/// What to check and how.
#[derive(Debug)]
pub struct CheckRequest<'a> {
    /// The course.
    pub course: &'a Course,
    /// The exercises, in the order results are wanted.
    pub exercises: Vec<&'a Exercise>,
    /// Exercises or solutions.
    pub source: Source,
    /// Package name of each stage, in stage order.
    pub packages: &'a [String],
    /// For each test-mode exercise, the test functions that must run and pass.
    pub required_tests: HashMap<String, Vec<String>>,
    /// The manifest path of the workspace to build (the course's or the shadow's).
    pub manifest_path: PathBuf,
    /// Render diagnostics and test output with colors.
    pub color: bool,
    /// Stops the check early.
    pub cancel: Cancel,
}

/// Builds every exercise in one cargo invocation and runs the artifacts in parallel.
pub fn check(
    request: &CheckRequest<'_>,
    observer: &dyn Observer,
) -> Result<Vec<CheckResult>, CheckError> {
    if request.exercises.is_empty() {
        return Ok(Vec::new());
    }
    let report = build(request, observer)?;
    observer.built();
    let cores = thread::available_parallelism().map_or(1, usize::from);
    let jobs = cores.min(request.exercises.len());
    // Runs x test threads stay within the cores, so timeouts do not fire from overload.
    let test_threads = if request.exercises.len() == 1 {
        None
    } else {
        Some((cores / jobs).max(1))
    };
    let queue = Mutex::new(request.exercises.iter().enumerate());
    let results: Mutex<Vec<Option<CheckResult>>> = Mutex::new(vec![None; request.exercises.len()]);
    thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.next());
                    let Some((index, exercise)) = next else { break };
                    if request.cancel.is_cancelled() {
                        break;
                    }
                    let result = judge(request, &report, exercise, test_threads);
                    observer.finished(&result);
                    if let Ok(mut r) = results.lock() {
                        r[index] = Some(result);
                    }
                }
            });
        }
    });
    if request.cancel.is_cancelled() {
        return Err(CheckError::Cancelled);
    }
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(results.into_iter().flatten().collect())
}

fn target_name(source: Source, exercise: &Exercise) -> String {
    match source {
        Source::Exercises => exercise.name.clone(),
        Source::Solutions => solution_bin(exercise),
    }
}

fn build(request: &CheckRequest<'_>, observer: &dyn Observer) -> Result<BuildReport, CheckError> {
    let course = request.course;
    let mut packages: Vec<String> = Vec::new();
    for exercise in &request.exercises {
        let package = &request.packages[exercise.stage];
        if !packages.contains(package) {
            packages.push(package.clone());
        }
    }
    let targets = match request.exercises.as_slice() {
        [one] => Targets::One {
            bin: target_name(request.source, one),
            test: one.mode == Mode::Test,
        },
        many => Targets::Many {
            programs: many
                .iter()
                .filter(|e| e.mode == Mode::Run)
                .map(|e| target_name(request.source, e))
                .collect(),
        },
    };
    let build_request = BuildRequest {
        dir: course.root.clone(),
        manifest_path: request.manifest_path.clone(),
        target_dir: (request.source == Source::Solutions).then(|| course.target_dir()),
        packages,
        targets,
        color: request.color,
    };
    let on_lock = || observer.lock_wait();
    cargo::build(&build_request, &on_lock, &request.cancel).map_err(|e| match e {
        BuildError::Cancelled => CheckError::Cancelled,
        BuildError::NoCargo => CheckError::Environment(
            "cargo was not found: install Rust (https://rustup.rs) and make sure `cargo` is \
             on your PATH"
                .to_owned(),
        ),
        BuildError::Cargo(message) => CheckError::Environment(message),
        BuildError::Io(e) => CheckError::Environment(format!("could not talk to cargo: {e}")),
    })
}

fn judge(
    request: &CheckRequest<'_>,
    report: &BuildReport,
    exercise: &Exercise,
    test_threads: Option<usize>,
) -> CheckResult {
    let target = target_name(request.source, exercise);
    let is_test = exercise.mode == Mode::Test;
    let diagnostics = report.diagnostics.get(&target).cloned().unwrap_or_default();
    let executable = report.executables.get(&(target.clone(), is_test));
    let Some(executable) = executable.filter(|_| !report.errors.contains(&target)) else {
        let mut output = diagnostics;
        if output.is_empty() {
            output = format!("cargo did not build `{target}`; see the messages above\n");
        }
        return CheckResult {
            name: exercise.name.clone(),
            outcome: Outcome::CompileError,
            output,
            seconds: None,
        };
    };
    let timeout = Duration::from_secs(exercise.timeout_secs);
    let run = |mutant: Option<&str>| {
        let mut command = Command::new(executable);
        command.current_dir(&request.course.root);
        if is_test {
            command.arg("--include-ignored");
            command.arg("--color");
            command.arg(if request.color { "always" } else { "never" });
            if let Some(threads) = test_threads {
                command.arg(format!("--test-threads={threads}"));
            }
        }
        match mutant {
            // A caught mutant panics in a test; its output is never shown, so spare the
            // time of printing backtraces.
            Some(name) => command.env(MUTANT_VAR, name).env("RUST_BACKTRACE", "0"),
            None => command.env_remove(MUTANT_VAR),
        };
        run_bounded(command, timeout, &request.cancel)
    };
    let (outcome, mut output, seconds) = match run(None) {
        Err(e) => (
            Outcome::Failed(format!("could not start {}: {e}", executable.display())),
            String::new(),
            None,
        ),
        Ok(out) => {
            let mut seconds = out.elapsed.as_secs_f64();
            let text = String::from_utf8_lossy(&out.combined).into_owned();
            let mut outcome = if is_test {
                judge_tests(&out, request.required_tests.get(&exercise.name))
            } else {
                judge_program(&out, exercise.expected_output.as_deref())
            };
            if outcome.passed() {
                for mutant in &exercise.mutants {
                    match run(Some(mutant)) {
                        Ok(m) => {
                            seconds += m.elapsed.as_secs_f64();
                            if m.success() {
                                outcome = Outcome::MutantSurvived(mutant.clone());
                                break;
                            }
                        }
                        Err(e) => {
                            outcome = Outcome::Failed(format!("could not run a mutant: {e}"));
                            break;
                        }
                    }
                }
            }
            (outcome, text, Some(seconds))
        }
    };
    if !diagnostics.is_empty() {
        output = format!("{diagnostics}{output}");
    }
    CheckResult {
        name: exercise.name.clone(),
        outcome,
        output,
        seconds,
    }
}

fn judge_tests(out: &RunOutput, required: Option<&Vec<String>>) -> Outcome {
    match out.ending {
        Ending::TimedOut | Ending::Cancelled => return Outcome::TimedOut,
        Ending::Exited(_) if !out.success() => {
            return Outcome::Failed(format!("the tests failed ({})", out.describe_ending()));
        }
        Ending::Exited(_) => {}
    }
    let run = libtest::parse_run(&String::from_utf8_lossy(&out.stdout));
    if run.passed.is_empty() {
        return Outcome::Failed("no test ran: an exercise needs its tests".to_owned());
    }
    if let Some(required) = required {
        let missing = libtest::missing(required, &run.passed);
        if !missing.is_empty() {
            return Outcome::Failed(format!(
                "these tests from the exercise did not run: {}; put them back (they are how \
                 the exercise is checked)",
                missing.join(", ")
            ));
        }
    }
    Outcome::Passed
}

fn judge_program(out: &RunOutput, expected: Option<&str>) -> Outcome {
    match out.ending {
        Ending::TimedOut | Ending::Cancelled => return Outcome::TimedOut,
        Ending::Exited(_) if !out.success() => {
            return Outcome::Failed(format!("the program ended with {}", out.describe_ending()));
        }
        Ending::Exited(_) => {}
    }
    if let Some(expected) = expected {
        let actual = String::from_utf8_lossy(&out.stdout);
        if normalize(&actual) != normalize(expected) {
            return Outcome::Failed(format!(
                "the output is not what was expected.\nexpected:\n{}\nactual:\n{}",
                expected.trim_end(),
                actual.trim_end()
            ));
        }
    }
    Outcome::Passed
}

/// Output with trailing whitespace removed from each line and from the end.
fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn expected_output_ignores_trailing_whitespace() {
        assert_eq!(normalize("a  \r\nb\n\n"), normalize("a\nb"));
        assert_ne!(normalize(" a"), normalize("a"));
    }
}

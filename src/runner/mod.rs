//! Checking exercises: one cargo invocation builds them, then each artifact runs directly,
//! bounded, and is judged against its mode, expected output, declared tests and mutants.

pub mod cargo;
pub mod environment;
mod exact;
mod judge;
pub mod libtest;
mod mutants;
pub mod process;
mod reaper;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::thread;

use crate::course::Course;
use crate::manifest::Exercise;
use crate::workspace::solution_bin;
use cargo::{BuildError, BuildReport, BuildRequest, Targets};
use process::Cancel;

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
    /// The machine, not the learner's code, stopped the check (a build script that failed,
    /// no C linker, a build target that is not this machine); the message says what to do.
    /// It never changes recorded progress.
    EnvironmentError(String),
}

impl Outcome {
    /// The name used in JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::CompileError => "compile_error",
            Outcome::Failed(_) | Outcome::MutantSurvived(_) => "failed",
            Outcome::TimedOut => "timed_out",
            Outcome::EnvironmentError(_) => "environment_error",
        }
    }

    /// The environment problem's message, if the environment stopped the check.
    pub fn environment_problem(&self) -> Option<&str> {
        match self {
            Outcome::EnvironmentError(message) => Some(message),
            _ => None,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckError {
    /// Cancelled (a newer save, or quit).
    Cancelled,
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
    /// Let the learner's program print backtraces (`RUST_BACKTRACE=1`); off by default, so a
    /// failure is its message, not 150 lines of frames.
    pub backtrace: bool,
    /// Stops the check early.
    pub cancel: Cancel,
}

/// Builds every exercise in one cargo invocation and runs the artifacts in parallel. When
/// the machine, not the learner, keeps cargo from building (no cargo, a broken Cargo.toml,
/// crates that cannot be fetched, a foreign build target, an unwritable target directory),
/// every exercise gets [`Outcome::EnvironmentError`] with the message.
///
/// # Errors
/// [`CheckError::Cancelled`] when the request's cancel flag was set.
pub fn check(
    request: &CheckRequest<'_>,
    observer: &dyn Observer,
) -> Result<Vec<CheckResult>, CheckError> {
    if request.exercises.is_empty() {
        return Ok(Vec::new());
    }
    let built = match missing_files(request)
        .or_else(|| environment::foreign_target(&request.course.root))
    {
        Some(message) => Err(message),
        None => build(request, observer)?,
    };
    let report = match built {
        Ok(report) => report,
        Err(message) => {
            let results: Vec<CheckResult> = request
                .exercises
                .iter()
                .map(|e| CheckResult {
                    name: e.name.clone(),
                    outcome: Outcome::EnvironmentError(message.clone()),
                    output: String::new(),
                    seconds: None,
                })
                .collect();
            for result in &results {
                observer.finished(result);
            }
            return Ok(results);
        }
    };
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
                    let result = judge::judge(request, &report, exercise, test_threads);
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

/// Cargo builds no bin of a package whose bin files are not all there: a message naming the
/// missing files of the stages to build, and how to restore them.
fn missing_files(request: &CheckRequest<'_>) -> Option<String> {
    let course = request.course;
    let stages: Vec<usize> = request.exercises.iter().map(|e| e.stage).collect();
    let missing: Vec<&Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| stages.contains(&e.stage))
        .filter(|e| match request.source {
            Source::Exercises => !course.exercise_path(e).is_file(),
            Source::Solutions => false,
        })
        .collect();
    let first = missing.first()?;
    let files: Vec<String> = missing.iter().map(|e| course.exercise_rel(e)).collect();
    Some(format!(
        "{} {} missing, so cargo cannot build its stage: `backlings reset {}` restores it as \
         shipped",
        files.join(", "),
        if files.len() == 1 { "is" } else { "are" },
        first.name
    ))
}

/// The build, or the environment's reason it could not be made.
fn build(
    request: &CheckRequest<'_>,
    observer: &dyn Observer,
) -> Result<Result<BuildReport, String>, CheckError> {
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
            test: one.mode.runs_tests(),
        },
        many => Targets::Many {
            programs: many
                .iter()
                .filter(|e| !e.mode.runs_tests())
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
    match cargo::build(&build_request, &on_lock, &request.cancel) {
        Ok(report) => Ok(Ok(report)),
        Err(BuildError::Cancelled) => Err(CheckError::Cancelled),
        Err(BuildError::NoCargo) => Ok(Err("cargo was not found: install Rust \
             (https://rustup.rs) and make sure `cargo` is on your PATH"
            .to_owned())),
        Err(BuildError::Cargo(message)) => Ok(Err(message)),
        Err(BuildError::Io(e)) => Ok(Err(format!("could not talk to cargo: {e}"))),
    }
}

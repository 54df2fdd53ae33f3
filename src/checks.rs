//! The learner's check: what `run`, `verify` and watch mode share. It builds and judges the
//! exercises with the runner, then records the results in the progress file.

use std::collections::HashMap;

use crate::course::Course;
use crate::error::UserError;
use crate::manifest::Exercise;
use crate::progress::{State, StateFile};
use crate::runner::process::Cancel;
use crate::runner::{self, CheckError, CheckRequest, CheckResult, Observer, Source, libtest};
use crate::shipped;

/// Why a learner's check gave no results.
#[derive(Debug)]
pub enum Interrupted {
    /// Cancelled (a newer save, or quit).
    Cancelled,
    /// The course or the environment is wrong.
    Error(UserError),
}

impl From<UserError> for Interrupted {
    fn from(e: UserError) -> Interrupted {
        Interrupted::Error(e)
    }
}

/// The tests each test-mode exercise must keep, by full path (`tests::name`): those its
/// shipped file declares, found with a Rust parser. When the shipped file is not known or
/// does not parse, the reference solution's; when neither parses, the current file's. With
/// none of them, the exercise still needs one test that ran and passed.
pub fn required_tests(course: &Course, exercises: &[&Exercise]) -> HashMap<String, Vec<String>> {
    let tested: Vec<&Exercise> = exercises
        .iter()
        .copied()
        .filter(|e| e.mode.runs_tests())
        .collect();
    let mut shipped = shipped::sources(course, &tested);
    tested
        .iter()
        .filter_map(|e| {
            let declared =
                |text: Option<String>| text.and_then(|text| libtest::declared_tests(&text).ok());
            let read = |path: std::path::PathBuf| std::fs::read_to_string(path).ok();
            let tests = declared(shipped.remove(&e.name))
                .or_else(|| declared(read(course.solution_path(e))))
                .or_else(|| declared(read(course.exercise_path(e))))?;
            Some((e.name.clone(), tests))
        })
        .collect()
}

/// What a learner's check produced and recorded.
#[derive(Debug)]
pub struct Recorded {
    /// One result per exercise checked, in the order asked.
    pub results: Vec<CheckResult>,
    /// The state as written with the results.
    pub state: State,
    /// Said when an unreadable state file (perhaps replaced by the learner's own program
    /// during the check) was moved aside before the results were recorded.
    pub notice: Option<String>,
}

/// Checks the learner's exercises and records the results.
/// A result the environment stopped ([`runner::Outcome::EnvironmentError`]) changes no
/// recorded progress.
///
/// # Errors
/// Cancelled, or the state file could not be written.
pub fn check_and_record(
    course: &Course,
    packages: &[String],
    exercises: &[&Exercise],
    color: bool,
    backtrace: bool,
    cancel: &Cancel,
    observer: &dyn Observer,
) -> Result<Recorded, Interrupted> {
    let request = CheckRequest {
        course,
        exercises: exercises.to_vec(),
        source: Source::Exercises,
        packages,
        required_tests: required_tests(course, exercises),
        manifest_path: course.root.join("Cargo.toml"),
        color,
        backtrace,
        cancel: cancel.clone(),
    };
    let results = runner::check(&request, observer).map_err(|e| match e {
        CheckError::Cancelled => Interrupted::Cancelled,
    })?;
    let loaded = StateFile::at(&course.root).update(|state| {
        for result in &results {
            if result.outcome.environment_problem().is_none() {
                state.record(&result.name, result.outcome.passed());
            }
        }
    })?;
    Ok(Recorded {
        results,
        state: loaded.state,
        notice: loaded.notice,
    })
}

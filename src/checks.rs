//! The learner's check: what `run`, `verify` and watch mode share. It builds and judges the
//! exercises with the runner, then records the results in the progress file.

use std::collections::HashMap;

use crate::course::Course;
use crate::error::UserError;
use crate::manifest::{Exercise, Mode};
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

/// The tests each test-mode exercise must keep: those its shipped file declares (or, when no
/// shipped version is known, those its current file declares).
pub fn required_tests(course: &Course, exercises: &[&Exercise]) -> HashMap<String, Vec<String>> {
    let tested: Vec<&Exercise> = exercises
        .iter()
        .copied()
        .filter(|e| e.mode == Mode::Test)
        .collect();
    let mut shipped = shipped::sources(course, &tested);
    tested
        .iter()
        .filter_map(|e| {
            let text = shipped
                .remove(&e.name)
                .or_else(|| std::fs::read_to_string(course.exercise_path(e)).ok())?;
            Some((e.name.clone(), libtest::declared_tests(&text)))
        })
        .collect()
}

/// Checks the learner's exercises and records the results; returns them and the new state.
pub fn check_and_record(
    course: &Course,
    packages: &[String],
    exercises: &[&Exercise],
    color: bool,
    cancel: &Cancel,
    observer: &dyn Observer,
) -> Result<(Vec<CheckResult>, State), Interrupted> {
    let request = CheckRequest {
        course,
        exercises: exercises.to_vec(),
        source: Source::Exercises,
        packages,
        required_tests: required_tests(course, exercises),
        manifest_path: course.root.join("Cargo.toml"),
        color,
        cancel: cancel.clone(),
    };
    let results = runner::check(&request, observer).map_err(|e| match e {
        CheckError::Cancelled => Interrupted::Cancelled,
        CheckError::Environment(message) => Interrupted::Error(UserError::new(message)),
    })?;
    let loaded = StateFile::at(&course.root).update(|state| {
        for result in &results {
            state.record(&result.name, result.outcome.passed());
        }
    })?;
    Ok((results, loaded.state))
}

//! `dev check`: is the course sound? Every problem in one run, each with its file and line.
//! Builds all exercises in one cargo invocation and all solutions in one more, sharing the
//! course's target directory; never touches the learner's files or progress.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use crate::course::{Course, EXERCISES_DIR, SOLUTIONS_DIR, SUPPORT_DIR};
use crate::error::UserError;
use crate::manifest::{self, Exercise};
use crate::runner::libtest::declared_tests;
use crate::runner::process::Cancel;
use crate::runner::{self, CheckError, CheckRequest, CheckResult, Outcome, Source};
use crate::ui::progress::Bar;
use crate::workspace;

use super::new::PLACEHOLDER_HINTS;
use super::scope::Scope;

/// What kind of thing is wrong, for the rules that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A listed exercise has no file: nothing can be built.
    MissingExercise,
    /// The workspace differs from the manifest: nothing can be built until `dev sync`.
    StaleWorkspace,
    /// Anything else that makes the course unsound.
    Unsound,
    /// A measure of what a learner meets (anatomy), which `--strict` makes a failure.
    Anatomy,
}

/// One thing wrong with the course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `file` or `file:line`.
    pub place: String,
    /// What kind of problem it is.
    pub kind: Kind,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A problem: the course is not sound.
    pub fn at(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::of(Kind::Unsound, place, message)
    }

    /// A problem of this kind.
    pub fn of(kind: Kind, place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            place: place.into(),
            kind,
            message: message.into(),
        }
    }

    /// A measure of what a learner meets (anatomy) that only `--strict` makes a failure.
    pub fn is_warning(&self) -> bool {
        self.kind == Kind::Anatomy
    }

    /// A warning: the course works, but a learner meets more than the anatomy allows.
    pub fn warn(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::of(Kind::Anatomy, place, message)
    }
}

fn manifest_place(exercise: &Exercise) -> String {
    format!("{}:{}", manifest::FILE_NAME, exercise.line)
}

/// Finds every problem of a course whose manifest is valid.
///
/// # Errors
/// The course could not be built or judged on this machine, or `cancel` was set.
pub fn problems(
    course: &Course,
    scope: &Scope,
    cancel: &Cancel,
) -> Result<Vec<Problem>, UserError> {
    let mut problems = Vec::new();
    // Each test-mode exercise's declared tests, parsed once: checked for here, and required
    // of both the shipped file and the solution when they run.
    let declared: HashMap<String, Vec<String>> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| e.mode.runs_tests())
        .filter_map(|e| Some((e.name.clone(), own_tests(course, e)?)))
        .collect();
    for exercise in &course.manifest.exercises {
        if !course.exercise_path(exercise).is_file() {
            problems.push(Problem::of(
                Kind::MissingExercise,
                manifest_place(exercise),
                format!(
                    "exercise `{}` has no file: create {}",
                    exercise.name,
                    course.exercise_rel(exercise)
                ),
            ));
        }
        if !course.solution_path(exercise).is_file() {
            problems.push(Problem::at(
                course.solution_rel(exercise),
                format!(
                    "exercise `{}` has no solution: write one here",
                    exercise.name
                ),
            ));
        }
        for (index, hint) in exercise.hints.iter().enumerate() {
            if PLACEHOLDER_HINTS.contains(&hint.as_str()) {
                problems.push(Problem::at(
                    manifest_place(exercise),
                    format!(
                        "hint {} of `{}` is still a placeholder: write it (from a nudge to \
                         nearly the answer)",
                        index + 1,
                        exercise.name
                    ),
                ));
            }
        }
        if exercise.mode.runs_tests()
            && course.exercise_path(exercise).is_file()
            && declared.get(&exercise.name).is_none_or(|t| t.is_empty())
        {
            problems.push(Problem::at(
                course.exercise_rel(exercise),
                format!(
                    "`{}` is a test-mode exercise but declares no #[test] (or neither it nor \
                     its solution parses as Rust): add tests, or set mode = \"run\" in {}",
                    exercise.name,
                    manifest::FILE_NAME
                ),
            ));
        }
    }
    problems.extend(unlisted_files(course));
    let stale = workspace::stale(course)?;
    let files_missing = problems.iter().any(|p| p.kind == Kind::MissingExercise);
    for difference in &stale {
        problems.push(Problem::of(
            Kind::StaleWorkspace,
            difference.file.clone(),
            format!("{}: run `backlings dev sync`", difference.message),
        ));
    }
    if !stale.is_empty() || files_missing {
        problems.push(Problem::at(
            manifest::FILE_NAME,
            "the exercises were not built: fix the problems above first",
        ));
        return Ok(problems);
    }
    problems.extend(super::rules::mutants_apply(course));
    let (built, unsolved_seconds) = build_and_run(course, scope, declared, cancel)?;
    problems.extend(built);
    problems.extend(super::rules::anatomy(course, scope, &unsolved_seconds));
    Ok(problems)
}

/// Files under `exercises/` and `solutions/` that the manifest does not list (stage READMEs
/// and the stage packages' Cargo.toml aside).
fn unlisted_files(course: &Course) -> Vec<Problem> {
    let mut listed: BTreeSet<String> = BTreeSet::new();
    for exercise in &course.manifest.exercises {
        listed.insert(course.exercise_rel(exercise));
        listed.insert(course.solution_rel(exercise));
    }
    let mut support_dirs: Vec<String> = Vec::new();
    for stage in &course.manifest.stages {
        listed.insert(format!("{EXERCISES_DIR}/{}/Cargo.toml", stage.dir));
        listed.insert(format!("{EXERCISES_DIR}/{}/README.md", stage.dir));
        listed.insert(format!("{SOLUTIONS_DIR}/{}/README.md", stage.dir));
        // Support code the stage's exercises and solutions share (the solutions see it
        // through a link that `dev sync` makes).
        listed.insert(format!("{SOLUTIONS_DIR}/{}/{SUPPORT_DIR}", stage.dir));
        support_dirs.push(format!("{EXERCISES_DIR}/{}/{SUPPORT_DIR}/", stage.dir));
    }
    let mut problems = Vec::new();
    for top in [EXERCISES_DIR, SOLUTIONS_DIR] {
        let mut found = Vec::new();
        walk(&course.root.join(top), top, &mut found);
        for rel in found {
            let in_support = support_dirs.iter().any(|d| rel.starts_with(d.as_str()));
            if !listed.contains(&rel) && !in_support && !is_ignorable(&rel) {
                problems.push(Problem::at(
                    rel.clone(),
                    format!(
                        "not listed in {}: add it as an exercise or remove it",
                        manifest::FILE_NAME
                    ),
                ));
            }
        }
    }
    problems
}

/// Editor droppings are not the instructor's files.
fn is_ignorable(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak")
}

fn walk(dir: &Path, rel: &str, found: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = format!("{rel}/{name}");
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if name != "target" {
                walk(&entry.path(), &child, found);
            }
        } else {
            found.push(child);
        }
    }
}

/// The tests the exercise file declares, as the runner will require them of a learner (the
/// solution's when the exercise does not parse).
fn own_tests(course: &Course, exercise: &Exercise) -> Option<Vec<String>> {
    let declared = |path: std::path::PathBuf| {
        let text = fs::read_to_string(path).ok()?;
        declared_tests(&text).ok()
    };
    declared(course.exercise_path(exercise)).or_else(|| declared(course.solution_path(exercise)))
}

/// The problems found by building and running, and each unsolved exercise's run time in
/// seconds (exercises that compiled and ran). `declared` holds the tests each test-mode
/// exercise declares: both the shipped file and the solution must run them all.
fn build_and_run(
    course: &Course,
    scope: &Scope,
    declared: HashMap<String, Vec<String>>,
    cancel: &Cancel,
) -> Result<(Vec<Problem>, HashMap<String, f64>), UserError> {
    let packages = workspace::packages(course)?;
    let exercises: Vec<&Exercise> = course
        .manifest
        .exercises
        .iter()
        .filter(|e| scope.includes(&course.stage(e).id))
        .collect();
    let bar = Bar::new(exercises.len() * 2);
    let mut problems = Vec::new();

    bar.message("compiling the exercises");
    let as_shipped = CheckRequest {
        course,
        exercises: exercises.clone(),
        source: Source::Exercises,
        packages: &packages,
        required_tests: declared,
        manifest_path: course.root.join("Cargo.toml"),
        color: false,
        backtrace: false,
        cancel: cancel.clone(),
    };
    let shipped_results = runner::check(&as_shipped, &bar).map_err(cancelled)?;
    environment_problem(&shipped_results)?;
    let unsolved_seconds: HashMap<String, f64> = shipped_results
        .iter()
        .filter_map(|r| Some((r.name.clone(), r.seconds?)))
        .collect();
    for result in &shipped_results {
        if result.outcome.passed()
            && let Some(exercise) = course.manifest.exercise(&result.name)
        {
            let how = exercise.mode.failure_kinds();
            problems.push(Problem::at(
                course.exercise_rel(exercise),
                format!(
                    "`{}` passes as shipped: it must fail until the learner fixes it ({how})",
                    exercise.name
                ),
            ));
        }
    }

    bar.message("compiling the solutions");
    let shadow = workspace::solutions_shadow(course)?;
    let solutions = CheckRequest {
        exercises: exercises
            .iter()
            .copied()
            .filter(|e| course.solution_path(e).is_file())
            .collect(),
        source: Source::Solutions,
        manifest_path: shadow,
        ..as_shipped
    };
    let solution_results = runner::check(&solutions, &bar).map_err(cancelled)?;
    environment_problem(&solution_results)?;
    bar.finish();
    for result in &solution_results {
        let Some(exercise) = course.manifest.exercise(&result.name) else {
            continue;
        };
        let why = match &result.outcome {
            Outcome::Passed => continue,
            Outcome::CompileError => "does not compile".to_owned(),
            Outcome::Failed(reason) => format!("fails: {reason}"),
            Outcome::MutantSurvived(mutant) => format!(
                "fails: its tests pass even with the mutant `{mutant}` planted: check that the \
                 code under test really changes when BACKLINGS_MUTANT is `{mutant}` (a misspelt \
                 name plants nothing), and that a test catches the change"
            ),
            Outcome::TimedOut => format!("runs past its {} s time limit", exercise.timeout_secs),
            Outcome::EnvironmentError(message) => message.clone(),
        };
        let output = result.output.trim_end();
        let detail = if output.is_empty() {
            String::new()
        } else {
            format!("\n{}", indent(output))
        };
        problems.push(Problem::at(
            course.solution_rel(exercise),
            format!("the solution of `{}` {why}{detail}", exercise.name),
        ));
    }
    Ok((problems, unsolved_seconds))
}

fn cancelled(e: CheckError) -> UserError {
    match e {
        CheckError::Cancelled => UserError::new("the check was cancelled"),
    }
}

/// The machine kept a check from judging the course: that is exit 2, not a problem of the
/// course.
fn environment_problem(results: &[CheckResult]) -> Result<(), UserError> {
    match results
        .iter()
        .find_map(|r| Some((&r.name, r.outcome.environment_problem()?)))
    {
        Some((name, message)) => Err(UserError::new(format!(
            "the course could not be checked on this machine ({name}): {message}"
        ))),
        None => Ok(()),
    }
}

/// Indents output under a problem, keeping at most its last 40 lines.
fn indent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(40);
    lines[start..]
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

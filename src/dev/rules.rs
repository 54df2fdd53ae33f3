//! `dev check`'s rules on what a learner meets (the exercise anatomy, thresholds from
//! `[checks]`), reported as warnings that `--strict` makes failures, and its check that every
//! hidden mutant can be planted in the shipped files and the solutions.

use std::collections::HashMap;
use std::fs;

use super::check::Problem;
use super::scope::Scope;
use crate::anatomy::{assertions, solution_hunks, todo_spots};
use crate::course::{Course, EXERCISES_DIR};
use crate::manifest::{Exercise, Mutant};

/// Anatomy warnings for every exercise of the stages `scope` includes, and stage warnings
/// where too few assertions carry a message or a median (file length, first TODO line) is
/// over its limit. `unsolved_seconds` is each exercise's run phase as shipped.
pub fn anatomy(
    course: &Course,
    scope: &Scope,
    unsolved_seconds: &HashMap<String, f64>,
) -> Vec<Problem> {
    let checks = &course.manifest.checks;
    let mut warnings = Vec::new();
    for stage in &course.manifest.stages {
        if !scope.includes(&stage.id) {
            continue;
        }
        let (mut with_message, mut total) = (0usize, 0usize);
        let (mut lengths, mut first_todos) = (Vec::new(), Vec::new());
        for exercise in &course.manifest.exercises[stage.exercises.clone()] {
            let rel = course.exercise_rel(exercise);
            let Ok(source) = fs::read_to_string(course.exercise_path(exercise)) else {
                continue;
            };
            let lines = source.lines().count();
            lengths.push(lines);
            let spots = todo_spots(&source);
            first_todos.extend(spots.first().copied());
            if lines > checks.max_lines {
                warnings.push(Problem::warn(
                    format!("{rel}:{}", checks.max_lines + 1),
                    format!(
                        "{lines} lines (at most {}): move scaffolding into the stage's \
                         support code, or split the exercise",
                        checks.max_lines
                    ),
                ));
            }
            warnings.extend(todo_warnings(&rel, &spots, checks));
            if let Ok(solution) = fs::read_to_string(course.solution_path(exercise)) {
                let hunks = solution_hunks(&source, &solution);
                if hunks > checks.max_solution_hunks {
                    warnings.push(Problem::warn(
                        course.solution_rel(exercise),
                        format!(
                            "the solution differs from the exercise in {hunks} places (at most \
                             {}, comment-only lines aside): ask for one idea",
                            checks.max_solution_hunks
                        ),
                    ));
                }
            }
            if let Some(&seconds) = unsolved_seconds.get(&exercise.name)
                && seconds >= checks.max_unsolved_run_secs
            {
                warnings.push(Problem::warn(
                    rel.clone(),
                    format!(
                        "unsolved, its run takes {seconds:.1} s (under {} s wanted): make the \
                         expected wrong state fail fast instead of waiting out a guard",
                        checks.max_unsolved_run_secs
                    ),
                ));
            }
            if exercise.mode.runs_tests()
                && let Some(found) = assertions(&source)
            {
                total += found.len();
                let bare: Vec<String> = found
                    .iter()
                    .filter(|a| !a.has_message)
                    .map(|a| a.line.to_string())
                    .collect();
                with_message += found.len() - bare.len();
                if let Some(first) = bare.first() {
                    warnings.push(Problem::warn(
                        format!("{rel}:{first}"),
                        format!(
                            "{} of {} assertions carry no message (lines {}): say what was \
                             expected and why",
                            bare.len(),
                            found.len(),
                            bare.join(", ")
                        ),
                    ));
                }
            }
        }
        let stage_place = format!("{EXERCISES_DIR}/{}", stage.dir);
        if let Some(median) = median(&mut lengths)
            && median > checks.median_lines
        {
            warnings.push(Problem::warn(
                stage_place.clone(),
                format!(
                    "stage `{}`: its learner files' median length is {median} lines (at most \
                     {} wanted): move scaffolding into support code",
                    stage.id, checks.median_lines
                ),
            ));
        }
        if let Some(median) = median(&mut first_todos)
            && median > checks.median_first_todo_line
        {
            warnings.push(Problem::warn(
                stage_place.clone(),
                format!(
                    "stage `{}`: the median line of its first `// TODO`s is {median} (by line \
                     {} wanted): open each exercise on its task",
                    stage.id, checks.median_first_todo_line
                ),
            ));
        }
        let percent = (with_message * 100).checked_div(total).unwrap_or(100);
        if percent < usize::from(checks.min_assert_message_percent) {
            warnings.push(Problem::warn(
                stage_place,
                format!(
                    "stage `{}`: {percent}% of its tests' assertions carry a message (at least \
                     {}% wanted)",
                    stage.id, checks.min_assert_message_percent
                ),
            ));
        }
    }
    warnings
}

/// The median of `values` (the upper one of an even count, so a limit is never met by
/// averaging), or `None` when there are none.
fn median(values: &mut [usize]) -> Option<usize> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// Warnings on where the TODOs are; `spots` are their lines (`anatomy::todo_spots`).
fn todo_warnings(rel: &str, spots: &[usize], checks: &crate::manifest::Checks) -> Vec<Problem> {
    let mut warnings = Vec::new();
    match spots.first() {
        None => warnings.push(Problem::warn(
            rel,
            "no `// TODO` after the opening comment: mark where the learner starts",
        )),
        Some(&first) if first > checks.max_first_todo_line => warnings.push(Problem::warn(
            format!("{rel}:{first}"),
            format!(
                "the first `// TODO` is at line {first} (by line {} wanted): open on the task",
                checks.max_first_todo_line
            ),
        )),
        Some(_) => {}
    }
    if spots.len() > checks.max_todo_spots {
        warnings.push(Problem::warn(
            format!("{rel}:{}", spots[checks.max_todo_spots]),
            format!(
                "{} TODO spots (at most {}): ask for one idea, in two places at most",
                spots.len(),
                checks.max_todo_spots
            ),
        ));
    }
    warnings
}

/// Every patch mutant's `find` occurs exactly once in the file it patches, as shipped, and
/// (for mutants of the exercise file) in the solution.
pub fn mutants_apply(course: &Course) -> Vec<Problem> {
    let mut problems = Vec::new();
    for exercise in &course.manifest.exercises {
        for mutant in &exercise.mutants {
            let Mutant::Patch {
                name, find, file, ..
            } = mutant
            else {
                continue;
            };
            for rel in patched_files(course, exercise, file.as_deref()) {
                let count = fs::read_to_string(course.root.join(&rel))
                    .map(|text| text.matches(find.as_str()).count());
                let why = match count {
                    Ok(1) => continue,
                    Ok(0) => "does not occur".to_owned(),
                    Ok(n) => format!("occurs {n} times"),
                    Err(e) => format!("cannot be read ({e})"),
                };
                problems.push(Problem::at(
                    rel,
                    format!(
                        "the mutant `{name}` of `{}` cannot be planted: its `find` text {why} \
                         here (it must occur exactly once)",
                        exercise.name
                    ),
                ));
            }
        }
    }
    problems
}

fn patched_files(course: &Course, exercise: &Exercise, file: Option<&str>) -> Vec<String> {
    match file {
        None => vec![course.exercise_rel(exercise), course.solution_rel(exercise)],
        Some(file) => vec![format!(
            "{EXERCISES_DIR}/{}/{file}",
            course.stage(exercise).dir
        )],
    }
}

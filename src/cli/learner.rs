//! The learner's commands: run, verify, progress, list, hint, reset.

use super::args::{Format, VerifyFormat};
use super::{Context, Finished, print};
use crate::checks::{Interrupted, check_and_record};
use crate::error::UserError;
use crate::fsutil::write_atomic;
use crate::manifest::{Exercise, Manifest};
use crate::progress::{Report, position};
use crate::runner::CheckResult;
use crate::shipped;
use crate::signals::Interrupts;
use crate::text::sanitize;
use crate::ui::progress::{Bar, LockNotice};
use crate::ui::{Theme, count, json, junit, report};
use crate::workspace;

/// How a check that gave no results ended: a signal, or an error.
fn interrupted(e: Interrupted, interrupts: &Interrupts) -> Result<Finished, UserError> {
    match e {
        Interrupted::Cancelled => {
            let signal = interrupts.received().unwrap_or(signal_hook::consts::SIGINT);
            eprintln!("interrupted: the exercise's processes were stopped; nothing was recorded");
            Ok(Finished::Interrupted(signal))
        }
        Interrupted::Error(e) => Err(e),
    }
}

fn exercise_or_position<'a>(
    context: &'a Context,
    name: Option<&str>,
) -> Result<&'a Exercise, UserError> {
    let manifest = &context.course.manifest;
    match name {
        Some(name) => context.course.find(name),
        None => Ok(&manifest.exercises[position(manifest, &context.load_state()?)]),
    }
}

/// `run [NAME]`: check one exercise, show its output, record the result.
pub fn run(context: &Context, name: Option<&str>) -> Result<Finished, UserError> {
    let course = &context.course;
    let exercise = exercise_or_position(context, name)?;
    let packages = workspace::packages(course)?;
    context.load_state()?;
    if name.is_some() {
        context.update_state(|s| s.current = Some(exercise.name.clone()))?;
    }
    let interrupts = Interrupts::listen()?;
    let checked = check_and_record(
        course,
        &packages,
        &[exercise],
        context.err.color,
        context.backtrace,
        interrupts.cancel(),
        &LockNotice::default(),
    );
    let results = match checked {
        Ok(recorded) => {
            context.tell(recorded.notice);
            recorded.results
        }
        Err(e) => return interrupted(e, &interrupts),
    };
    let Some(result) = results.first() else {
        return Err(UserError::new("the check gave no result"));
    };
    show_output(result, &context.err);
    if result.outcome.environment_problem().is_some() {
        // Not a verdict on the learner's code: a diagnostic, on stderr.
        eprintln!("{}", report::verdict(result, &context.err));
        return Ok(Finished::Environment);
    }
    print(&format!("{}\n", report::verdict(result, &context.out)));
    if result.outcome.passed() {
        if let Some(caught) = report::mutants_caught(exercise) {
            print(&format!("{caught}\n"));
        }
        print(&format!(
            "The reference solution is in {}\n",
            course.solution_rel(exercise)
        ));
        Ok(Finished::Success)
    } else {
        let place = match course.first_todo(exercise) {
            Some(line) => format!("{}:{line}", course.exercise_rel(exercise)),
            None => course.exercise_rel(exercise),
        };
        print(&format!(
            "The exercise is {place}. `{} hint {}` gives a hint.\n",
            context.command, exercise.name
        ));
        Ok(Finished::Failure)
    }
}

/// The check's output on stderr, made inert: only colors pass, and only to a terminal that
/// takes them.
fn show_output(result: &CheckResult, theme: &Theme) {
    if !result.output.is_empty() {
        let shown = sanitize(&result.output, theme.color);
        eprint!("{shown}");
        if !shown.ends_with('\n') {
            eprintln!();
        }
    }
}

/// `verify [NAME...]`: check all (or the named) exercises, record, print the report.
pub fn verify(
    context: &Context,
    names: &[String],
    format: VerifyFormat,
) -> Result<Finished, UserError> {
    let course = &context.course;
    let exercises: Vec<&Exercise> = if names.is_empty() {
        course.manifest.exercises.iter().collect()
    } else {
        names
            .iter()
            .map(|n| course.find(n))
            .collect::<Result<_, _>>()?
    };
    let packages = workspace::packages(course)?;
    context.load_state()?;
    let interrupts = Interrupts::listen()?;
    let bar = Bar::new(exercises.len());
    let outcome = check_and_record(
        course,
        &packages,
        &exercises,
        context.err.color,
        context.backtrace,
        interrupts.cancel(),
        &bar,
    );
    bar.finish();
    let (results, state) = match outcome {
        Ok(recorded) => {
            context.tell(recorded.notice);
            (recorded.results, recorded.state)
        }
        Err(e) => return interrupted(e, &interrupts),
    };
    let report = Report::new(&course.manifest, &state);
    for result in results.iter().filter(|r| !r.outcome.passed()) {
        show_output(result, &context.err);
        eprintln!("{}", report::verdict(result, &context.err));
    }
    match format {
        VerifyFormat::Json => print(&format!(
            "{}\n",
            json::document(&course.manifest, &report, &results)
        )),
        VerifyFormat::Junit => print(&junit::document(&course.manifest, &results)),
        VerifyFormat::Text => {
            let passed = results.iter().filter(|r| r.outcome.passed()).count();
            print(&format!(
                "Checked {}: {passed} passed, {} failed.\n\n",
                count(results.len(), "exercise", "exercises"),
                results.len() - passed
            ));
            let mut text = Vec::new();
            let _ = report::stage_report(&mut text, &course.manifest, &report, &context.out);
            print(&String::from_utf8_lossy(&text));
        }
    }
    Ok(Finished::of(&results))
}

/// How a recorded-progress command renders its text.
type RenderText = fn(&mut Vec<u8>, &Manifest, &Report, &Theme) -> std::io::Result<()>;

/// Prints recorded progress: the JSON document, or the text `render` makes.
fn show_recorded(
    context: &Context,
    format: Format,
    render: RenderText,
) -> Result<Finished, UserError> {
    let manifest = &context.course.manifest;
    let report = Report::new(manifest, &context.load_state()?);
    for exercise in &manifest.exercises {
        if !context.course.exercise_path(exercise).is_file() {
            eprintln!(
                "{}",
                context.err.warn(&format!(
                    "{} is missing: `{} reset {}` restores it as shipped",
                    context.course.exercise_rel(exercise),
                    context.command,
                    exercise.name
                ))
            );
        }
    }
    match format {
        Format::Json => print(&format!("{}\n", json::document(manifest, &report, &[]))),
        Format::Text => {
            let mut text = Vec::new();
            let _ = render(&mut text, manifest, &report, &context.out);
            print(&String::from_utf8_lossy(&text));
        }
    }
    Ok(Finished::Success)
}

/// `progress`: the stage report from recorded progress.
pub fn progress(context: &Context, format: Format) -> Result<Finished, UserError> {
    show_recorded(context, format, report::stage_report)
}

/// `list`: every exercise with its stage and status.
pub fn list(context: &Context, format: Format) -> Result<Finished, UserError> {
    show_recorded(context, format, report::exercise_list)
}

/// `hint [NAME] [--all]`: the first hint, or all of them.
pub fn hint(context: &Context, name: Option<&str>, all: bool) -> Result<Finished, UserError> {
    let exercise = exercise_or_position(context, name)?;
    let total = exercise.hints.len();
    let shown = if all { total } else { 1 };
    let mut text = String::new();
    for (index, hint) in exercise.hints.iter().take(shown).enumerate() {
        text.push_str(&format!(
            "{} {}\n",
            context.out.strong(&format!(
                "Hint {}/{total} for {}:",
                index + 1,
                exercise.name
            )),
            hint
        ));
    }
    if !all && total > 1 {
        text.push_str(&format!(
            "{}\n",
            context.out.dim(&format!(
                "More hints: `{} hint {} --all` (or `h` in watch mode).",
                context.command, exercise.name
            ))
        ));
    }
    print(&text);
    Ok(Finished::Success)
}

/// `reset NAME`: restore the shipped file and mark the exercise pending.
pub fn reset(context: &Context, name: &str) -> Result<Finished, UserError> {
    let course = &context.course;
    if name.contains('/') {
        return reset_support_file(context, name);
    }
    let exercise = course.find(name)?;
    let Some(text) = shipped::source(course, exercise) else {
        return Err(UserError::new(format!(
            "{}: no shipped version is known (not in the binary, not committed to git, no \
             pristine copy): restore it from the course's source",
            course.exercise_rel(exercise)
        )));
    };
    write_atomic(&course.exercise_path(exercise), text.as_bytes())?;
    context.update_state(|s| s.record(name, false))?;
    print(&format!(
        "Restored {} as the course shipped it; `{name}` is pending again.\n",
        course.exercise_rel(exercise)
    ));
    Ok(Finished::Success)
}

/// `reset exercises/<dir>/support/FILE`: restore a support file the learner edited by mistake.
fn reset_support_file(context: &Context, path: &str) -> Result<Finished, UserError> {
    let course = &context.course;
    let rel = path.trim_start_matches("./");
    let is_support = course.manifest.stages.iter().any(|stage| {
        rel.starts_with(&format!(
            "{}/{}/{}/",
            crate::course::EXERCISES_DIR,
            stage.dir,
            crate::course::SUPPORT_DIR
        ))
    });
    if !is_support || rel.split('/').any(|part| part == "..") {
        return Err(UserError::new(format!(
            "`{path}` is neither an exercise name nor a support file \
             (exercises/<stage dir>/support/...): `{} list` shows the names",
            context.command
        )));
    }
    let Some(text) = shipped::file(course, rel) else {
        return Err(UserError::new(format!(
            "{rel}: no shipped version is known (not in the binary, not committed to git, no \
             pristine copy): restore it from the course's source"
        )));
    };
    write_atomic(&course.root.join(rel), text.as_bytes())?;
    print(&format!("Restored {rel} as the course shipped it.\n"));
    Ok(Finished::Success)
}

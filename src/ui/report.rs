//! The stage report, the exercise list and check verdicts as text.

use std::io::{self, Write};

use super::Theme;
use crate::manifest::{Exercise, Manifest};
use crate::progress::Report;
use crate::runner::{CheckResult, Outcome};

/// The stage report: each stage with done/total, the current stage and exercise marked, and
/// a plain sentence saying which roadmap stage the learner has reached.
///
/// # Errors
/// Writing to `out` failed.
pub fn stage_report(
    out: &mut impl Write,
    manifest: &Manifest,
    report: &Report,
    theme: &Theme,
) -> io::Result<()> {
    writeln!(
        out,
        "{} · {}/{} exercises done",
        theme.strong(&manifest.title),
        report.done,
        report.total
    )?;
    writeln!(out)?;
    let id_width = manifest
        .stages
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(0);
    let title_width = manifest
        .stages
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(0);
    for (index, (stage, progress)) in manifest.stages.iter().zip(&report.stages).enumerate() {
        let is_current = report.current_stage == Some(index);
        let mark = if progress.complete() {
            theme.good("✓")
        } else if is_current {
            theme.warn("▸")
        } else {
            " ".to_owned()
        };
        let count = format!("{}/{}", progress.done, progress.total);
        let mut line = format!(
            "  {mark} {:<id_width$}  {:<title_width$}  {count:>5}",
            stage.id, stage.title
        );
        if is_current {
            line.push_str(&theme.warn("  ← you are here"));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(out)?;
    match report.current_stage {
        None => writeln!(
            out,
            "{}",
            theme.good("Every stage is complete: you have finished the course.")
        )?,
        Some(index) => {
            let stage = &manifest.stages[index];
            let progress = &report.stages[index];
            write!(
                out,
                "You have reached stage {}/{} of the roadmap: {} ({} of {} done)",
                index + 1,
                manifest.stages.len(),
                theme.strong(&stage.title),
                progress.done,
                progress.total
            )?;
            // A learner who jumped ahead: the reached stage is still the first incomplete
            // one (the contract's `current_stage`), so say what lies beyond it.
            let ahead = report.stages[index + 1..]
                .iter()
                .filter(|s| s.complete())
                .count();
            match ahead {
                0 => write!(out, ".")?,
                1 => write!(out, ", and completed 1 later stage.")?,
                n => write!(out, ", and completed {n} later stages.")?,
            }
            if let Some(current) = report.current_exercise {
                let exercise = &manifest.exercises[current];
                write!(out, " Current exercise: {}", exercise.name)?;
                if exercise.stage != index {
                    let own = &manifest.stages[exercise.stage];
                    write!(out, " (stage {}, {})", exercise.stage + 1, own.title)?;
                }
                write!(out, ".")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Every exercise with its stage and status.
///
/// # Errors
/// Writing to `out` failed.
pub fn exercise_list(
    out: &mut impl Write,
    manifest: &Manifest,
    report: &Report,
    theme: &Theme,
) -> io::Result<()> {
    let width = name_width(manifest);
    for index in 0..manifest.exercises.len() {
        let here = if report.current_exercise == Some(index) {
            theme.warn(" ← current")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}{here}",
            list_row(manifest, report, index, width, theme)
        )?;
    }
    Ok(())
}

/// The longest exercise name, to align the list.
pub fn name_width(manifest: &Manifest) -> usize {
    manifest
        .exercises
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(0)
}

/// One exercise of the list: its name (padded to `width`), status and stage.
pub fn list_row(
    manifest: &Manifest,
    report: &Report,
    index: usize,
    width: usize,
    theme: &Theme,
) -> String {
    let exercise = &manifest.exercises[index];
    let status = if report.exercise_done[index] {
        theme.good("done   ")
    } else {
        theme.dim("pending")
    };
    format!(
        "{:<width$}  {status}  {}",
        exercise.name,
        manifest.stage_of(exercise).id
    )
}

/// After a pass of an exercise whose learner-written tests were checked against planted
/// bugs (mutants): how many they caught, since nothing else shows that they were checked.
pub fn mutants_caught(exercise: &Exercise) -> Option<String> {
    match exercise.mutants.len() {
        0 => None,
        1 => Some("Your tests caught the planted bug.".to_owned()),
        n => Some(format!("Your tests caught all {n} planted bugs.")),
    }
}

/// One line saying how a check went, after the check's output.
pub fn verdict(result: &CheckResult, theme: &Theme) -> String {
    verdict_where(result, theme, "above")
}

/// One line saying how a check went, above the check's output (watch mode's screen).
pub fn verdict_below(result: &CheckResult, theme: &Theme) -> String {
    verdict_where(result, theme, "below")
}

fn verdict_where(result: &CheckResult, theme: &Theme, messages: &str) -> String {
    match &result.outcome {
        Outcome::Passed => format!("{} {}", theme.good("✓ passed"), result.name),
        Outcome::CompileError => format!(
            "{} {}: it does not compile yet (the compiler's messages are {messages})",
            theme.bad("✗ failed"),
            result.name
        ),
        Outcome::Failed(reason) => {
            format!("{} {}: {reason}", theme.bad("✗ failed"), result.name)
        }
        Outcome::MutantSurvived(mutant) => format!(
            "{} {}: the tests pass even with the bug `{mutant}` planted in the code: write a \
             test that catches it",
            theme.bad("✗ failed"),
            result.name
        ),
        Outcome::TimedOut => format!(
            "{} {}: timed out after {:.0} s and was stopped (an endless loop, or waiting for \
             something that never comes?)",
            theme.bad("✗ failed"),
            result.name,
            result.seconds.unwrap_or(0.0)
        ),
        Outcome::EnvironmentError(message) => format!(
            "{} {}: not checked, because of this machine, not your code (your progress is \
             unchanged): {message}",
            theme.warn("! error"),
            result.name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{exercise_list, stage_report};
    use crate::fixtures::CourseText;
    use crate::manifest::Manifest;
    use crate::progress::{Report, State};
    use crate::ui::Theme;

    fn manifest() -> Manifest {
        CourseText::new("course")
            .stage("intro", "Intro", &["a"])
            .stage("http", "HTTP by hand", &["b", "c"])
            .manifest()
    }

    fn text(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn the_report_marks_the_current_stage() {
        let m = manifest();
        let state = State {
            done: vec!["a".into()],
            current: Some("b".into()),
            ..State::default()
        };
        let report = Report::new(&m, &state);
        let out = text(|o| stage_report(o, &m, &report, &Theme::new(false)).expect("write"));
        assert_eq!(
            out,
            "course · 1/3 exercises done\n\n\
             \x20 ✓ intro  Intro           1/1\n\
             \x20 ▸ http   HTTP by hand    0/2  ← you are here\n\n\
             You have reached stage 2/2 of the roadmap: HTTP by hand (0 of 2 done). \
             Current exercise: b.\n"
        );
    }

    #[test]
    fn a_learner_who_jumped_ahead_is_told_what_lies_beyond_the_reached_stage() {
        let m = CourseText::new("course")
            .stage("intro", "Intro", &["a"])
            .stage("sql", "SQL", &["b"])
            .stage("auth", "Auth", &["c", "d"])
            .manifest();
        let state = crate::fixtures::state(&["b", "c"], Some("d"));
        let out = text(|o| {
            stage_report(o, &m, &Report::new(&m, &state), &Theme::new(false)).expect("write")
        });
        assert!(
            out.ends_with(
                "You have reached stage 1/3 of the roadmap: Intro (0 of 1 done), and completed \
                 1 later stage. Current exercise: d (stage 3, Auth).\n"
            ),
            "the first incomplete stage is still the one reached, but the sentence says \
             where the learner is: {out}"
        );
    }

    #[test]
    fn the_report_says_when_everything_is_done() {
        let m = manifest();
        let state = State {
            done: vec!["a".into(), "b".into(), "c".into()],
            ..State::default()
        };
        let out = text(|o| {
            stage_report(o, &m, &Report::new(&m, &state), &Theme::new(false)).expect("write")
        });
        assert!(out.ends_with("Every stage is complete: you have finished the course.\n"));
    }

    #[test]
    fn the_list_shows_status_and_position() {
        let m = manifest();
        let state = State {
            done: vec!["a".into()],
            current: Some("c".into()),
            ..State::default()
        };
        let out = text(|o| {
            exercise_list(o, &m, &Report::new(&m, &state), &Theme::new(false)).expect("write")
        });
        assert_eq!(
            out,
            "a  done     intro\nb  pending  http\nc  pending  http ← current\n"
        );
    }
}

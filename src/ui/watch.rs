//! Watch mode's screens as text: the current exercise with its last check, and the list.

use std::io::{self, Write};

use super::Theme;
use crate::watch::model::{LastCheck, Model};

/// What the screen needs beyond the model.
#[derive(Debug)]
pub struct Frame<'a> {
    /// The model.
    pub model: &'a Model,
    /// The current exercise's path, relative to the course (shown).
    pub exercise_rel: String,
    /// The line of its first `// TODO`, shown after the path.
    pub todo_line: Option<usize>,
    /// The same path, absolute (the link's target).
    pub exercise_abs: String,
    /// The reference solution's path, relative to the course.
    pub solution_rel: String,
    /// Styles (and whether to draw OSC 8 links: only with colors, on a terminal).
    pub theme: Theme,
    /// At most this many lines of check output, so the keys stay on screen.
    pub max_output_lines: Option<usize>,
}

const KEYS: &str = "n next · h hint · l list · r re-check · c check all · q quit";

fn link(frame: &Frame<'_>) -> String {
    let shown = match frame.todo_line {
        Some(line) => format!("{}:{line}", frame.exercise_rel),
        None => frame.exercise_rel.clone(),
    };
    if frame.theme.color {
        format!(
            "\x1b]8;;file://{}\x1b\\{shown}\x1b]8;;\x1b\\",
            frame.exercise_abs
        )
    } else {
        shown
    }
}

/// A text progress bar `[=====>     ] 9/70`.
pub fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    let mut text = String::with_capacity(width + 16);
    text.push('[');
    for i in 0..width {
        text.push(if i < filled {
            '='
        } else if i == filled && done < total {
            '>'
        } else {
            ' '
        });
    }
    text.push_str(&format!("] {done}/{total}"));
    text
}

/// The main screen.
pub fn main_screen(out: &mut impl Write, frame: &Frame<'_>) -> io::Result<()> {
    let model = frame.model;
    let theme = &frame.theme;
    let manifest = &model.manifest;
    let exercise = &manifest.exercises[model.position];
    let stage_index = exercise.stage;
    let stage = &manifest.stages[stage_index];
    let report = model.report();

    if model.show_welcome
        && let Some(welcome) = &manifest.welcome
    {
        writeln!(out, "{}\n", welcome.trim_end())?;
    }
    writeln!(
        out,
        "{} · Stage {}/{} · {} · {}/{}",
        theme.strong(&manifest.title),
        stage_index + 1,
        manifest.stages.len(),
        stage.title,
        model.position - stage.exercises.start + 1,
        stage.exercises.len()
    )?;
    writeln!(out, "{}", link(frame))?;
    writeln!(out)?;

    if !model.checking.is_empty() {
        let what = match model.checking.as_slice() {
            [one] => one.clone(),
            many => super::count(many.len(), "exercise", "exercises"),
        };
        writeln!(out, "{}", theme.dim(&format!("checking {what}…")))?;
    } else if let Some(last) = &model.last {
        match last {
            LastCheck::One(result) => {
                if result.name != exercise.name {
                    writeln!(
                        out,
                        "{}",
                        theme.dim(&format!("(you saved {})", result.name))
                    )?;
                }
                let output = result.output.trim_end();
                if !output.is_empty() && !result.outcome.passed() {
                    let lines: Vec<&str> = output.lines().collect();
                    let keep = frame
                        .max_output_lines
                        .unwrap_or(lines.len())
                        .min(lines.len());
                    for line in &lines[..keep] {
                        writeln!(out, "{line}")?;
                    }
                    if keep < lines.len() {
                        writeln!(
                            out,
                            "{}",
                            theme.dim(&format!(
                                "… {} more lines (`backlings run {}` shows them all)",
                                lines.len() - keep,
                                result.name
                            ))
                        )?;
                    }
                    writeln!(out)?;
                }
                writeln!(out, "{}", super::report::verdict(result, theme))?;
                if result.outcome.passed() && result.name == exercise.name {
                    writeln!(out, "The reference solution is in {}", frame.solution_rel)?;
                    if !model.finished {
                        writeln!(out, "Press {} to move on.", theme.strong("n"))?;
                    }
                }
                if !result.outcome.passed() {
                    writeln!(out, "{}", theme.dim("Fix it and save; h gives a hint."))?;
                }
            }
            LastCheck::All { passed, failed } => {
                writeln!(
                    out,
                    "Checked every exercise: {passed} passed, {} failed.",
                    failed.len()
                )?;
                if !failed.is_empty() {
                    writeln!(out, "Not passing yet: {}", failed.join(", "))?;
                }
            }
        }
    }

    if let Some(index) = model.completed_stage {
        let done = &manifest.stages[index];
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            theme.good(&format!("Stage complete: {}!", done.title))
        )?;
        if let Some(next) = manifest.stages.get(index + 1) {
            write!(out, "Next: {}", theme.strong(&next.title))?;
            match &next.summary {
                Some(summary) => writeln!(out, ": {summary}")?,
                None => writeln!(out)?,
            }
        }
    }
    if model.finished {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            theme.good("Every exercise is done: you have finished the course!")
        )?;
        if let Some(farewell) = &manifest.farewell {
            writeln!(out, "{}", farewell.trim_end())?;
        }
    }

    if model.hints_shown > 0 {
        writeln!(out)?;
        for (i, hint) in exercise.hints.iter().take(model.hints_shown).enumerate() {
            writeln!(
                out,
                "{} {hint}",
                theme.warn(&format!("Hint {}/{}:", i + 1, exercise.hints.len()))
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", bar(report.done, report.total, 40))?;
    if let Some(message) = &model.message {
        writeln!(out, "{}", theme.warn(message))?;
    }
    if let Some(background) = &model.background {
        writeln!(out, "{}", theme.dim(background))?;
    }
    writeln!(out, "{}", theme.dim(KEYS))?;
    Ok(())
}

/// The list screen: every exercise with its stage and status, one highlighted.
pub fn list_screen(
    out: &mut impl Write,
    model: &Model,
    selected: usize,
    theme: &Theme,
    height: Option<usize>,
) -> io::Result<()> {
    let manifest = &model.manifest;
    let report = model.report();
    writeln!(
        out,
        "{} · pick an exercise (↑/↓ or j/k, Enter to open, Esc to go back)",
        theme.strong(&manifest.title)
    )?;
    writeln!(out)?;
    let rows = height.unwrap_or(manifest.exercises.len()).max(1);
    let first = selected
        .saturating_sub(rows / 2)
        .min(manifest.exercises.len().saturating_sub(rows));
    let width = super::report::name_width(manifest);
    for index in (first..manifest.exercises.len()).take(rows) {
        let pointer = if index == selected { "▸" } else { " " };
        let here = if index == model.position {
            " ← current"
        } else {
            ""
        };
        let line = format!(
            "{pointer} {}{here}",
            super::report::list_row(manifest, &report, index, width, theme)
        );
        if index == selected {
            writeln!(out, "{}", theme.strong(&line))?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Frame, bar, list_screen, main_screen};
    use crate::manifest::Manifest;
    use crate::progress::State;
    use crate::runner::{CheckResult, Outcome};
    use crate::ui::Theme;
    use crate::watch::model::Model;

    fn model(done: &[&str]) -> Model {
        let manifest = Manifest::parse(
            r#"
format_version = 1
title = "backlings"
welcome = "Welcome!"
farewell = "Goodbye, and well done."
[[stages]]
id = "http"
title = "HTTP"
[[stages.exercises]]
name = "request1"
hints = ["Look at the first line.", "split_once"]
[[stages]]
id = "sql"
title = "SQL"
summary = "Query a real database."
[[stages.exercises]]
name = "select1"
hints = ["SELECT"]
"#,
        )
        .expect("valid");
        let state = State {
            done: done.iter().map(|s| (*s).to_owned()).collect(),
            welcomed: true,
            ..State::default()
        };
        Model::new(manifest, state)
    }

    fn render(model: &Model) -> String {
        let frame = Frame {
            model,
            exercise_rel: format!("exercises/x/{}.rs", model.current_name()),
            todo_line: None,
            exercise_abs: "/course/x.rs".into(),
            solution_rel: format!("solutions/x/{}.rs", model.current_name()),
            theme: Theme::new(false),
            max_output_lines: None,
        };
        let mut out = Vec::new();
        main_screen(&mut out, &frame).expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    fn result(name: &str, outcome: Outcome, output: &str) -> CheckResult {
        CheckResult {
            name: name.into(),
            outcome,
            output: output.into(),
            seconds: Some(0.1),
        }
    }

    #[test]
    fn failing() {
        let mut m = model(&[]);
        m.finish_checks(
            vec![result(
                "request1",
                Outcome::CompileError,
                "error[E0308]: mismatched types",
            )],
            State {
                welcomed: true,
                ..State::default()
            },
        );
        m.reveal_hint();
        assert_eq!(
            render(&m),
            "backlings · Stage 1/2 · HTTP · 1/1\n\
             exercises/x/request1.rs\n\
             \n\
             error[E0308]: mismatched types\n\
             \n\
             ✗ failed request1: it does not compile yet (the compiler's messages are above)\n\
             Fix it and save; h gives a hint.\n\
             \n\
             Hint 1/2: Look at the first line.\n\
             \n\
             [>                                       ] 0/2\n\
             n next · h hint · l list · r re-check · c check all · q quit\n"
        );
    }

    #[test]
    fn passed_and_stage_complete() {
        let mut m = model(&[]);
        m.finish_checks(
            vec![result("request1", Outcome::Passed, "")],
            State {
                done: vec!["request1".into()],
                welcomed: true,
                ..State::default()
            },
        );
        assert_eq!(
            render(&m),
            "backlings · Stage 1/2 · HTTP · 1/1\n\
             exercises/x/request1.rs\n\
             \n\
             ✓ passed request1\n\
             The reference solution is in solutions/x/request1.rs\n\
             Press n to move on.\n\
             \n\
             Stage complete: HTTP!\n\
             Next: SQL: Query a real database.\n\
             \n\
             [====================>                   ] 1/2\n\
             n next · h hint · l list · r re-check · c check all · q quit\n"
        );
    }

    #[test]
    fn all_done() {
        let mut m = model(&["request1"]);
        m.move_to(1);
        m.finish_checks(
            vec![result("select1", Outcome::Passed, "")],
            State {
                done: vec!["request1".into(), "select1".into()],
                welcomed: true,
                ..State::default()
            },
        );
        let text = render(&m);
        assert!(
            text.starts_with("backlings · Stage 2/2 · SQL · 1/1\n"),
            "{text}"
        );
        assert!(text.contains("Stage complete: SQL!\n"), "{text}");
        assert!(
            text.contains(
                "\nEvery exercise is done: you have finished the course!\nGoodbye, and well done.\n"
            ),
            "{text}"
        );
        assert!(!text.contains("Press n"), "{text}");
        assert!(
            text.contains("[========================================] 2/2"),
            "{text}"
        );
    }

    #[test]
    fn the_welcome_is_shown_until_recorded() {
        let mut m = model(&[]);
        m.show_welcome = true;
        assert!(render(&m).starts_with("Welcome!\n\nbacklings · Stage 1/2"));
        m.move_to(1);
        assert!(render(&m).starts_with("backlings · Stage 2/2"));
    }

    #[test]
    fn long_output_is_cut_to_keep_the_keys_on_screen() {
        let mut m = model(&[]);
        let output: String = (0..100).map(|i| format!("line {i}\n")).collect();
        m.finish_checks(
            vec![result("request1", Outcome::Failed("x".into()), &output)],
            m.state.clone(),
        );
        let frame = Frame {
            model: &m,
            exercise_rel: "e.rs".into(),
            todo_line: None,
            exercise_abs: "/e.rs".into(),
            solution_rel: "s.rs".into(),
            theme: Theme::new(false),
            max_output_lines: Some(5),
        };
        let mut out = Vec::new();
        main_screen(&mut out, &frame).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("line 4\n… 95 more lines"), "{text}");
        assert!(!text.contains("line 5\n"), "{text}");
    }

    #[test]
    fn the_list_marks_selection_status_and_position() {
        let m = model(&["request1"]);
        let mut out = Vec::new();
        list_screen(&mut out, &m, 1, &Theme::new(false), None).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.contains("  request1  done     http ← current\n"),
            "{text}"
        );
        assert!(text.contains("▸ select1   pending  sql\n"), "{text}");
    }

    #[test]
    fn bars() {
        assert_eq!(bar(0, 4, 8), "[>       ] 0/4");
        assert_eq!(bar(2, 4, 8), "[====>   ] 2/4");
        assert_eq!(bar(4, 4, 8), "[========] 4/4");
    }
}

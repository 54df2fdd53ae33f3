//! The two ways watch mode talks to the learner: the plain line protocol (pipes, editors,
//! `TERM=dumb`) and the screen (a terminal). The loop calls the same methods on either.

use std::io::Write;

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};

use super::terminal::TerminalGuard;
use crate::runner::CheckResult;
use crate::text::sanitize;
use crate::ui::Theme;
use crate::ui::model::{Model, Notice, Screen};
use crate::ui::report::{exercise_list, verdict};
use crate::ui::watch::{Frame, list_screen, main_screen};

/// What a frontend needs to draw the current exercise, beyond the model.
#[derive(Debug)]
pub struct Paths {
    /// The exercise file, relative to the course.
    pub exercise_rel: String,
    /// The same, absolute.
    pub exercise_abs: String,
    /// The reference solution, relative to the course.
    pub solution_rel: String,
    /// The line of its first `// TODO`.
    pub todo_line: Option<usize>,
}

/// How watch mode shows what happens.
pub trait Frontend {
    /// Whether check output should carry colors.
    fn color(&self) -> bool;
    /// Whether a pass of the current exercise moves on by itself (plain mode does).
    fn moves_on_after_pass(&self) -> bool;
    /// Says a message now (plain: stderr) or on the next frame (screen).
    fn say(&mut self, model: &mut Model, message: String);
    /// The results of a check, as they come (plain: output and reasons on stderr).
    fn results(&mut self, results: &[CheckResult]);
    /// A hint was revealed.
    fn hint(&mut self, model: &Model);
    /// The list was asked for (plain: printed on stderr; the screen draws it as a frame).
    fn list(&mut self, model: &Model);
    /// Delivers what happened since the last call: plain event lines, or a redrawn screen.
    fn deliver(&mut self, model: &mut Model, paths: &Paths);
}

/// The line protocol: events on stdout, everything for people on stderr.
#[derive(Debug)]
pub struct Plain {
    /// Styles for stderr.
    pub err: Theme,
}

impl Frontend for Plain {
    fn color(&self) -> bool {
        self.err.color
    }

    fn moves_on_after_pass(&self) -> bool {
        true
    }

    fn say(&mut self, _model: &mut Model, message: String) {
        eprintln!("{}", sanitize(&message, false));
    }

    fn results(&mut self, results: &[CheckResult]) {
        for result in results {
            let output = sanitize(result.output.trim_end(), self.err.color);
            if !output.is_empty() {
                eprintln!("{output}");
            }
            if !result.outcome.passed() {
                eprintln!("{}", verdict(result, &self.err));
            }
        }
    }

    fn hint(&mut self, model: &Model) {
        let exercise = &model.manifest.exercises[model.position];
        let shown = model.hints_shown;
        if let Some(hint) = exercise.hints.get(shown.saturating_sub(1)) {
            eprintln!(
                "Hint {shown}/{} for {}: {hint}",
                exercise.hints.len(),
                exercise.name
            );
        }
    }

    fn list(&mut self, model: &Model) {
        let mut text = Vec::new();
        let _ = exercise_list(
            &mut text,
            &model.manifest,
            &model.report(),
            &Theme::new(false),
        );
        eprint!("{}", String::from_utf8_lossy(&text));
    }

    fn deliver(&mut self, model: &mut Model, _paths: &Paths) {
        let notices = model.take_notices();
        let mut stdout = std::io::stdout().lock();
        for notice in &notices {
            let _ = writeln!(stdout, "{}", notice.line());
            let _ = stdout.flush();
            // The people's part of the news goes to stderr.
            match notice {
                Notice::StageComplete(id) => {
                    let manifest = &model.manifest;
                    if let Some(index) = manifest.stages.iter().position(|s| &s.id == id) {
                        eprintln!("Stage complete: {}!", manifest.stages[index].title);
                        if let Some(next) = manifest.stages.get(index + 1) {
                            let summary = next
                                .summary
                                .as_deref()
                                .map_or(String::new(), |s| format!(": {s}"));
                            eprintln!("Next: {}{summary}", next.title);
                        }
                    }
                }
                Notice::AllDone => {
                    eprintln!("Every exercise is done: you have finished the course!");
                    if let Some(farewell) = &model.manifest.farewell {
                        eprintln!("{}", farewell.trim_end());
                    }
                }
                _ => {}
            }
        }
    }
}

/// The screen: a frame redrawn after every event, sized to the terminal.
#[derive(Debug)]
pub struct ScreenFrontend {
    /// Styles for stdout.
    pub out: Theme,
    /// How the learner runs commands (`backlings`, or `cargo run --`).
    pub command: String,
    /// The terminal in raw mode and the alternate screen, restored when dropped (only held).
    pub _guard: TerminalGuard,
}

impl Frontend for ScreenFrontend {
    fn color(&self) -> bool {
        self.out.color
    }

    fn moves_on_after_pass(&self) -> bool {
        false
    }

    fn say(&mut self, model: &mut Model, message: String) {
        model.message = Some(message);
    }

    fn results(&mut self, _results: &[CheckResult]) {}

    fn hint(&mut self, _model: &Model) {}

    fn list(&mut self, _model: &Model) {}

    fn deliver(&mut self, model: &mut Model, paths: &Paths) {
        model.take_notices();
        let (columns, rows) = crossterm::terminal::size().unwrap_or((80, 24));
        let (columns, rows) = (usize::from(columns), usize::from(rows));
        let lines = match &model.screen {
            Screen::List { selected, filter } => list_screen(
                model,
                *selected,
                filter.as_deref(),
                &self.out,
                columns,
                rows,
            ),
            Screen::Main => main_screen(
                &Frame {
                    model,
                    exercise_rel: paths.exercise_rel.clone(),
                    todo_line: paths.todo_line,
                    exercise_abs: paths.exercise_abs.clone(),
                    solution_rel: paths.solution_rel.clone(),
                    theme: self.out.clone(),
                    command: &self.command,
                },
                columns,
                rows,
            ),
        };
        let mut stdout = std::io::stdout().lock();
        for (row, line) in lines.iter().take(rows).enumerate() {
            let row = u16::try_from(row).unwrap_or(u16::MAX);
            let _ = queue!(
                stdout,
                MoveTo(0, row),
                Print(line),
                Clear(ClearType::UntilNewLine)
            );
        }
        let _ = queue!(stdout, Clear(ClearType::FromCursorDown));
        let _ = stdout.flush();
    }
}

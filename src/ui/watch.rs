//! Watch mode's screens as rows of text that fit the terminal: whatever the learner's program
//! printed and whatever the size, the header (stage and exercise), the verdict with the
//! failure's own message, and the keys stay on screen. Output is budgeted in rendered rows
//! after wrapping; errors and failing tests come before warnings, which fold into a count.

use super::Theme;
use super::excerpt::{Excerpt, excerpt, panic_message};
use crate::runner::Outcome;
use crate::text::{sanitize, truncate, wrap};
use crate::ui::model::{LastCheck, Model};

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
    /// How the learner runs commands: `backlings`, or `cargo run --` under cargo.
    pub command: &'a str,
}

const KEYS: &str = "n next · h hint · l list · r re-check · c check all · w warnings · q quit";

/// A `file://` URL for a path (RFC 8089), percent-encoding every byte outside the unreserved
/// set and `/` (RFC 3986 section 2), so spaces and non-ASCII names make a valid link.
pub fn file_url(path: &str) -> String {
    let mut url = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

fn link(frame: &Frame<'_>, columns: usize) -> String {
    let shown = match frame.todo_line {
        Some(line) => format!("{}:{line}", frame.exercise_rel),
        None => frame.exercise_rel.clone(),
    };
    let shown = truncate(&shown, columns);
    if frame.theme.color {
        // OSC 8 hyperlink: ESC ] 8 ; ; URL ST text ESC ] 8 ; ; ST.
        format!(
            "\x1b]8;;{}\x1b\\{shown}\x1b]8;;\x1b\\",
            file_url(&frame.exercise_abs)
        )
    } else {
        shown
    }
}

/// A text progress bar `[=====>     ] 9/70` that fits in `columns`.
pub fn bar(done: usize, total: usize, columns: usize) -> String {
    let count = format!(" {done}/{total}");
    let inner = columns.saturating_sub(count.len() + 2).clamp(1, 40);
    let filled = (done * inner).checked_div(total).unwrap_or(0);
    let mut text = String::with_capacity(inner + count.len() + 2);
    text.push('[');
    for i in 0..inner {
        text.push(if i < filled {
            '='
        } else if i == filled && done < total {
            '>'
        } else {
            ' '
        });
    }
    text.push(']');
    text.push_str(&count);
    text
}

/// Rows for some text: each line sanitized (colors kept only with a colored theme) and
/// wrapped to `columns`.
fn rows_of(text: &str, columns: usize, theme: &Theme) -> Vec<String> {
    sanitize(text, theme.color)
        .lines()
        .flat_map(|line| wrap(line, columns))
        .collect()
}

/// Takes at most `limit` rows, ending with a row that says how many were left out.
fn capped(mut rows: Vec<String>, limit: usize, more: impl Fn(usize) -> String) -> Vec<String> {
    if rows.len() <= limit {
        return rows;
    }
    if limit == 0 {
        return Vec::new();
    }
    let left = rows.len() - (limit - 1);
    rows.truncate(limit - 1);
    rows.push(more(left));
    rows
}

/// The main screen, `height` rows of at most `columns` columns each.
pub fn main_screen(frame: &Frame<'_>, columns: usize, height: usize) -> Vec<String> {
    let columns = columns.max(20);
    let model = frame.model;
    let theme = &frame.theme;
    let manifest = &model.manifest;
    let exercise = &manifest.exercises[model.position];
    let stage = &manifest.stages[exercise.stage];
    let report = model.report();

    // The rows that always stay: header, file, verdict and failure message, keys.
    let header = truncate(
        &format!(
            "{} · Stage {}/{} · {} · {}/{}",
            manifest.title,
            exercise.stage + 1,
            manifest.stages.len(),
            stage.title,
            model.position - stage.exercises.start + 1,
            stage.exercises.len()
        ),
        columns,
    );
    let mut top = vec![theme.strong(&header), link(frame, columns)];
    let mut middle: Vec<Vec<String>> = Vec::new();
    let current = match &model.last {
        Some(LastCheck::One(result)) => Some(result),
        _ => None,
    };
    let passed_here = current.is_some_and(|r| r.name == exercise.name && r.outcome.passed());

    if !model.checking.is_empty() {
        let what = match model.checking.as_slice() {
            [one] => format!("checking {one}…"),
            many => match &model.progress {
                Some((done, name)) => format!("checking {done}/{} exercises… ({name})", many.len()),
                None => format!("checking {} exercises…", many.len()),
            },
        };
        top.extend(wrap(&theme.dim(&what), columns));
        if let Some(stage) = &model.building {
            top.extend(wrap(
                &theme.dim(&format!(
                    "first, the crates of {stage} are built (once; later checks take a second)"
                )),
                columns,
            ));
        }
    } else if let Some(last) = &model.last {
        match last {
            LastCheck::One(result) => {
                let mut verdict = wrap(&super::report::verdict_below(result, theme), columns);
                verdict.truncate((height / 4).max(2));
                if result.name != exercise.name {
                    top.push(
                        theme.dim(&truncate(&format!("(you saved {})", result.name), columns)),
                    );
                }
                top.extend(verdict);
                let mut shown = excerpt(&result.output, &result.outcome, model.show_warnings);
                if let Some(message) = panic_message(&result.output) {
                    let cap = (height / 4).max(4);
                    top.extend(capped(rows_of(&message, columns, theme), cap, |n| {
                        theme.dim(&format!("… {n} more lines"))
                    }));
                    // Said with the verdict: not again below.
                    let said: Vec<&str> = message.lines().collect();
                    shown.lines.retain(|line| !said.contains(&line.as_str()));
                }
                shown
                    .lines
                    .retain(|line| !line.starts_with("note: run with `RUST_BACKTRACE"));
                middle.push(excerpt_rows(&shown, result, frame, columns));
                if passed_here {
                    if let Some(caught) = super::report::mutants_caught(exercise) {
                        middle.push(vec![truncate(&caught, columns)]);
                    }
                    middle.push(vec![
                        truncate(
                            &format!("The reference solution is in {}", frame.solution_rel),
                            columns,
                        ),
                        if model.finished {
                            String::new()
                        } else {
                            format!("Press {} to move on.", theme.strong("n"))
                        },
                    ]);
                } else if !result.outcome.passed() {
                    middle.push(vec![theme.dim("Fix it and save; h gives a hint.")]);
                }
            }
            LastCheck::All { passed, failed } => {
                top.extend(wrap(
                    &format!(
                        "Checked every exercise: {passed} passed, {} failed.",
                        failed.len()
                    ),
                    columns,
                ));
                if !failed.is_empty() {
                    middle.push(wrap(
                        &format!("Not passing yet: {}", failed.join(", ")),
                        columns,
                    ));
                }
            }
        }
    }
    if let Some(message) = &model.message {
        top.extend(capped(rows_of(message, columns, theme), 3, |_| {
            "…".to_owned()
        }));
    }

    if model.hints_shown > 0 && !passed_here {
        let mut rows = Vec::new();
        for (i, hint) in exercise.hints.iter().take(model.hints_shown).enumerate() {
            let label = theme.warn(&format!("Hint {}/{}:", i + 1, exercise.hints.len()));
            rows.extend(wrap(&format!("{label} {hint}"), columns));
        }
        middle.insert(1.min(middle.len()), rows);
    }
    if let Some(index) = model.completed_stage {
        let done = &manifest.stages[index];
        let mut rows = wrap(
            &theme.good(&format!("Stage complete: {}!", done.title)),
            columns,
        );
        if let Some(next) = manifest.stages.get(index + 1) {
            let summary = next
                .summary
                .as_deref()
                .map_or(String::new(), |s| format!(": {s}"));
            rows.extend(wrap(&format!("Next: {}{summary}", next.title), columns));
        }
        middle.push(rows);
    }
    if model.finished && passed_here {
        let mut rows = wrap(
            &theme.good("Every exercise is done: you have finished the course!"),
            columns,
        );
        if let Some(farewell) = &manifest.farewell {
            rows.extend(rows_of(farewell.trim_end(), columns, theme));
        }
        middle.push(rows);
    }
    if model.show_welcome
        && let Some(welcome) = &manifest.welcome
    {
        middle.push(rows_of(welcome.trim_end(), columns, theme));
    }

    let mut bottom = vec![bar(report.done, report.total, columns)];
    if let Some(background) = &model.background {
        bottom.push(theme.dim(&truncate(background, columns)));
    }
    bottom.extend(wrap(&theme.dim(KEYS), columns));

    // What the middle may use: the rest, less a blank row above and below it.
    let budget = height.saturating_sub(top.len() + bottom.len() + 2);
    let mut rows = top;
    rows.push(String::new());
    let mut used = 0;
    for block in middle.into_iter().filter(|b| !b.is_empty()) {
        let room = budget.saturating_sub(used);
        if room == 0 {
            break;
        }
        let block = capped(block, room, |n| {
            theme.dim(&truncate(
                &format!(
                    "… {n} more lines (`{} run {}`)",
                    frame.command, exercise.name
                ),
                columns,
            ))
        });
        used += block.len();
        rows.extend(block);
    }
    // Keep the keys on screen: pad to the bottom, or drop middle rows a tiny screen lacks.
    let wanted = height.saturating_sub(bottom.len());
    rows.truncate(wanted.max(2));
    while rows.len() < wanted {
        rows.push(String::new());
    }
    rows.extend(bottom);
    rows
}

/// The rows of a check's output the screen shows: for a failure, its errors and failing
/// tests (warnings as a count unless asked for); for a passing program, what it printed.
fn excerpt_rows(
    shown: &Excerpt,
    result: &crate::runner::CheckResult,
    frame: &Frame<'_>,
    columns: usize,
) -> Vec<String> {
    let theme = &frame.theme;
    let mut rows = Vec::new();
    for line in &shown.lines {
        rows.extend(rows_of(line, columns, theme));
    }
    if shown.warnings > 0 && !shown.showing_warnings {
        rows.push(theme.dim(&truncate(
            &format!(
                "{}; press w to show",
                super::count(shown.warnings, "warning", "warnings")
            ),
            columns,
        )));
    }
    if rows.is_empty() && matches!(result.outcome, Outcome::Passed) {
        return rows;
    }
    rows
}

/// The list screen: the exercises (those matching the filter), each with its status and
/// stage, one highlighted, in `height` rows of at most `columns` columns.
pub fn list_screen(
    model: &Model,
    selected: usize,
    filter: Option<&str>,
    theme: &Theme,
    columns: usize,
    height: usize,
) -> Vec<String> {
    let manifest = &model.manifest;
    let report = model.report();
    let mut rows = wrap(
        &format!(
            "{} · pick an exercise (↑/↓, Enter to open, / to search, Esc to go back)",
            theme.strong(&manifest.title)
        ),
        columns,
    );
    rows.push(match filter {
        Some(text) => format!("/{text}"),
        None => String::new(),
    });
    let shown = visible(model, filter);
    let room = height.saturating_sub(rows.len()).max(1);
    let at = shown.iter().position(|&i| i == selected).unwrap_or(0);
    let first = at
        .saturating_sub(room / 2)
        .min(shown.len().saturating_sub(room));
    let width_of_names = super::report::name_width(manifest);
    for &index in shown.iter().skip(first).take(room) {
        let pointer = if index == selected { "▸" } else { " " };
        let here = if index == model.position {
            " ← current"
        } else {
            ""
        };
        let line = truncate(
            &format!(
                "{pointer} {}{here}",
                super::report::list_row(manifest, &report, index, width_of_names, theme)
            ),
            columns,
        );
        rows.push(if index == selected {
            theme.strong(&line)
        } else {
            line
        });
    }
    if shown.is_empty() {
        rows.push(theme.dim("no exercise matches"));
    }
    rows
}

/// The exercises the list shows for a filter: name or stage id containing it.
pub fn visible(model: &Model, filter: Option<&str>) -> Vec<usize> {
    let manifest = &model.manifest;
    (0..manifest.exercises.len())
        .filter(|&i| {
            filter.is_none_or(|text| {
                let exercise = &manifest.exercises[i];
                exercise.name.contains(text) || manifest.stage_of(exercise).id.contains(text)
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;

//! The forms format version 2 adds: mutant tables, `requires` and `[checks]`.

use super::raw::{RawChecks, RawMutant, RawPatch};
use super::{Checks, ManifestError, Mutant};

/// Forms of format version 2 in a course that declares version 1.
pub(super) fn needs_version_2(
    version: u32,
    what: &str,
    span: std::ops::Range<usize>,
    text: &str,
) -> Result<(), ManifestError> {
    if version >= 2 {
        return Ok(());
    }
    Err(ManifestError::at(
        text,
        Some(span),
        format!("{what} needs format_version = 2: set it at the top of info.toml"),
    ))
}

pub(super) fn validate_checks(
    raw: RawChecks,
    text: &str,
    span: std::ops::Range<usize>,
) -> Result<Checks, ManifestError> {
    let defaults = Checks::default();
    let checks = Checks {
        max_lines: raw.max_lines.unwrap_or(defaults.max_lines),
        max_first_todo_line: raw
            .max_first_todo_line
            .unwrap_or(defaults.max_first_todo_line),
        max_todo_spots: raw.max_todo_spots.unwrap_or(defaults.max_todo_spots),
        max_solution_hunks: raw
            .max_solution_hunks
            .unwrap_or(defaults.max_solution_hunks),
        max_unsolved_run_secs: raw
            .max_unsolved_run_secs
            .unwrap_or(defaults.max_unsolved_run_secs),
        min_assert_message_percent: raw
            .min_assert_message_percent
            .unwrap_or(defaults.min_assert_message_percent),
        median_lines: raw.median_lines.unwrap_or(defaults.median_lines),
        median_first_todo_line: raw
            .median_first_todo_line
            .unwrap_or(defaults.median_first_todo_line),
    };
    if checks.min_assert_message_percent > 100
        || !(checks.max_unsolved_run_secs > 0.0 && checks.max_unsolved_run_secs.is_finite())
    {
        return Err(ManifestError::at(
            text,
            Some(span),
            "[checks]: min_assert_message_percent is 0 to 100 and max_unsolved_run_secs a \
             positive number of seconds",
        ));
    }
    Ok(checks)
}

/// Whether a mutant or program name can be shown and passed on safely.
pub(super) fn is_printable_name(name: &str) -> bool {
    !name.trim().is_empty() && !name.chars().any(char::is_control)
}

pub(super) fn validate_mutant(
    raw: toml::Spanned<RawMutant>,
    exercise: &str,
    version: u32,
    text: &str,
) -> Result<Mutant, ManifestError> {
    let span = raw.span();
    let error = |message: String| Err(ManifestError::at(text, Some(span.clone()), message));
    match raw.into_inner() {
        RawMutant::Name(name) => {
            if !is_printable_name(&name) {
                return error(format!(
                    "`{exercise}` lists the mutant name {name:?}: a mutant name must be \
                     non-empty, without newlines or other control characters"
                ));
            }
            Ok(Mutant::Env(name))
        }
        RawMutant::Patch(RawPatch {
            name,
            find,
            replace,
            file,
        }) => {
            needs_version_2(version, "a mutant table", span.clone(), text)?;
            if !is_printable_name(&name) {
                return error(format!(
                    "`{exercise}` lists the mutant name {name:?}: a mutant name must be \
                     non-empty, without newlines or other control characters"
                ));
            }
            if find.is_empty() {
                return error(format!(
                    "mutant `{name}` of `{exercise}` has an empty `find`: give the text it \
                     replaces (it must occur exactly once in the file)"
                ));
            }
            if let Some(file) = &file {
                let path = std::path::Path::new(file);
                let plain = path
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
                    && !file.chars().any(char::is_control);
                if !plain || file.is_empty() {
                    return error(format!(
                        "mutant `{name}` of `{exercise}` patches {file:?}: give a path inside \
                         the stage dir, such as \"support/server.rs\" (no `..`, not absolute)"
                    ));
                }
            }
            Ok(Mutant::Patch {
                name,
                find,
                replace,
                file,
            })
        }
    }
}

//! Rules a parsed manifest must follow beyond its TOML shape.

use std::collections::HashMap;

use toml::Spanned;

use super::raw::{RawExercise, RawManifest, RawStage};
use super::version2::{is_printable_name, needs_version_2, validate_checks, validate_mutant};
use super::{
    Checks, DEFAULT_TIMEOUT_SECS, Exercise, FORMAT_VERSION, MAX_TIMEOUT_SECS, Manifest,
    ManifestError, Mode, RESERVED_NAMES, Stage, is_identifier, line_column,
};

pub(super) fn validate(raw: RawManifest, text: &str) -> Result<Manifest, ManifestError> {
    let error = |span: std::ops::Range<usize>, message: String| {
        Err(ManifestError::at(text, Some(span), message))
    };
    let version = *raw.format_version.get_ref();
    if version > FORMAT_VERSION {
        return error(
            raw.format_version.span(),
            format!(
                "format_version {version} is newer than this runner understands \
                 ({FORMAT_VERSION}): update backlings"
            ),
        );
    }
    if version == 0 {
        return error(
            raw.format_version.span(),
            format!("format_version must be {FORMAT_VERSION}"),
        );
    }
    if raw.stages.is_empty() {
        return Err(ManifestError::at(
            text,
            None,
            "the course has no stages: add a [[stages]] table with at least one exercise",
        ));
    }

    let mut stages = Vec::with_capacity(raw.stages.len());
    let mut exercises = Vec::new();
    let mut stage_ids: HashMap<String, usize> = HashMap::new();
    let mut stage_dirs: HashMap<String, usize> = HashMap::new();
    let mut exercise_names: HashMap<String, usize> = HashMap::new();

    for raw_stage in raw.stages {
        let stage_span = raw_stage.span();
        let RawStage {
            id,
            title,
            dir,
            summary,
            exercises: raw_exercises,
        } = raw_stage.into_inner();
        let line = line_column(text, id.span().start).0;
        check_identifier(&id, "stage id", text)?;
        if let Some(first) = stage_ids.insert(id.get_ref().clone(), line) {
            return error(
                id.span(),
                format!(
                    "duplicate stage id `{}` (also on line {first}): ids must be unique",
                    id.get_ref()
                ),
            );
        }
        let dir_name = match &dir {
            Some(dir) => {
                let d = dir.get_ref();
                if d.is_empty()
                    || d == "."
                    || d == ".."
                    || d.contains(['/', '\\'])
                    || d.chars().any(char::is_control)
                {
                    return error(
                        dir.span(),
                        format!(
                            "dir {d:?} is not a plain directory name: use one path segment \
                             such as `02_http`, without `/`, `..` or control characters"
                        ),
                    );
                }
                d.clone()
            }
            None => id.get_ref().clone(),
        };
        let dir_span = dir.as_ref().map_or(id.span(), Spanned::span);
        if let Some(first) = stage_dirs.insert(dir_name.clone(), line) {
            return error(
                dir_span,
                format!(
                    "stage dir `{dir_name}` is also used by the stage on line {first}: \
                     give each stage its own dir"
                ),
            );
        }
        if raw_exercises.is_empty() {
            return error(
                stage_span,
                format!(
                    "stage `{}` has no exercises: add one under [[stages.exercises]] \
                     (or with `backlings dev new NAME --stage {}`)",
                    id.get_ref(),
                    id.get_ref()
                ),
            );
        }
        let stage_index = stages.len();
        let first_exercise = exercises.len();
        for raw_exercise in raw_exercises {
            let exercise =
                validate_exercise(raw_exercise.into_inner(), stage_index, version, text)?;
            if let Some(first) = exercise_names.insert(exercise.name.clone(), exercise.line) {
                return Err(ManifestError {
                    position: Some((exercise.line, 1)),
                    message: format!(
                        "duplicate exercise name `{}` (also on line {first}): names must be \
                         unique in the course",
                        exercise.name
                    ),
                });
            }
            exercises.push(exercise);
        }
        stages.push(Stage {
            id: id.into_inner(),
            title,
            dir: dir_name,
            summary,
            exercises: first_exercise..exercises.len(),
            line,
        });
    }

    let checks = match raw.checks {
        None => Checks::default(),
        Some(checks) => {
            needs_version_2(version, "[checks]", checks.span(), text)?;
            let span = checks.span();
            validate_checks(checks.into_inner(), text, span)?
        }
    };

    Ok(Manifest {
        checks,
        format_version: version,
        title: raw.title,
        welcome: raw.welcome,
        farewell: raw.farewell,
        stages,
        exercises,
    })
}

fn check_identifier(value: &Spanned<String>, what: &str, text: &str) -> Result<(), ManifestError> {
    let v = value.get_ref();
    if !is_identifier(v) {
        return Err(ManifestError::at(
            text,
            Some(value.span()),
            format!(
                "{what} `{}` must start with a lowercase letter and use only a-z, 0-9 and `_`",
                v.escape_debug()
            ),
        ));
    }
    Ok(())
}

fn validate_exercise(
    raw: RawExercise,
    stage: usize,
    version: u32,
    text: &str,
) -> Result<Exercise, ManifestError> {
    let error = |span: std::ops::Range<usize>, message: String| {
        Err(ManifestError::at(text, Some(span), message))
    };
    check_identifier(&raw.name, "exercise name", text)?;
    let name = raw.name.get_ref().clone();
    let line = line_column(text, raw.name.span().start).0;
    if RESERVED_NAMES.contains(&name.as_str()) {
        return error(
            raw.name.span(),
            format!(
                "exercise name `{name}` is reserved by cargo's target directory: choose \
                 another name (for example `{name}1`)"
            ),
        );
    }
    let mode = match &raw.mode {
        None => Mode::default(),
        Some(m) => match Mode::from_name(m.get_ref()) {
            Some(mode) => mode,
            None => {
                let known: Vec<String> = Mode::ALL.iter().map(|m| format!("\"{m}\"")).collect();
                return error(
                    m.span(),
                    format!(
                        "mode `{}` of `{name}` is unknown: use {}",
                        m.get_ref(),
                        known.join(" or ")
                    ),
                );
            }
        },
    };
    if raw.hints.get_ref().iter().any(|h| h.trim().is_empty()) {
        return error(
            raw.hints.span(),
            format!("`{name}` has an empty hint: write it, or remove it from the list"),
        );
    }
    if raw.hints.get_ref().is_empty() {
        return error(
            raw.hints.span(),
            format!("`{name}` has no hints: give at least one, from a nudge to nearly the answer"),
        );
    }
    let timeout_secs = match &raw.timeout_secs {
        Some(t) if !(1..=MAX_TIMEOUT_SECS).contains(t.get_ref()) => {
            return error(
                t.span(),
                format!(
                    "timeout_secs of `{name}` is {}: it must be from 1 to {MAX_TIMEOUT_SECS} \
                     (seconds of running, compiling not counted)",
                    t.get_ref()
                ),
            );
        }
        Some(t) => *t.get_ref(),
        None => DEFAULT_TIMEOUT_SECS,
    };
    if let Some(expected) = &raw.expected_output
        && !mode.allows_expected_output()
    {
        return error(
            expected.span(),
            format!(
                "`{name}` is a {mode}-mode exercise, so expected_output does not apply: remove \
                 it, or set mode = \"run\""
            ),
        );
    }
    let mutants = match raw.mutants {
        Some(m) if !mode.allows_mutants() => {
            return error(
                m.span(),
                format!(
                    "`{name}` is a {mode}-mode exercise, so mutants do not apply (they need \
                     tests to catch them): remove them, or set mode = \"test\""
                ),
            );
        }
        Some(m) => m
            .into_inner()
            .into_iter()
            .map(|raw| validate_mutant(raw, &name, version, text))
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let requires = match raw.requires {
        None => Vec::new(),
        Some(list) => {
            needs_version_2(version, "requires", list.span(), text)?;
            let span = list.span();
            let list = list.into_inner();
            if let Some(bad) = list
                .iter()
                .find(|p| !is_printable_name(p) || p.contains(['/', ' ']))
            {
                return error(
                    span,
                    format!(
                        "`{name}` requires {bad:?}: name a program as it is found on PATH, \
                         such as \"git\""
                    ),
                );
            }
            list
        }
    };
    Ok(Exercise {
        requires,
        name,
        stage,
        mode,
        hints: raw.hints.into_inner(),
        timeout_secs,
        expected_output: raw.expected_output.map(Spanned::into_inner),
        mutants,
        line,
    })
}

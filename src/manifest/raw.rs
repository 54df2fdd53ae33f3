//! The manifest as TOML spells it, before validation. Fields keep their spans so that
//! validation errors can point at a line.

use serde::Deserialize;
use toml::Spanned;

use super::ManifestError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManifest {
    pub format_version: Spanned<u32>,
    pub title: String,
    pub welcome: Option<String>,
    pub farewell: Option<String>,
    #[serde(default)]
    pub stages: Vec<Spanned<RawStage>>,
    pub checks: Option<Spanned<RawChecks>>,
}

/// `[checks]`: `dev check`'s thresholds (format version 2).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChecks {
    pub max_lines: Option<usize>,
    pub max_first_todo_line: Option<usize>,
    pub max_todo_spots: Option<usize>,
    pub max_solution_hunks: Option<usize>,
    pub max_unsolved_run_secs: Option<f64>,
    pub min_assert_message_percent: Option<u8>,
    pub median_lines: Option<usize>,
    pub median_first_todo_line: Option<usize>,
}

/// An item of `mutants`: a name (the environment-variable form) or a patch table.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum RawMutant {
    Name(String),
    Patch(RawPatch),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPatch {
    pub name: String,
    pub find: String,
    pub replace: String,
    pub file: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStage {
    pub id: Spanned<String>,
    pub title: String,
    pub dir: Option<Spanned<String>>,
    pub summary: Option<String>,
    #[serde(default)]
    pub exercises: Vec<Spanned<RawExercise>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
    pub name: Spanned<String>,
    pub mode: Option<Spanned<String>>,
    pub hints: Spanned<Vec<String>>,
    pub timeout_secs: Option<Spanned<u64>>,
    pub expected_output: Option<Spanned<String>>,
    pub mutants: Option<Spanned<Vec<Spanned<RawMutant>>>>,
    pub requires: Option<Spanned<Vec<String>>>,
}

pub(super) fn parse(text: &str) -> Result<RawManifest, ManifestError> {
    toml::from_str(text).map_err(|e| {
        let mut message = e.message().trim_end().to_owned();
        if message == "duplicate key"
            && let Some(span) = e.span()
        {
            let key = text.get(span).unwrap_or_default();
            let key = key.split('=').next().unwrap_or(key).trim();
            message = format!(
                "duplicate key `{key}`: a key may appear once in a table; remove one of them"
            );
        }
        let advice = if message.starts_with("unknown field") {
            " (remove it or fix its spelling; the fields are listed in the authoring guide)"
        } else if message.starts_with("missing field") {
            " (add it)"
        } else {
            ""
        };
        ManifestError::at(text, e.span(), format!("{message}{advice}"))
    })
}

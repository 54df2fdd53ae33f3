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
    pub mutants: Option<Spanned<Vec<String>>>,
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

//! The JSON document of `verify`, `progress` and `list` (`--format json`).

use std::collections::HashMap;

use serde::Serialize;

use crate::manifest::Manifest;
use crate::progress::Report;
use crate::runner::CheckResult;

/// The newest JSON output format.
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Document<'a> {
    format_version: u32,
    current_stage: Option<&'a str>,
    current_exercise: Option<&'a str>,
    done: usize,
    total: usize,
    stages: Vec<StageEntry<'a>>,
    exercises: Vec<ExerciseEntry<'a>>,
}

#[derive(Debug, Serialize)]
struct StageEntry<'a> {
    id: &'a str,
    title: &'a str,
    done: usize,
    total: usize,
    complete: bool,
}

#[derive(Debug, Serialize)]
struct ExerciseEntry<'a> {
    name: &'a str,
    stage: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<f64>,
    /// Why the environment kept the exercise from being checked (`environment_error` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

/// The document for a report, with `outcome` and `seconds` for the exercises checked.
pub fn document(manifest: &Manifest, report: &Report, checked: &[CheckResult]) -> String {
    let checked: HashMap<&str, &CheckResult> =
        checked.iter().map(|r| (r.name.as_str(), r)).collect();
    let document = Document {
        format_version: FORMAT_VERSION,
        current_stage: report.current_stage.map(|i| manifest.stages[i].id.as_str()),
        current_exercise: report
            .current_exercise
            .map(|i| manifest.exercises[i].name.as_str()),
        done: report.done,
        total: report.total,
        stages: manifest
            .stages
            .iter()
            .zip(&report.stages)
            .map(|(s, p)| StageEntry {
                id: &s.id,
                title: &s.title,
                done: p.done,
                total: p.total,
                complete: p.complete(),
            })
            .collect(),
        exercises: manifest
            .exercises
            .iter()
            .zip(&report.exercise_done)
            .map(|(e, done)| {
                let result = checked.get(e.name.as_str());
                ExerciseEntry {
                    name: &e.name,
                    stage: &manifest.stage_of(e).id,
                    status: if *done { "done" } else { "pending" },
                    outcome: result.map(|r| r.outcome.as_str()),
                    seconds: result.map(|r| round_ms(r.seconds.unwrap_or(0.0))),
                    message: result.and_then(|r| r.outcome.environment_problem()),
                }
            })
            .collect(),
    };
    serde_json::to_string(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

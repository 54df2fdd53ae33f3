//! `dev check --stage ID`: which stages a check builds, runs and measures.

use std::collections::BTreeSet;

use crate::course::Course;
use crate::error::UserError;
use crate::manifest;

/// Which stages a check builds, runs and measures (`dev check --stage ID`); the manifest,
/// the file layout and the workspace are always checked whole, since they are cheap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The stage ids to check; empty means every stage.
    stages: BTreeSet<String>,
}

impl Scope {
    /// The stages named by `ids` (every stage when `ids` is empty).
    ///
    /// # Errors
    /// An id names no stage of the course: the error lists the stage ids there are.
    pub fn new(course: &Course, ids: &[String]) -> Result<Scope, UserError> {
        for id in ids {
            if !course.manifest.stages.iter().any(|s| &s.id == id) {
                let known: Vec<&str> = course
                    .manifest
                    .stages
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect();
                return Err(UserError::new(format!(
                    "{}: no stage has the id `{id}`: use one of {}",
                    manifest::FILE_NAME,
                    known.join(", ")
                )));
            }
        }
        Ok(Scope {
            stages: ids.iter().cloned().collect(),
        })
    }

    /// Whether the stage with this id is checked.
    pub fn includes(&self, stage_id: &str) -> bool {
        self.stages.is_empty() || self.stages.contains(stage_id)
    }
}

//! The version of each exercise file as the course shipped it, before the learner's edits:
//! for `reset`, and to know which tests an exercise must keep. Taken from the binary for the
//! bundled course, else from git's committed version, else from a pristine copy the runner
//! saved when it first met the course.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::course::Course;
use crate::error::UserError;
use crate::fsutil::write_atomic;
use crate::manifest::Exercise;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Where pristine copies of a course that is neither bundled nor in git are kept.
const PRISTINE_DIR: &str = ".backlings/pristine";

/// Whether this is the course the binary was built with (its manifest is the same text).
pub fn is_bundled(course: &Course) -> bool {
    course.manifest_text == bundled::INFO_TOML
}

fn pristine_path(course: &Course, exercise: &Exercise) -> PathBuf {
    course
        .root
        .join(PRISTINE_DIR)
        .join(&course.stage(exercise).dir)
        .join(format!("{}.rs", exercise.name))
}

/// The shipped text of an exercise file, if any source knows it.
pub fn source(course: &Course, exercise: &Exercise) -> Option<String> {
    let rel = course.exercise_rel(exercise);
    if is_bundled(course)
        && let Some((_, text)) = bundled::EXERCISES.iter().find(|(path, _)| *path == rel)
    {
        return Some((*text).to_owned());
    }
    if let Some(text) = committed(course, &rel) {
        return Some(text);
    }
    fs::read_to_string(pristine_path(course, exercise)).ok()
}

fn committed(course: &Course, rel: &str) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(&course.root)
        .arg("show")
        .arg(format!("HEAD:./{rel}"))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

/// Saves a pristine copy of every exercise file that has none yet (courses other than the
/// bundled one), so that `reset` works even where git does not know the files.
pub fn save_pristine(course: &Course) -> Result<(), UserError> {
    if is_bundled(course) {
        return Ok(());
    }
    for exercise in &course.manifest.exercises {
        let copy = pristine_path(course, exercise);
        if copy.exists() {
            continue;
        }
        if let Ok(text) = fs::read(course.exercise_path(exercise)) {
            write_atomic(&copy, &text)?;
        }
    }
    Ok(())
}

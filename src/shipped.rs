//! The version of each exercise file as the course shipped it, before the learner's edits:
//! for `reset`, and to know which tests an exercise must keep. Taken from the binary for the
//! bundled course, else from git's committed version, else from a pristine copy the runner
//! saved when it first met the course.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// The pristine copy of a file `exercises/<rest>`: `.backlings/pristine/<rest>`.
fn pristine_path(course: &Course, rel: &str) -> PathBuf {
    let rest = rel
        .strip_prefix(crate::course::EXERCISES_DIR)
        .map_or(rel, |r| r.trim_start_matches('/'));
    course.root.join(PRISTINE_DIR).join(rest)
}

/// The shipped text of any file under `exercises/` (an exercise or a support file), by its
/// path relative to the course root.
pub fn file(course: &Course, rel: &str) -> Option<String> {
    if is_bundled(course)
        && let Some((_, text)) = bundled::EXERCISES.iter().find(|(path, _)| *path == rel)
    {
        return Some((*text).to_owned());
    }
    if in_git_work_tree(&course.root)
        && let Some(Some(text)) = committed(&course.root, &[rel.to_owned()]).pop()
    {
        return Some(text);
    }
    fs::read_to_string(pristine_path(course, rel)).ok()
}

/// The shipped text of an exercise file, if any source knows it.
pub fn source(course: &Course, exercise: &Exercise) -> Option<String> {
    sources(course, &[exercise]).remove(&exercise.name)
}

/// The shipped text of several exercise files, by exercise name, asking git at most once.
pub fn sources(course: &Course, exercises: &[&Exercise]) -> HashMap<String, String> {
    let mut found = HashMap::new();
    let mut rest: Vec<&Exercise> = Vec::new();
    let bundled = is_bundled(course);
    for exercise in exercises {
        let rel = course.exercise_rel(exercise);
        match bundled
            .then(|| bundled::EXERCISES.iter().find(|(path, _)| *path == rel))
            .flatten()
        {
            Some((_, text)) => {
                found.insert(exercise.name.clone(), (*text).to_owned());
            }
            None => rest.push(exercise),
        }
    }
    if !rest.is_empty() && in_git_work_tree(&course.root) {
        let paths: Vec<String> = rest.iter().map(|e| course.exercise_rel(e)).collect();
        for (exercise, text) in rest.iter().zip(committed(&course.root, &paths)) {
            if let Some(text) = text {
                found.insert(exercise.name.clone(), text);
            }
        }
    }
    for exercise in rest {
        if !found.contains_key(&exercise.name)
            && let Ok(text) =
                fs::read_to_string(pristine_path(course, &course.exercise_rel(exercise)))
        {
            found.insert(exercise.name.clone(), text);
        }
    }
    found
}

fn in_git_work_tree(root: &Path) -> bool {
    root.ancestors().any(|dir| dir.join(".git").exists())
}

/// The committed (`HEAD`) text of each path, read by one `git cat-file --batch`.
fn committed(root: &Path, paths: &[String]) -> Vec<Option<String>> {
    let mut texts = vec![None; paths.len()];
    let Ok(mut child) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return texts;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let request: String = paths.iter().map(|p| format!("HEAD:./{p}\n")).collect();
        // A write error means git is gone; the output below then answers nothing.
        let _ = stdin.write_all(request.as_bytes());
    }
    let Ok(output) = child.wait_with_output() else {
        return texts;
    };
    let mut rest = output.stdout.as_slice();
    for text in &mut texts {
        // Each answer is "<id> blob <size>\n<content>\n", or "<name> missing\n".
        let Some(newline) = rest.iter().position(|b| *b == b'\n') else {
            break;
        };
        let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
        rest = &rest[newline + 1..];
        let mut fields = header.split_whitespace();
        let (Some(_), Some("blob"), Some(size)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(size) = size.parse::<usize>() else {
            break;
        };
        let Some(content) = rest.get(..size) else {
            break;
        };
        *text = String::from_utf8(content.to_vec()).ok();
        rest = rest.get(size + 1..).unwrap_or_default();
    }
    texts
}

/// Whose copy of the exercise files is the shipped one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pristine {
    /// A learner's: keep the copies from the first meeting, add copies of new exercises.
    KeepFirst,
    /// An instructor's (`dev` commands): the working files are what ships; refresh.
    Refresh,
}

/// Saves a pristine copy of the exercise files (courses other than the bundled one), so
/// that `reset` works, and shipped tests are known, even where git does not know the files.
///
/// # Errors
/// A pristine copy cannot be written.
pub fn save_pristine(course: &Course, mode: Pristine) -> Result<(), UserError> {
    if is_bundled(course) {
        return Ok(());
    }
    let mut files: Vec<String> = course
        .manifest
        .exercises
        .iter()
        .map(|e| course.exercise_rel(e))
        .collect();
    for stage in &course.manifest.stages {
        files.extend(course.support_files(stage));
    }
    for rel in files {
        let copy = pristine_path(course, &rel);
        if mode == Pristine::KeepFirst && copy.exists() {
            continue;
        }
        let Ok(text) = fs::read(course.root.join(&rel)) else {
            continue;
        };
        if fs::read(&copy).map_or(true, |old| old != text) {
            write_atomic(&copy, &text)?;
        }
    }
    Ok(())
}

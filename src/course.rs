//! A course on disk: where it is, its manifest, and the paths of its files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::UserError;
use crate::manifest::{self, Exercise, Manifest, Stage};

/// The directory learners edit.
pub const EXERCISES_DIR: &str = "exercises";
/// The directory of reference solutions.
pub const SOLUTIONS_DIR: &str = "solutions";
/// A stage's support code, shared by its exercises and solutions and not edited by the
/// learner: `exercises/<dir>/support/*.rs`, included with `#[path = "support/x.rs"] mod x;`.
/// `solutions/<dir>/support` is a link to it.
pub const SUPPORT_DIR: &str = "support";

/// A loaded course: its root directory and its validated manifest.
#[derive(Debug, Clone)]
pub struct Course {
    /// The directory that holds `info.toml`.
    pub root: PathBuf,
    /// The validated manifest.
    pub manifest: Manifest,
    /// The text of `info.toml`, as read.
    pub manifest_text: String,
}

/// Finds the course root: `explicit` if given, else the working directory or the nearest
/// parent that holds `info.toml`.
///
/// # Errors
/// No `info.toml` in the given directory, or in the working directory and its parents.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf, UserError> {
    if let Some(dir) = explicit {
        if dir.join(manifest::FILE_NAME).is_file() {
            // Absolute and without links, so paths from the file watcher compare equal.
            return Ok(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()));
        }
        return Err(UserError::new(format!(
            "{}: no {} here: --course must name a course directory",
            dir.display(),
            manifest::FILE_NAME
        )));
    }
    let cwd = std::env::current_dir()
        .map_err(|e| UserError::new(format!("cannot read the working directory: {e}")))?;
    for dir in cwd.ancestors() {
        if dir.join(manifest::FILE_NAME).is_file() {
            return Ok(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()));
        }
    }
    Err(UserError::new(format!(
        "no {} in {} or its parents: run backlings inside a course, or pass --course DIR",
        manifest::FILE_NAME,
        cwd.display()
    )))
}

impl Course {
    /// Reads and validates the manifest, without looking at any other file.
    ///
    /// # Errors
    /// The manifest cannot be read, is not UTF-8, or is not valid (the error names its line).
    pub fn load_manifest(root: &Path) -> Result<Course, UserError> {
        let path = root.join(manifest::FILE_NAME);
        let bytes = fs::read(&path).map_err(|e| UserError::io("read", &path, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            UserError::new(format!(
                "{}:{line}:{column}: not UTF-8 text: save the file as UTF-8",
                manifest::FILE_NAME
            ))
        })?;
        let manifest = Manifest::parse(&text)?;
        Ok(Course {
            root: root.to_path_buf(),
            manifest,
            manifest_text: text,
        })
    }

    /// Loads the course and checks that every listed exercise file exists.
    ///
    /// # Errors
    /// As [`Course::load_manifest`], or a listed exercise file is missing.
    pub fn load(root: &Path) -> Result<Course, UserError> {
        let course = Course::load_manifest(root)?;
        if let Some(problem) = course.missing_exercise_files().into_iter().next() {
            return Err(UserError::new(problem));
        }
        Ok(course)
    }

    /// One message per listed exercise whose file is missing.
    pub fn missing_exercise_files(&self) -> Vec<String> {
        self.manifest
            .exercises
            .iter()
            .filter(|e| !self.exercise_path(e).is_file())
            .map(|e| {
                format!(
                    "{}:{}: the file of exercise `{}` is missing: create {} (or remove the \
                     exercise from {0})",
                    manifest::FILE_NAME,
                    e.line,
                    e.name,
                    self.exercise_rel(e)
                )
            })
            .collect()
    }

    /// The stage of an exercise.
    pub fn stage(&self, exercise: &Exercise) -> &Stage {
        self.manifest.stage_of(exercise)
    }

    /// `exercises/<dir>/<name>.rs`, relative to the root.
    pub fn exercise_rel(&self, exercise: &Exercise) -> String {
        format!(
            "{EXERCISES_DIR}/{}/{}.rs",
            self.stage(exercise).dir,
            exercise.name
        )
    }

    /// `solutions/<dir>/<name>.rs`, relative to the root.
    pub fn solution_rel(&self, exercise: &Exercise) -> String {
        format!(
            "{SOLUTIONS_DIR}/{}/{}.rs",
            self.stage(exercise).dir,
            exercise.name
        )
    }

    /// The exercise file the learner edits.
    pub fn exercise_path(&self, exercise: &Exercise) -> PathBuf {
        self.root.join(self.exercise_rel(exercise))
    }

    /// The reference solution.
    pub fn solution_path(&self, exercise: &Exercise) -> PathBuf {
        self.root.join(self.solution_rel(exercise))
    }

    /// The support files of a stage, relative to the root (`exercises/<dir>/support/...`),
    /// sorted; empty when it has none.
    pub fn support_files(&self, stage: &Stage) -> Vec<String> {
        let dir = self.stage_dir(stage).join(SUPPORT_DIR);
        let mut found = Vec::new();
        let mut pending = vec![dir];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && let Ok(rel) = path.strip_prefix(&self.root)
                {
                    found.push(rel.to_string_lossy().into_owned());
                }
            }
        }
        found.sort();
        found
    }

    /// The line of the first `// TODO` in an exercise's file, if it has one (and the file is
    /// there).
    pub fn first_todo(&self, exercise: &Exercise) -> Option<usize> {
        let source = fs::read_to_string(self.exercise_path(exercise)).ok()?;
        crate::anatomy::todo_spots(&source).first().copied()
    }

    /// A stage's package directory, `exercises/<dir>`.
    pub fn stage_dir(&self, stage: &Stage) -> PathBuf {
        self.root.join(EXERCISES_DIR).join(&stage.dir)
    }

    /// The exercise with this name, or an error that lists how to find names.
    ///
    /// # Errors
    /// No exercise has this name.
    pub fn find(&self, name: &str) -> Result<&Exercise, UserError> {
        self.manifest.exercise(name).ok_or_else(|| {
            UserError::new(format!(
                "no exercise named `{name}` in {}: `backlings list` shows every name",
                self.root.join(manifest::FILE_NAME).display()
            ))
        })
    }

    /// The course's target directory (shared by every package, and by solution builds).
    pub fn target_dir(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => self.root.join(dir),
            None => self.root.join("target"),
        }
    }
}

//! Shadow workspaces under the target directory: the stage packages with their bins pointing
//! at other files (the reference solutions, or an exercise's mutant copies). They share the
//! course's dependencies, profile, lock file and target directory, so no dependency is built
//! twice.

use std::fs;
use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, Item, Table, value};

use super::read_doc;
use crate::course::Course;
use crate::error::UserError;
use crate::fsutil::write_atomic;
use crate::manifest::{Exercise, Stage};

/// The name a solution's bin gets in the shadow workspace, so its program never lands on
/// the exercise's path in the shared target directory.
pub fn solution_bin(exercise: &Exercise) -> String {
    format!("{}-solution", exercise.name)
}

/// Writes (or refreshes) a workspace under the target directory whose packages are the
/// stage packages with their bins pointing at the solutions. It shares the course's
/// dependencies, profile and lock file, and builds into the same target directory, so no
/// dependency is built twice. Returns its manifest path.
///
/// # Errors
/// The course's Cargo.toml files cannot be read, or the shadow cannot be written.
pub fn solutions_shadow(course: &Course) -> Result<PathBuf, UserError> {
    // Exercises without a solution file are left out (dev check reports them), and so is a
    // stage left with no bins, since cargo refuses a package without targets.
    let stages = course
        .manifest
        .stages
        .iter()
        .map(|stage| {
            let bins = course.manifest.exercises[stage.exercises.clone()]
                .iter()
                .filter(|e| course.solution_path(e).is_file())
                .map(|e| ShadowBin {
                    name: solution_bin(e),
                    path: course.solution_path(e),
                    test: e.mode.runs_tests(),
                })
                .collect();
            (stage, bins)
        })
        .collect();
    write_shadow(
        course,
        &course.target_dir().join("backlings").join("solutions"),
        stages,
    )
}

/// Writes a workspace under the target directory for the mutant copies of one exercise: its
/// stage package with these bins. Returns its manifest path.
///
/// # Errors
/// The course's Cargo.toml files cannot be read or the shadow cannot be written.
pub fn mutants_shadow(
    course: &Course,
    exercise: &Exercise,
    bins: Vec<ShadowBin>,
) -> Result<PathBuf, UserError> {
    let dir = course
        .target_dir()
        .join("backlings")
        .join("mutants")
        .join(&exercise.name);
    write_shadow(course, &dir, vec![(course.stage(exercise), bins)])
}

/// A bin target of a shadow workspace.
#[derive(Debug, Clone)]
pub struct ShadowBin {
    /// Its name, unique in the course's target directory.
    pub name: String,
    /// Its source file, absolute.
    pub path: PathBuf,
    /// Built as a test harness (`test = true`).
    pub test: bool,
}

fn write_shadow(
    course: &Course,
    shadow: &Path,
    stages: Vec<(&Stage, Vec<ShadowBin>)>,
) -> Result<PathBuf, UserError> {
    let root_toml = course.root.join("Cargo.toml");
    let mut root = read_doc(&root_toml)?;
    for key in [
        "package",
        "lib",
        "bin",
        "dependencies",
        "dev-dependencies",
        "build-dependencies",
        "target",
        "features",
        "lints",
        "example",
        "test",
        "bench",
        "badges",
    ] {
        root.remove(key);
    }
    absolutize_paths(root.as_table_mut(), &course.root);
    let stages: Vec<(&Stage, Vec<ShadowBin>)> = stages
        .into_iter()
        .filter(|(_, bins)| !bins.is_empty())
        .collect();
    let mut members = Array::new();
    for (stage, _) in &stages {
        members.push(stage.dir.as_str());
    }
    let workspace = root
        .entry("workspace")
        .or_insert(Item::Table(Table::new()))
        .as_table_mut()
        .ok_or_else(|| {
            UserError::new(format!(
                "{}: [workspace] is not a table",
                root_toml.display()
            ))
        })?;
    workspace.insert("members", value(members));
    workspace.remove("default-members");
    workspace.remove("exclude");
    write_if_changed(&shadow.join("Cargo.toml"), root.to_string().as_bytes())?;

    for (stage, bins) in stages {
        let path = course.stage_dir(stage).join("Cargo.toml");
        let mut doc = read_doc(&path)?;
        absolutize_paths(doc.as_table_mut(), &course.stage_dir(stage));
        let mut array = ArrayOfTables::new();
        for bin in bins {
            let mut table = Table::new();
            table.insert("name", value(bin.name));
            table.insert("path", value(bin.path.to_string_lossy().as_ref()));
            if !bin.test {
                table.insert("test", value(false));
            }
            array.push(table);
        }
        doc.remove("bin");
        doc.insert("bin", Item::ArrayOfTables(array));
        write_if_changed(
            &shadow.join(&stage.dir).join("Cargo.toml"),
            doc.to_string().as_bytes(),
        )?;
    }
    let lock = course.root.join("Cargo.lock");
    if lock.is_file() {
        let shadow_lock = shadow.join("Cargo.lock");
        if !shadow_lock.is_file() {
            fs::copy(&lock, &shadow_lock).map_err(|e| UserError::io("copy", &lock, &e))?;
        }
    }
    Ok(shadow.join("Cargo.toml"))
}

/// Rewrites relative `path = "..."` entries (path dependencies, patches) against `base`.
fn absolutize_paths(table: &mut Table, base: &Path) {
    for (key, item) in table.iter_mut() {
        if key == "path" {
            if let Some(p) = item.as_str()
                && Path::new(p).is_relative()
            {
                *item = value(base.join(p).to_string_lossy().as_ref());
            }
        } else if let Some(t) = item.as_table_mut() {
            absolutize_paths(t, base);
        } else if let Some(t) = item.as_inline_table_mut()
            && let Some(p) = t.get("path").and_then(|v| v.as_str())
            && Path::new(p).is_relative()
        {
            let joined = base.join(p).to_string_lossy().into_owned();
            t.insert("path", joined.into());
        }
    }
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<(), UserError> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    write_atomic(path, contents)
}

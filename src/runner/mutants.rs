//! Hidden mutants (`{ name, find, replace, file }` in `mutants`): each is planted in a copy
//! of the exercise file and its stage's support files under the target directory, as
//! cargo-mutants does, never in the learner's files. The copies are built in one cargo
//! invocation, in a shadow workspace that shares the course's dependencies.

use std::fs;
use std::path::{Path, PathBuf};

use super::cargo::{self, Artifact, BuildRequest, Targets};
use super::{CheckRequest, Source, target_name};
use crate::manifest::{Exercise, Mutant};
use crate::workspace::{self, ShadowBin};

/// A mutant built and ready to run.
#[derive(Debug, Clone)]
pub(super) struct Planted {
    /// The mutant's name, as the manifest gives it.
    pub name: String,
    /// Its test harness.
    pub executable: PathBuf,
}

/// Plants and builds every patch mutant of `exercise`.
///
/// # Errors
/// A mutant cannot be planted (its text is not in the file exactly once: the file was
/// edited), its patch does not compile, or cargo could not build: the message says which and
/// what to do.
pub(super) fn plant(
    request: &CheckRequest<'_>,
    exercise: &Exercise,
) -> Result<Vec<Planted>, String> {
    let patches: Vec<(usize, &Mutant)> = exercise
        .mutants
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(m, Mutant::Patch { .. }))
        .collect();
    if patches.is_empty() {
        return Ok(Vec::new());
    }
    let course = request.course;
    let stage = course.stage(exercise);
    let (source_file, source_rel) = match request.source {
        Source::Exercises => (
            course.exercise_path(exercise),
            course.exercise_rel(exercise),
        ),
        Source::Solutions => (
            course.solution_path(exercise),
            course.solution_rel(exercise),
        ),
    };
    let exercise_text = fs::read_to_string(&source_file)
        .map_err(|e| format!("{source_rel}: could not read it: {e}"))?;
    let support = course.support_files(stage);
    let base = course
        .target_dir()
        .join("backlings")
        .join("mutants")
        .join(&exercise.name);
    let bin_prefix = target_name(request.source, exercise);
    let mut bins = Vec::new();
    let mut names = Vec::new();
    for (index, mutant) in patches {
        let Mutant::Patch {
            name,
            find,
            replace,
            file,
        } = mutant
        else {
            continue;
        };
        let dir = base.join(format!("m{index}"));
        let exercise_copy = dir.join(format!("{}.rs", exercise.name));
        write_if_changed(&exercise_copy, &exercise_text)?;
        for rel in &support {
            let text = fs::read_to_string(course.root.join(rel))
                .map_err(|e| format!("{rel}: could not read it: {e}"))?;
            let stage_rel = format!("{}/{}", crate::course::EXERCISES_DIR, stage.dir);
            let inside = Path::new(rel)
                .strip_prefix(&stage_rel)
                .unwrap_or(Path::new(rel));
            write_if_changed(&dir.join(inside), &text)?;
        }
        let (target, shown) = match file {
            None => (exercise_copy.clone(), source_rel.clone()),
            Some(file) => (
                dir.join(file),
                format!("{}/{}/{file}", crate::course::EXERCISES_DIR, stage.dir),
            ),
        };
        let text = fs::read_to_string(&target).map_err(|_| {
            format!(
                "the mutant `{name}` patches {shown}, which does not exist: restore it with \
                 `backlings reset {shown}`"
            )
        })?;
        if text.matches(find.as_str()).count() != 1 {
            let advice = if file.is_some() {
                format!(
                    "{shown} is not as the course shipped it: restore it with `backlings reset \
                     {shown}` (your own file is kept)"
                )
            } else {
                "the code it patches in your file was changed: keep that code as shipped and \
                 change only the tests"
                    .to_owned()
            };
            return Err(format!(
                "the mutant `{name}` cannot be planted: its text is not exactly once in \
                 {shown}; {advice}"
            ));
        }
        write_if_changed(&target, &text.replacen(find.as_str(), replace, 1))?;
        let bin = format!("{bin_prefix}-mutant-{index}");
        bins.push(ShadowBin {
            name: bin.clone(),
            path: exercise_copy,
            test: true,
        });
        names.push((name.clone(), bin));
    }
    let manifest_path =
        workspace::mutants_shadow(course, exercise, bins).map_err(|e| e.to_string())?;
    let package = request.packages[exercise.stage].clone();
    let build = BuildRequest {
        dir: course.root.clone(),
        manifest_path,
        target_dir: Some(course.target_dir()),
        packages: vec![package],
        targets: Targets::Many {
            programs: Vec::new(),
        },
        color: false,
    };
    let report = cargo::build(&build, &|| {}, &request.cancel).map_err(|e| {
        format!(
            "the mutants of `{}` could not be built: {e:?}",
            exercise.name
        )
    })?;
    names
        .into_iter()
        .map(|(name, bin)| {
            match report.executables.get(&Artifact {
                target: bin.clone(),
                test_harness: true,
            }) {
                Some(executable) => Ok(Planted {
                    name,
                    executable: executable.clone(),
                }),
                None => Err(format!(
                    "the mutant `{name}` does not compile, so it proves nothing: fix its `replace` \
                 in info.toml\n{}",
                    report.diagnostics.get(&bin).cloned().unwrap_or_default()
                )),
            }
        })
        .collect()
}

/// Writes `text` unless the file already holds it, so cargo sees an unchanged copy as fresh.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

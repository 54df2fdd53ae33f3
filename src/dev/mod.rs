//! Instructor commands: `dev sync`, `dev new`, `dev check`.

use std::path::Path;

use crate::course::Course;
use crate::error::UserError;
use crate::manifest::Mode;
use crate::session::{Finished, print};
use crate::signals::Interrupts;
use crate::ui::Theme;
use crate::workspace;

mod check;
mod new;
mod rules;
mod scope;
mod verdict;

/// `dev sync`: bring the workspace in line with the manifest.
///
/// # Errors
/// The course does not load, or a Cargo.toml cannot be read or written.
pub fn sync(root: &Path) -> Result<Finished, UserError> {
    let course = Course::load(root)?;
    let mut changes = workspace::sync(&course)?;
    changes.extend(scaffold(&course)?);
    if changes.is_empty() {
        print("The exercise packages already match info.toml.\n");
    }
    for change in changes {
        print(&format!("{change}\n"));
    }
    Ok(Finished::Success)
}

/// `dev new NAME --stage ID [--mode]`.
///
/// # Errors
/// The course does not load, the name is taken or invalid, or the stage is unknown.
pub fn new(root: &Path, name: &str, stage: &str, mode: Mode) -> Result<Finished, UserError> {
    let course = Course::load(root)?;
    new::add(&course, name, stage, mode)?;
    let dir = &course
        .manifest
        .stages
        .iter()
        .find(|s| s.id == stage)
        .map_or(stage, |s| s.dir.as_str());
    print(&format!(
        "Added `{name}` to stage `{stage}`: exercises/{dir}/{name}.rs, solutions/{dir}/{name}.rs, \
         its entry in info.toml and its bin.\nNext: write the solution, break the exercise, \
         fill in the hints, then run `backlings dev check`.\n"
    ));
    Ok(Finished::Success)
}

/// `dev check [--strict] [--stage ID]...`: every problem of the course, and the anatomy
/// warnings (of the named stages only, when `stages` is not empty); exit 1 if there is a
/// problem, or (with `strict`) a warning.
///
/// # Errors
/// The manifest is invalid, or the machine cannot build the course (exit 2).
pub fn check(
    root: &Path,
    theme: &Theme,
    strict: bool,
    stages: &[String],
) -> Result<Finished, UserError> {
    let course = Course::load_manifest(root)?;
    let scope = scope::Scope::new(&course, stages)?;
    let interrupts = Interrupts::listen()?;
    let found = match check::problems(&course, &scope, interrupts.cancel()) {
        Ok(found) => found,
        Err(e) => {
            return match interrupts.received() {
                Some(signal) => {
                    eprintln!("interrupted: the exercises' processes were stopped");
                    Ok(Finished::Interrupted(signal))
                }
                None => Err(e),
            };
        }
    };
    let stages_checked: Vec<&crate::manifest::Stage> = course
        .manifest
        .stages
        .iter()
        .filter(|s| scope.includes(&s.id))
        .collect();
    let covered = verdict::Covered {
        named: stages.to_vec(),
        stages: stages_checked.iter().map(|s| s.id.clone()).collect(),
        exercises: stages_checked.iter().map(|s| s.exercises.len()).sum(),
    };
    let report = verdict::render(found, strict, &covered, theme);
    eprint!("{}", report.stderr);
    print(&report.stdout);
    Ok(if report.passed {
        Finished::Success
    } else {
        Finished::Failure
    })
}

/// Files every course ships, written only where missing: git ignores the build and the
/// learner's progress, and rust-analyzer builds in its own target directory so the editor
/// never holds the lock a check needs.
const SCAFFOLD: [(&str, &str); 3] = [
    (
        ".gitignore",
        "/target/\n/.backlings-state.toml*\n/.backlings/\n*.backlings-tmp*\n",
    ),
    (
        "rust-analyzer.toml",
        "# rust-analyzer gets its own target directory, so checking in the editor never holds\n\
         # the build lock that backlings needs to compile an exercise the moment it is saved.\n\
         [cargo]\ntargetDir = true\n",
    ),
    (
        ".vscode/settings.json",
        "{\n  \"rust-analyzer.cargo.targetDir\": true\n}\n",
    ),
];

/// Links `solutions/<dir>/support` to `exercises/<dir>/support` where a stage has support
/// code, so solutions include it by the same `#[path]` as the exercises.
fn link_support(course: &Course) -> Result<Vec<String>, UserError> {
    use crate::course::{SOLUTIONS_DIR, SUPPORT_DIR};
    let mut made = Vec::new();
    for stage in &course.manifest.stages {
        if !course.stage_dir(stage).join(SUPPORT_DIR).is_dir() {
            continue;
        }
        let link = course
            .root
            .join(SOLUTIONS_DIR)
            .join(&stage.dir)
            .join(SUPPORT_DIR);
        if std::fs::symlink_metadata(&link).is_ok() {
            continue;
        }
        let target = Path::new("..")
            .join("..")
            .join(crate::course::EXERCISES_DIR)
            .join(&stage.dir)
            .join(SUPPORT_DIR);
        if let Some(parent) = link.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| UserError::io("create the directory of", &link, &e))?;
        }
        std::os::unix::fs::symlink(&target, &link)
            .map_err(|e| UserError::io("create the link", &link, &e))?;
        made.push(format!(
            "linked {SOLUTIONS_DIR}/{}/{SUPPORT_DIR} to {}",
            stage.dir,
            target.display()
        ));
    }
    Ok(made)
}

fn scaffold(course: &Course) -> Result<Vec<String>, UserError> {
    let mut created = link_support(course)?;
    // A course made before temporary files were named for git to ignore gets the line.
    let gitignore = course.root.join(".gitignore");
    if let Ok(text) = std::fs::read_to_string(&gitignore)
        && !text.lines().any(|l| l.trim() == crate::fsutil::TEMP_IGNORE)
    {
        let mut text = text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(crate::fsutil::TEMP_IGNORE);
        text.push('\n');
        crate::fsutil::write_atomic(&gitignore, text.as_bytes())?;
        created.push(format!(
            "added {} to .gitignore",
            crate::fsutil::TEMP_IGNORE
        ));
    }
    for (rel, text) in SCAFFOLD {
        let path = course.root.join(rel);
        if !path.exists() {
            crate::fsutil::write_atomic(&path, text.as_bytes())?;
            created.push(format!("created {rel}"));
        }
    }
    Ok(created)
}

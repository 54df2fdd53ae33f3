//! The course's Cargo workspace: one package per stage whose `[[bin]]` list mirrors the
//! manifest. Reading it, telling whether it is stale, rewriting it (`dev sync`), and the
//! shadow workspace that builds the solutions beside the exercises.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::course::{Course, EXERCISES_DIR};
use crate::error::UserError;
use crate::fsutil::write_atomic;
use crate::manifest::Stage;

mod shadow;

pub use shadow::{ShadowBin, mutants_shadow, solution_bin, solutions_shadow};

/// The dev profile that measured best for exercise crates; written into a new workspace.
const PROFILE: &str = r#"
# Measured best for exercise crates (the test profile inherits it).
[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#;

/// A bin entry as the manifest wants it: (name, path relative to the package, test).
type BinKey = (String, String, bool);

/// The package name `dev sync` gives a new stage package.
pub fn default_package_name(stage: &Stage) -> String {
    format!("exercises-{}", stage.id.replace('_', "-"))
}

fn wanted_bins(course: &Course, stage: &Stage) -> Vec<BinKey> {
    course.manifest.exercises[stage.exercises.clone()]
        .iter()
        .map(|e| {
            (
                e.name.clone(),
                format!("{}.rs", e.name),
                e.mode.runs_tests(),
            )
        })
        .collect()
}

fn read_doc(path: &Path) -> Result<DocumentMut, UserError> {
    let text = fs::read_to_string(path).map_err(|e| UserError::io("read", path, &e))?;
    text.parse::<DocumentMut>().map_err(|e| {
        UserError::new(format!(
            "{}: not valid TOML: {}",
            path.display(),
            e.to_string().trim_end()
        ))
    })
}

fn present_bins(doc: &DocumentMut) -> Vec<BinKey> {
    let Some(bins) = doc.get("bin").and_then(Item::as_array_of_tables) else {
        return Vec::new();
    };
    bins.iter()
        .map(|t| {
            let name = t.get("name").and_then(Item::as_str).unwrap_or_default();
            let path = t.get("path").and_then(Item::as_str).unwrap_or_default();
            let path = path.strip_prefix("./").unwrap_or(path);
            let test = t.get("test").and_then(Item::as_bool).unwrap_or(true);
            (name.to_owned(), path.to_owned(), test)
        })
        .collect()
}

/// The Cargo package name of every stage, in stage order; an error that says to run
/// `backlings dev sync` when any package is missing or its bins differ from the manifest.
///
/// # Errors
/// A stage package is missing or stale (run `backlings dev sync`), or cannot be read.
pub fn packages(course: &Course) -> Result<Vec<String>, UserError> {
    let Inspection { problems, names } = inspect(course)?;
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(UserError::new(format!(
            "{first}{more}: run `backlings dev sync` to bring the exercise packages in line \
             with info.toml"
        )));
    }
    course
        .manifest
        .stages
        .iter()
        .zip(names)
        .map(|(stage, name)| {
            name.ok_or_else(|| {
                UserError::new(format!(
                    "{}: no [package] name: add one, or delete the file and run \
                     `backlings dev sync`",
                    course.stage_dir(stage).join("Cargo.toml").display()
                ))
            })
        })
        .collect()
}

fn package_name(doc: &DocumentMut) -> Option<String> {
    doc.get("package")?.get("name")?.as_str().map(str::to_owned)
}

/// One way the workspace differs from the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The file that differs, relative to the course root (`exercises/02_http/Cargo.toml`).
    pub file: String,
    /// How it differs.
    pub message: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Every way the workspace differs from the manifest, each naming its file.
///
/// # Errors
/// A stage package cannot be read.
pub fn stale(course: &Course) -> Result<Vec<Stale>, UserError> {
    Ok(inspect(course)?.problems)
}

/// What one read of the workspace's manifests tells.
struct Inspection {
    /// Every way the workspace differs from the manifest.
    problems: Vec<Stale>,
    /// Each stage's package name, where its Cargo.toml has one.
    names: Vec<Option<String>>,
}

fn inspect(course: &Course) -> Result<Inspection, UserError> {
    let mut problems = Vec::new();
    let mut names = Vec::with_capacity(course.manifest.stages.len());
    let root_toml = course.root.join("Cargo.toml");
    let members = if root_toml.is_file() {
        Some(workspace_members(&read_doc(&root_toml)?))
    } else {
        problems.push(Stale {
            file: "Cargo.toml".to_owned(),
            message: "the course has no workspace Cargo.toml".to_owned(),
        });
        None
    };
    for stage in &course.manifest.stages {
        let rel = format!("{EXERCISES_DIR}/{}/Cargo.toml", stage.dir);
        let path = course.root.join(&rel);
        if !path.is_file() {
            problems.push(Stale {
                file: rel.clone(),
                message: format!("the package of stage `{}` is missing", stage.id),
            });
            names.push(None);
            continue;
        }
        if let Some(members) = &members
            && !is_member(members, &stage.dir)
        {
            problems.push(Stale {
                file: "Cargo.toml".to_owned(),
                message: format!(
                    "the workspace does not list `{EXERCISES_DIR}/{}`",
                    stage.dir
                ),
            });
        }
        let doc = read_doc(&path)?;
        names.push(package_name(&doc));
        let present: BTreeSet<BinKey> = present_bins(&doc).into_iter().collect();
        let wanted: BTreeSet<BinKey> = wanted_bins(course, stage).into_iter().collect();
        if present != wanted {
            let missing: Vec<_> = wanted.difference(&present).map(|b| b.0.as_str()).collect();
            let extra: Vec<_> = present.difference(&wanted).map(|b| b.0.as_str()).collect();
            let mut detail = Vec::new();
            if !missing.is_empty() {
                detail.push(format!("missing or different: {}", missing.join(", ")));
            }
            if !extra.is_empty() {
                detail.push(format!("not in info.toml: {}", extra.join(", ")));
            }
            problems.push(Stale {
                file: rel.clone(),
                message: format!(
                    "the [[bin]] list does not match info.toml ({})",
                    detail.join("; ")
                ),
            });
        }
    }
    Ok(Inspection { problems, names })
}

fn workspace_members(doc: &DocumentMut) -> Vec<String> {
    doc.get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn is_member(members: &[String], dir: &str) -> bool {
    let wanted = format!("{EXERCISES_DIR}/{dir}");
    members.iter().any(|m| {
        let m = m.trim_end_matches('/');
        m == wanted || m == format!("{EXERCISES_DIR}/*")
    })
}

/// Brings the workspace in line with the manifest: creates what is missing and rewrites each
/// stage package's `[[bin]]` list, keeping everything else. Returns what it changed.
///
/// # Errors
/// A Cargo.toml cannot be read, parsed or written.
pub fn sync(course: &Course) -> Result<Vec<String>, UserError> {
    let mut changes = Vec::new();
    let root_toml = course.root.join("Cargo.toml");
    let mut root = if root_toml.is_file() {
        read_doc(&root_toml)?
    } else {
        changes.push("created Cargo.toml (the course's workspace)".to_owned());
        let mut doc: DocumentMut = PROFILE.parse().map_err(|_| {
            UserError::new("internal: the built-in profile is not valid TOML".to_owned())
        })?;
        let mut workspace = Table::new();
        workspace.insert("members", value(Array::new()));
        workspace.insert("resolver", value("3"));
        doc.insert("workspace", Item::Table(workspace));
        doc.sort_values();
        doc
    };
    let Some(workspace) = root.get_mut("workspace").and_then(Item::as_table_mut) else {
        return Err(UserError::new(format!(
            "{}: has no [workspace] table: add `[workspace]` so the exercise packages can \
             be its members",
            root_toml.display()
        )));
    };
    let members = workspace
        .entry("members")
        .or_insert(value(Array::new()))
        .as_array_mut()
        .ok_or_else(|| {
            UserError::new(format!(
                "{}: workspace.members is not an array",
                root_toml.display()
            ))
        })?;
    let mut root_changed = false;
    for stage in &course.manifest.stages {
        let listed: Vec<String> = members
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        if !is_member(&listed, &stage.dir) {
            members.push(format!("{EXERCISES_DIR}/{}", stage.dir));
            root_changed = true;
            changes.push(format!(
                "Cargo.toml: added `{EXERCISES_DIR}/{}` to the workspace",
                stage.dir
            ));
        }
    }
    if root_changed || !root_toml.is_file() {
        write_atomic(&root_toml, root.to_string().as_bytes())?;
    }

    for stage in &course.manifest.stages {
        let rel = format!("{EXERCISES_DIR}/{}/Cargo.toml", stage.dir);
        let path = course.root.join(&rel);
        let (mut doc, created) = if path.is_file() {
            (read_doc(&path)?, false)
        } else {
            (new_package(stage)?, true)
        };
        let before: Vec<BinKey> = present_bins(&doc);
        let wanted = wanted_bins(course, stage);
        if created || before != wanted {
            set_bins(&mut doc, &wanted);
            write_atomic(&path, doc.to_string().as_bytes())?;
            changes.push(if created {
                format!("created {rel}")
            } else {
                format!("{rel}: rewrote the [[bin]] list")
            });
        }
    }
    Ok(changes)
}

fn new_package(stage: &Stage) -> Result<DocumentMut, UserError> {
    let text = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\
         autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n\n\
         [dependencies]\n",
        default_package_name(stage)
    );
    text.parse()
        .map_err(|_| UserError::new("internal: the package template is not valid TOML"))
}

fn set_bins(doc: &mut DocumentMut, bins: &[BinKey]) {
    // Comments just above the first `[[bin]]` belong to it in TOML's model; keep them.
    let leading = doc
        .get("bin")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.get(0))
        .and_then(|t| t.decor().prefix().cloned());
    let mut array = ArrayOfTables::new();
    for (name, path, test) in bins {
        let mut table = Table::new();
        table.insert("name", value(name.as_str()));
        table.insert("path", value(path.as_str()));
        if !test {
            table.insert("test", value(false));
        }
        array.push(table);
    }
    if let (Some(prefix), Some(first)) = (leading, array.get_mut(0)) {
        first.decor_mut().set_prefix(prefix);
    }
    doc.remove("bin");
    doc.insert("bin", Item::ArrayOfTables(array));
}

/// Whether a stage's package declares any dependency (and so has crates to build ahead).
/// The crate names (dashes as underscores) a stage's package depends on.
pub fn dependency_names(course: &Course, stage: &Stage) -> Vec<String> {
    let Ok(doc) = read_doc(&course.stage_dir(stage).join("Cargo.toml")) else {
        return Vec::new();
    };
    ["dependencies", "dev-dependencies"]
        .iter()
        .filter_map(|key| doc.get(key).and_then(Item::as_table_like))
        .flat_map(|table| table.iter().map(|(name, _)| name.replace('-', "_")))
        .collect()
}

/// Whether a stage's package has dependencies (it then builds in the background).
pub fn has_dependencies(course: &Course, stage: &Stage) -> bool {
    let path = course.stage_dir(stage).join("Cargo.toml");
    let Ok(doc) = read_doc(&path) else {
        return false;
    };
    ["dependencies", "dev-dependencies"].iter().any(|key| {
        doc.get(key)
            .and_then(Item::as_table_like)
            .is_some_and(|t| !t.is_empty())
    })
}

//! `backlings doctor`: what the whole course will need, checked before the learner meets it.
//! Each item is ok, missing (the course cannot be done here: exit 1) or information.

use std::io::IsTerminal;
use std::path::Path;
use std::process::Command;

use serde::Serialize;

use super::args::Format;
use super::{Context, Finished, print};
use crate::runner::cargo::cargo_program;
use crate::runner::environment::find_program;
use crate::ui::Theme;
use crate::workspace;

/// How an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Present and good enough.
    Ok,
    /// The course needs it and it is not there: exit 1.
    Missing,
    /// Worth knowing; nothing is missing.
    Info,
}

/// One checked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What was checked.
    pub name: String,
    /// How it stands.
    pub status: Status,
    /// What was found.
    pub detail: String,
    /// What to do, when something is missing or could be better.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

fn item(name: &str, status: Status, detail: String, fix: Option<&str>) -> Item {
    Item {
        name: name.to_owned(),
        status,
        detail,
        fix: fix.map(str::to_owned),
    }
}

/// `doctor [--format json]`.
///
/// # Errors
/// None of its own: every problem is an item.
pub fn doctor(context: &Context, format: Format) -> Result<Finished, crate::error::UserError> {
    let items = check(context);
    let ready = items.iter().all(|i| i.status != Status::Missing);
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                ready: bool,
                checks: &'a [Item],
            }
            let text = serde_json::to_string(&Report {
                ready,
                checks: &items,
            })
            .unwrap_or_default();
            print(&format!("{text}\n"));
        }
        Format::Text => print(&render(&items, &context.out)),
    }
    Ok(if ready {
        Finished::Success
    } else {
        Finished::Failure
    })
}

/// The items as lines for people: `ok`, `MISSING` or `info`, what, and the fix.
pub fn render(items: &[Item], theme: &Theme) -> String {
    let mut text = String::new();
    for item in items {
        let label = match item.status {
            Status::Ok => theme.good("ok     "),
            Status::Missing => theme.bad("MISSING"),
            Status::Info => theme.dim("info   "),
        };
        text.push_str(&format!("{label} {}: {}\n", item.name, item.detail));
        if let Some(fix) = &item.fix {
            text.push_str(&format!("        → {fix}\n"));
        }
    }
    let missing = items.iter().filter(|i| i.status == Status::Missing).count();
    text.push_str(&match missing {
        0 => "Ready: this machine has what the course needs.\n".to_owned(),
        n => format!("{n} missing: fix the items marked MISSING, then run doctor again.\n"),
    });
    text
}

fn check(context: &Context) -> Vec<Item> {
    let course = &context.course;
    let needed = rust_version(&course.root);
    let mut items = vec![
        toolchain("cargo", cargo_program(), needed.as_deref()),
        toolchain(
            "rustc",
            std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()),
            needed.as_deref(),
        ),
    ];
    let compiler = std::env::var("CC")
        .ok()
        .filter(|cc| find_program(cc).is_some())
        .or_else(|| {
            ["cc", "gcc", "clang"]
                .into_iter()
                .find(|p| find_program(p).is_some())
                .map(str::to_owned)
        });
    items.push(match compiler {
        Some(cc) => item("C compiler", Status::Ok, format!("`{cc}`"), None),
        None => item(
            "C compiler",
            Status::Missing,
            "none on PATH (the bundled SQLite and ring are built with one)".to_owned(),
            Some(
                "install one: `sudo apt install build-essential` (Debian, Ubuntu), `sudo dnf \
                 install gcc` (Fedora), `xcode-select --install` (macOS)",
            ),
        ),
    });
    let mut programs: Vec<(&str, Vec<&str>)> = Vec::new();
    for exercise in &course.manifest.exercises {
        for program in &exercise.requires {
            match programs.iter_mut().find(|(p, _)| p == program) {
                Some((_, users)) => users.push(&exercise.name),
                None => programs.push((program, vec![&exercise.name])),
            }
        }
    }
    for (program, users) in programs {
        let used_by = format!("needed by {}", users.join(", "));
        items.push(match find_program(program) {
            Some(path) => item(
                program,
                Status::Ok,
                format!("{} ({used_by})", path.display()),
                None,
            ),
            None => Item {
                name: program.to_owned(),
                status: Status::Missing,
                detail: format!("not on PATH ({used_by})"),
                fix: Some(format!(
                    "install it: `sudo apt install {program}` or `brew install {program}`"
                )),
            },
        });
    }
    let target = course.target_dir();
    for (name, dir) in [
        ("course directory", course.root.clone()),
        ("target directory", target.clone()),
    ] {
        items.push(writable(name, &dir));
    }
    items.push(disk(&target));
    items.push(file_events(&course.root.join(crate::course::EXERCISES_DIR)));
    items.push(terminal(context));
    items.extend(dependencies(context, &target));
    items
}

/// The course's `rust-version` (its root Cargo.toml's package or workspace package).
fn rust_version(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let from = |t: Option<&toml::Value>| {
        t.and_then(|p| p.get("rust-version"))
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    from(table.get("package"))
        .or_else(|| from(table.get("workspace").and_then(|w| w.get("package"))))
}

/// `major.minor.patch` as numbers, from text such as `cargo 1.95.0 (f2d3ce0bd 2026-03-21)`.
fn version_of(text: &str) -> Option<(u64, u64, u64)> {
    let word = text
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    let mut parts = word.split(['.', '-']).map(|p| p.parse::<u64>().ok());
    Some((
        parts.next()??,
        parts.next()??,
        parts.next().flatten().unwrap_or(0),
    ))
}

fn toolchain(name: &str, program: std::ffi::OsString, needed: Option<&str>) -> Item {
    let Ok(out) = Command::new(&program).arg("-V").output() else {
        return item(
            name,
            Status::Missing,
            "not found".to_owned(),
            Some("install Rust with rustup (https://rustup.rs)"),
        );
    };
    let found = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let too_old = match (needed.and_then(version_of), version_of(&found)) {
        (Some(need), Some(have)) => have < need,
        _ => false,
    };
    let detail = match needed {
        Some(need) => format!("{found} (the course needs {need} or newer)"),
        None => found,
    };
    if too_old {
        item(
            name,
            Status::Missing,
            detail,
            Some("update it: `rustup update stable`"),
        )
    } else {
        item(name, Status::Ok, detail, None)
    }
}

fn writable(name: &str, dir: &Path) -> Item {
    // The target directory may not exist yet: its nearest existing ancestor is what counts.
    let existing = dir.ancestors().find(|d| d.exists()).unwrap_or(dir);
    match tempfile::Builder::new()
        .prefix(".backlings-doctor")
        .suffix(crate::fsutil::TEMP_MARK)
        .tempfile_in(existing)
    {
        Ok(_) => item(
            name,
            Status::Ok,
            format!("{} is writable", dir.display()),
            None,
        ),
        Err(e) => Item {
            name: name.to_owned(),
            status: Status::Missing,
            detail: format!("{} is not writable ({e})", dir.display()),
            fix: Some(
                "make it yours (`chown -R`, `chmod -R u+w`), or work in a copy you own; for the \
                 target directory, CARGO_TARGET_DIR may name another"
                    .to_owned(),
            ),
        },
    }
}

fn disk(target: &Path) -> Item {
    let existing = target.ancestors().find(|d| d.exists()).unwrap_or(target);
    match rustix::fs::statvfs(existing) {
        Ok(stat) => {
            let free = stat.f_bavail.saturating_mul(stat.f_frsize) >> 30;
            let low = free < 5;
            item(
                "disk space",
                Status::Info,
                format!("{free} GiB free for the target directory"),
                low.then_some("the course's builds take about 5 GiB: free some space"),
            )
        }
        Err(e) => item("disk space", Status::Info, format!("unknown ({e})"), None),
    }
}

fn file_events(dir: &Path) -> Item {
    use notify::Watcher;
    let works = notify::recommended_watcher(|_| {})
        .and_then(|mut w| w.watch(dir, notify::RecursiveMode::Recursive))
        .is_ok();
    if works {
        item(
            "file events",
            Status::Ok,
            "the system's file events work here".to_owned(),
            None,
        )
    } else {
        item(
            "file events",
            Status::Info,
            "not available here: watch mode polls the files instead".to_owned(),
            None,
        )
    }
}

fn terminal(context: &Context) -> Item {
    if !std::io::stdout().is_terminal() {
        return item(
            "terminal",
            Status::Info,
            "not a terminal: watch mode speaks its line protocol".to_owned(),
            None,
        );
    }
    let (columns, rows) = crossterm::terminal::size().unwrap_or((0, 0));
    let colors = if context.out.color {
        "colors"
    } else {
        "no colors"
    };
    item(
        "terminal",
        Status::Info,
        format!("{columns}x{rows}, {colors}"),
        (columns < 40 || rows < 20).then_some("a window of at least 80x24 shows more"),
    )
}

/// Whether each stage's dependencies are built yet (watch mode builds them in the background).
fn dependencies(context: &Context, target: &Path) -> Vec<Item> {
    let course = &context.course;
    let fingerprints: Vec<String> = std::fs::read_dir(target.join("debug").join(".fingerprint"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let Ok(packages) = workspace::packages(course) else {
        return Vec::new();
    };
    let mut waiting = Vec::new();
    for (stage, package) in course.manifest.stages.iter().zip(&packages) {
        if !workspace::has_dependencies(course, stage) {
            continue;
        }
        let built = workspace::dependency_names(course, stage)
            .iter()
            .all(|dep| {
                fingerprints
                    .iter()
                    .any(|f| f.starts_with(&format!("{dep}-")))
            });
        if !built {
            waiting.push((stage.id.as_str(), package.as_str()));
        }
    }
    let detail = if waiting.is_empty() {
        "every stage's crates are built".to_owned()
    } else {
        format!(
            "not built yet for {}: watch mode builds them in the background while you work",
            waiting
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    vec![Item {
        name: "dependencies".to_owned(),
        status: Status::Info,
        detail,
        fix: waiting.first().map(|(_, package)| {
            format!("to build them now: `cargo build -p {package} --tests` (for each stage)")
        }),
    }]
}

#[cfg(test)]
mod tests {
    use super::{Item, Status, render, version_of};
    use crate::ui::Theme;

    #[test]
    fn versions_compare_as_numbers() {
        assert_eq!(
            version_of("cargo 1.95.0 (f2d3ce0bd 2026-03-21)"),
            Some((1, 95, 0))
        );
        assert_eq!(version_of("1.89"), Some((1, 89, 0)));
        assert!(version_of("rustc 1.100.1").expect("v") > version_of("1.89").expect("v"));
    }

    #[test]
    fn renders_each_item_and_the_verdict() {
        let items = [
            Item {
                name: "cargo".into(),
                status: Status::Ok,
                detail: "cargo 1.95.0".into(),
                fix: None,
            },
            Item {
                name: "git".into(),
                status: Status::Missing,
                detail: "not on PATH".into(),
                fix: Some("install it".into()),
            },
        ];
        insta::assert_snapshot!(render(&items, &Theme::new(false)));
    }
}

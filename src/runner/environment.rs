//! Telling the machine's problems from the learner's: a build target that is not this
//! machine, a build script or dependency that fails (no C compiler), no linker, a target
//! directory that cannot be written. Each gets a message with the fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::cargo::BuildReport;

/// How to get a C compiler and linker, which the bundled SQLite and ring build with.
pub const C_COMPILER_ADVICE: &str = "install a C compiler and linker: `sudo apt install \
    build-essential` (Debian, Ubuntu), `sudo dnf install gcc` (Fedora), `xcode-select \
    --install` (macOS); then save the exercise again";

/// The most lines of cargo's or a build script's output quoted in a message.
const QUOTED_LINES: usize = 30;

/// Advice when cargo's message says a file could not be written, if it says so.
pub fn unwritable_advice(cargo_stderr: &str) -> Option<String> {
    let denied = cargo_stderr.contains("Permission denied")
        || cargo_stderr.contains("Read-only file system")
        || cargo_stderr.contains("os error 13")
        || cargo_stderr.contains("os error 30")
        || cargo_stderr.contains("Not a directory");
    denied.then(|| {
        "the course or its target directory is not writable by you: make it writable \
         (`chmod -R u+w` on the course, or `chown` it to your user), work in a copy you own, \
         or set CARGO_TARGET_DIR to a directory you can write"
            .to_owned()
    })
}

/// Why cargo built no executable for `target`, whose own code had no error: a dependency or
/// a build script failed. The message quotes what failed and says what to install.
pub fn unbuilt(report: &BuildReport, target: &str) -> String {
    let build_script = report
        .stderr
        .find("failed to run custom build command")
        .map(|at| {
            // Start at the line that says so.
            let start = report.stderr[..at].rfind('\n').map_or(0, |n| n + 1);
            &report.stderr[start..]
        });
    let (what, quoted) = match (build_script, report.dependency_errors.is_empty()) {
        (Some(text), _) => ("a build script of a dependency failed", text),
        (None, false) => (
            "a dependency failed to compile",
            report.dependency_errors.as_str(),
        ),
        (None, true) => ("cargo stopped before building it", report.stderr.as_str()),
    };
    let needs_c = quoted.contains("cc-rs")
        || quoted.contains("failed to find tool")
        || quoted.contains("linker `")
        || quoted.contains("is `cc` installed")
        || quoted.contains("C compiler");
    let advice = if needs_c {
        C_COMPILER_ADVICE.to_owned()
    } else if let Some(advice) = unwritable_advice(quoted) {
        advice
    } else {
        "this is not a problem in your code: read cargo's message above, fix the machine, \
         then save again"
            .to_owned()
    };
    format!(
        "`{target}` was not built: {what}.\n{}\n{advice}",
        last_lines(quoted.trim_end(), QUOTED_LINES)
    )
}

/// The path of an executable file named `program` in a directory of PATH, if there is one.
pub fn find_program(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| {
            std::fs::metadata(candidate)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// Whether rustc's diagnostics for an exercise say that no linker could be run.
pub fn linker_missing(diagnostics: &str) -> bool {
    diagnostics.contains("linker `") && diagnostics.contains("not found")
}

fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

/// A build target set in cargo's configuration, and where it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiguredTarget {
    /// The target triple (or target file).
    pub triple: String,
    /// `CARGO_BUILD_TARGET` or the config file's path.
    pub source: String,
}

/// The `build.target` cargo would use for a build in `dir`: `CARGO_BUILD_TARGET`, else the
/// nearest `.cargo/config.toml` (or `.cargo/config`) from `dir` up, else
/// `$CARGO_HOME/config.toml` (cargo's configuration discovery, "Hierarchical structure").
pub fn configured_target(dir: &Path) -> Option<ConfiguredTarget> {
    if let Ok(triple) = std::env::var("CARGO_BUILD_TARGET")
        && !triple.is_empty()
    {
        return Some(ConfiguredTarget {
            triple,
            source: "the environment variable CARGO_BUILD_TARGET".to_owned(),
        });
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for ancestor in dir.ancestors() {
        files.push(ancestor.join(".cargo/config.toml"));
        files.push(ancestor.join(".cargo/config"));
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        files.push(home.join("config.toml"));
        files.push(home.join("config"));
    }
    files.into_iter().find_map(|file| {
        let text = std::fs::read_to_string(&file).ok()?;
        let table: toml::Table = text.parse().ok()?;
        let target = table.get("build")?.get("target")?;
        let triple = match target {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(list) => list
                .iter()
                .filter_map(toml::Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        Some(ConfiguredTarget {
            triple,
            source: file.display().to_string(),
        })
    })
}

/// The machine's own target triple, from `rustc -vV` (`host: ...`).
pub fn host_triple() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
}

/// An error message when cargo is set to build for another machine than this one, whose
/// programs the runner could not run.
pub fn foreign_target(dir: &Path) -> Option<String> {
    let configured = configured_target(dir)?;
    let host = host_triple()?;
    if configured.triple == host {
        return None;
    }
    Some(format!(
        "cargo is set to build for `{}` (by {}), but exercises run here, on `{host}`: \
         unset it for this course (remove `build.target`, or run `unset CARGO_BUILD_TARGET`), \
         then check again",
        configured.triple, configured.source
    ))
}

#[cfg(test)]
mod tests {
    use super::{BuildReport, linker_missing, unbuilt, unwritable_advice};

    #[test]
    fn a_failed_build_script_is_quoted_with_c_compiler_advice() {
        let report = BuildReport {
            stderr: "warning: x\nerror: failed to run custom build command for \
                     `libsqlite3-sys v0.35.0`\n\nCaused by:\n  --- stderr\n  error occurred in \
                     cc-rs: failed to find tool \"cc\": No such file or directory"
                .to_owned(),
            ..BuildReport::default()
        };
        let message = unbuilt(&report, "select1");
        assert!(message.starts_with("`select1` was not built: a build script"));
        assert!(message.contains("libsqlite3-sys"), "{message}");
        assert!(!message.contains("warning: x"), "{message}");
        assert!(message.contains("build-essential"), "{message}");
    }

    #[test]
    fn a_dependency_error_is_not_the_learners() {
        let report = BuildReport {
            dependency_errors: "error[E0432]: unresolved import in ring\n".to_owned(),
            ..BuildReport::default()
        };
        let message = unbuilt(&report, "tls1");
        assert!(
            message.contains("a dependency failed to compile"),
            "{message}"
        );
        assert!(message.contains("unresolved import in ring"), "{message}");
    }

    #[test]
    fn knows_a_missing_linker_and_an_unwritable_directory() {
        assert!(linker_missing("error: linker `cc` not found\n"));
        assert!(!linker_missing("error[E0308]: mismatched types\n"));
        assert!(
            unwritable_advice("failed to create directory: Permission denied (os error 13)")
                .is_some()
        );
        assert!(unwritable_advice("could not compile").is_none());
    }
}

//! One cargo invocation that builds the exercises asked for and reports, per target, the
//! executable it made or the diagnostics that stopped it (from cargo's JSON messages).

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use cargo_metadata::Message;
use cargo_metadata::diagnostic::DiagnosticLevel;

use super::process::{Cancel, kill_group};

/// What to build in one invocation.
#[derive(Debug, Clone)]
pub enum Targets {
    /// One bin: its test harness (`cargo test --no-run`) or the plain program.
    One {
        /// The bin target's name.
        bin: String,
        /// Build the test harness rather than the program.
        test: bool,
    },
    /// Many bins, building on past errors (`cargo build --keep-going --tests`): the test
    /// harness of every bin with `test = true` in the packages, and these plain programs.
    Many {
        /// Run-mode bins (their `test = false`), built as programs.
        programs: Vec<String>,
    },
}

/// A build to run.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    /// Where cargo runs (the course root, so the course's cargo config applies).
    pub dir: PathBuf,
    /// The workspace manifest to build.
    pub manifest_path: PathBuf,
    /// Target directory to use instead of the workspace's default, if any.
    pub target_dir: Option<PathBuf>,
    /// The packages the targets belong to.
    pub packages: Vec<String>,
    /// The targets.
    pub targets: Targets,
    /// Render diagnostics with colors.
    pub color: bool,
}

/// Which executable of a target: its test harness or its plain program.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Artifact {
    /// The bin target's name.
    pub target: String,
    /// Built as a test harness (`profile.test` in cargo's message).
    pub test_harness: bool,
}

/// What one invocation produced.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Executables by (target name, built as a test harness).
    pub executables: HashMap<Artifact, PathBuf>,
    /// Rendered compiler messages (warnings and errors) by target name, in order.
    pub diagnostics: HashMap<String, String>,
    /// Targets that had an error.
    pub errors: HashSet<String>,
    /// Rendered errors of targets that are not exercises (dependencies, build scripts): the
    /// environment's problem, never the learner's.
    pub dependency_errors: String,
    /// What cargo wrote on stderr, without its progress lines: a failed build script's output
    /// lands here, not in the JSON messages.
    pub stderr: String,
}

/// Why a build could not give a per-target answer.
#[derive(Debug)]
pub enum BuildError {
    /// No cargo on PATH.
    NoCargo,
    /// Cargo failed before building (bad Cargo.toml, crates that cannot be fetched, ...).
    Cargo(String),
    /// The build was cancelled.
    Cancelled,
    /// Reading from cargo failed.
    Io(io::Error),
}

/// The cargo program: the toolchain's own when we were started by cargo (it skips the
/// rustup proxy), else whatever `cargo` is on PATH.
pub fn cargo_program() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}

/// Builds, calling `on_lock_wait` if cargo says it waits for another cargo's lock.
///
/// # Errors
/// No cargo, cargo failed before building, the build was cancelled, or its messages could not be read.
pub fn build(
    request: &BuildRequest,
    on_lock_wait: &(dyn Fn() + Sync),
    cancel: &Cancel,
) -> Result<BuildReport, BuildError> {
    let mut command = command(request);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = command.spawn().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => BuildError::NoCargo,
        _ => BuildError::Io(e),
    })?;
    let pid = child.id();
    let stdout = child.stdout.take().ok_or(BuildError::NoCargo)?;
    let stderr = child.stderr.take().ok_or(BuildError::NoCargo)?;

    thread::scope(|scope| {
        let stderr_reader = scope.spawn(move || {
            let mut text = String::new();
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("Blocking waiting for file lock") {
                    on_lock_wait();
                }
                text.push_str(&line);
                text.push('\n');
            }
            text
        });
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let canceller = scope.spawn(move || {
            loop {
                match done_rx.recv_timeout(Duration::from_millis(20)) {
                    Err(mpsc::RecvTimeoutError::Timeout) if cancel.is_cancelled() => {
                        kill_group(pid);
                        return;
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    _ => return,
                }
            }
        });

        let mut report = BuildReport::default();
        let mut finished = false;
        for message in Message::parse_stream(BufReader::new(stdout)) {
            match message {
                Ok(Message::CompilerArtifact(artifact)) => {
                    if let Some(exe) = artifact.executable {
                        report.executables.insert(
                            Artifact {
                                target: artifact.target.name,
                                test_harness: artifact.profile.test,
                            },
                            exe.into_std_path_buf(),
                        );
                    }
                }
                Ok(Message::CompilerMessage(msg)) => {
                    let is_error = msg.message.level == DiagnosticLevel::Error
                        || msg.message.level == DiagnosticLevel::Ice;
                    // Exercises are bins; an error anywhere else is a dependency's.
                    if !msg.target.is_bin() {
                        if is_error && let Some(rendered) = msg.message.rendered {
                            report.dependency_errors.push_str(&rendered);
                        }
                        continue;
                    }
                    if is_error {
                        report.errors.insert(msg.target.name.clone());
                    }
                    if let Some(rendered) = msg.message.rendered {
                        report
                            .diagnostics
                            .entry(msg.target.name)
                            .or_default()
                            .push_str(&rendered);
                    }
                }
                Ok(Message::BuildFinished(_)) => finished = true,
                Ok(_) => {}
                Err(e) => {
                    kill_group(pid);
                    let _ = done_tx.send(());
                    return Err(BuildError::Io(e));
                }
            }
        }
        let status = child.wait().map_err(BuildError::Io);
        let _ = done_tx.send(());
        let _ = canceller.join();
        let stderr_text = stderr_reader.join().unwrap_or_default();
        if cancel.is_cancelled() {
            return Err(BuildError::Cancelled);
        }
        let status = status?;
        if !finished && !status.success() {
            return Err(BuildError::Cargo(cargo_problem(&stderr_text)));
        }
        report.stderr = without_progress(&stderr_text);
        Ok(report)
    })
}

fn command(request: &BuildRequest) -> Command {
    let mut command = Command::new(cargo_program());
    command.current_dir(&request.dir);
    match &request.targets {
        Targets::One { test: true, .. } => command.args(["test", "--no-run"]),
        Targets::One { test: false, .. } => command.arg("build"),
        Targets::Many { .. } => command.args(["build", "--keep-going", "--tests"]),
    };
    let format = if request.color {
        "--message-format=json-diagnostic-rendered-ansi"
    } else {
        "--message-format=json"
    };
    command
        .arg(format)
        .arg("--color")
        .arg(if request.color { "always" } else { "never" })
        .arg("--manifest-path")
        .arg(&request.manifest_path);
    if let Some(dir) = &request.target_dir {
        command.arg("--target-dir").arg(dir);
    }
    for package in &request.packages {
        command.arg("-p").arg(package);
    }
    match &request.targets {
        Targets::One { bin, .. } => {
            command.arg("--bin").arg(bin);
        }
        Targets::Many { programs } => {
            for bin in programs {
                command.arg("--bin").arg(bin);
            }
        }
    }
    command
}

/// Cargo's stderr without its progress lines (`Compiling`, `Blocking`, ...).
fn without_progress(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("Compiling")
                || t.starts_with("Blocking")
                || t.starts_with("Updating")
                || t.starts_with("Locking")
                || t.starts_with("Adding")
                || t.starts_with("Downloading")
                || t.starts_with("Downloaded")
                || t.starts_with("Building")
                || t.starts_with("Finished")
                || t.starts_with("Checking"))
        })
        .collect();
    lines.join("\n")
}

/// Cargo's own complaint, without its progress lines, and advice for the usual causes.
fn cargo_problem(stderr: &str) -> String {
    let text = without_progress(stderr);
    let advice = if let Some(advice) = super::environment::unwritable_advice(&text) {
        advice
    } else if text.contains("failed to get")
        || text.contains("failed to download")
        || text.contains("offline")
        || text.contains("Unable to update")
        || text.contains("failed to query replaced source")
    {
        "the course's crates could not be fetched: connect to the network once and run \
         `cargo fetch` in the course directory, then try again"
            .to_owned()
    } else if text.contains("failed to parse manifest") || text.contains("failed to load manifest")
    {
        "a Cargo.toml of the course is broken: fix it, or run `backlings dev sync` to rewrite \
         the exercise packages' bin lists"
            .to_owned()
    } else {
        "cargo could not build the course: see its message above".to_owned()
    };
    format!("{}\n{advice}", text.trim_end())
}

//! A fixture course copied to a temp dir, and the real binary run on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A copy of `tests/fixtures/course` in a temp dir, synced and ready to check.
pub struct Fixture {
    dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

impl Fixture {
    /// A fresh copy with its workspace created by `dev sync`.
    pub fn new() -> Fixture {
        let fixture = Fixture::unsynced();
        let out = fixture.run(&["dev", "sync"]);
        assert_eq!(out.status.code(), Some(0), "dev sync: {}", stderr(&out));
        fixture
    }

    /// A course made of these files (paths relative to the root, `info.toml` among them),
    /// with its workspace created by `dev sync`.
    pub fn from_files(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixture = Fixture { dir };
        for (rel, text) in files {
            let path = fixture.path(rel);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
            std::fs::write(path, text).expect("write");
        }
        let out = fixture.run(&["dev", "sync"]);
        assert_eq!(out.status.code(), Some(0), "dev sync: {}", stderr(&out));
        fixture
    }

    /// A course of one stage (`01_one`) with one test-mode exercise `ex`, shipped as
    /// `exercise` and solved as `solution`.
    pub fn one_test_exercise(exercise: &str, solution: &str) -> Fixture {
        Fixture::from_files(&[
            (
                "info.toml",
                "format_version = 1\ntitle = \"t\"\n[[stages]]\nid = \"one\"\ntitle = \"One\"\n\
                 dir = \"01_one\"\n[[stages.exercises]]\nname = \"ex\"\nhints = [\"h\"]\n",
            ),
            ("exercises/01_one/ex.rs", exercise),
            ("solutions/01_one/ex.rs", solution),
        ])
    }

    /// A fresh copy without a Cargo workspace.
    pub fn unsynced() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/course");
        copy_dir(&source, dir.path());
        Fixture { dir }
    }

    /// The course root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the course.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// A command running the real binary inside the course.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_backlings"));
        command
            .args(args)
            .current_dir(self.root())
            .stdin(Stdio::null())
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("NO_COLOR")
            .env("RUST_BACKTRACE", "0");
        command
    }

    /// Runs the binary with these arguments and waits.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run backlings")
    }

    /// Reads a file of the course.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    /// Writes a file of the course (and the directories it needs).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dir");
        std::fs::write(path, text).expect("write");
    }

    /// Replaces an exercise with its reference solution.
    pub fn solve(&self, stage_dir: &str, name: &str) {
        let solution = self.read(&format!("solutions/{stage_dir}/{name}.rs"));
        self.write(&format!("exercises/{stage_dir}/{name}.rs"), &solution);
    }

    /// Solves every exercise.
    pub fn solve_all(&self) {
        for (dir, name) in EXERCISES {
            self.solve(dir, name);
        }
    }
}

/// Every exercise of the fixture: (stage dir, name).
pub const EXERCISES: [(&str, &str); 8] = [
    ("01_one", "hello"),
    ("01_one", "broken"),
    ("01_one", "failing"),
    ("01_one", "looping"),
    ("01_one", "flood"),
    ("01_one", "orphan"),
    ("02_two", "server"),
    ("02_two", "boundary"),
];

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it differs, at the caller's line.
#[track_caller]
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// Asserts that `text` contains `part`, showing the text when it does not.
#[track_caller]
pub fn assert_contains(text: &str, part: &str) {
    assert!(text.contains(part), "missing {part:?} in:\n{text}");
}

/// Parses stdout as one JSON document.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", stdout(out)))
}

/// The `exercises` entry of a JSON document for one exercise.
pub fn exercise<'a>(document: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    document["exercises"]
        .as_array()
        .expect("exercises array")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

//! Support code for the git stage (you don't need to edit it): a throwaway repository per
//! test, and git run in it isolated from your own configuration, with a fixed identity and
//! date, so that your aliases, hooks, signing or a missing `user.name` change nothing.
//! It also holds the plumbing that lets a test binary act as a git hook (`hook1`).
#![allow(dead_code)]

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// The identity and date of every commit the tests make.
pub const AUTHOR_NAME: &str = "Ada Lovelace";
pub const AUTHOR_EMAIL: &str = "ada@example.com";
pub const DATE: &str = "2024-01-15T12:00:00+00:00";

/// Variables that would point git at another repository, index or configuration: they are
/// set, for example, when a test runs inside a hook of another repository.
const OUTSIDE: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "GIT_TEMPLATE_DIR",
];

/// `git` with no user or system configuration and a fixed identity and date.
fn isolated_git() -> Command {
    let mut git = Command::new("git");
    git.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", AUTHOR_NAME)
        .env("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL)
        .env("GIT_AUTHOR_DATE", DATE)
        .env("GIT_COMMITTER_NAME", AUTHOR_NAME)
        .env("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL)
        .env("GIT_COMMITTER_DATE", DATE)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    git
}

/// A git command that failed: which one, its exit status and what it printed.
#[derive(Debug)]
pub struct GitError {
    pub command: String,
    pub status: Option<i32>,
    pub output: String,
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(code) => write!(f, "`{}` exited with {code}", self.command)?,
            None => write!(f, "`{}` did not run", self.command)?,
        }
        if !self.output.trim().is_empty() {
            write!(f, ":\n{}", self.output.trim_end())?;
        }
        Ok(())
    }
}

impl std::error::Error for GitError {}

fn finish(command: String, output: std::io::Result<Output>) -> Result<String, GitError> {
    match output {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => Err(GitError {
            command,
            status: out.status.code(),
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        }),
        Err(e) => Err(GitError {
            command,
            status: None,
            output: format!("could not start git: {e} (is git installed and on PATH?)"),
        }),
    }
}

/// A directory of its own under the system's temp dir, removed (with everything in it)
/// when dropped.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("backlings-{prefix}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// A fresh git repository (`git init -q -b main`) in a temporary directory.
pub struct Repo {
    dir: TempDir,
}

impl Repo {
    /// Creates an empty repository. Panics when git cannot run.
    pub fn init() -> Repo {
        let repo = Repo {
            dir: TempDir::new("git"),
        };
        repo.run(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// An isolated `git` command that runs in this repository.
    pub fn command(&self) -> Command {
        let mut git = isolated_git();
        for name in OUTSIDE {
            git.env_remove(name);
        }
        git.current_dir(self.path());
        git
    }

    /// Runs `git <args>` here and returns what it printed on stdout.
    pub fn git(&self, args: &[&str]) -> Result<String, GitError> {
        finish(
            format!("git {}", args.join(" ")),
            self.command().args(args).output(),
        )
    }

    /// Runs `git <args>` here with `input` on its stdin.
    pub fn git_with_input(&self, args: &[&str], input: &[u8]) -> Result<String, GitError> {
        let command = format!("git {}", args.join(" "));
        let child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let output = child.and_then(|mut child| {
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(input)?;
            }
            child.wait_with_output()
        });
        finish(command, output)
    }

    /// Commits nothing (`--allow-empty`) as `author` with `message`; returns the commit's id.
    pub fn commit_as(&self, author: &str, message: &str) -> String {
        let mut git = self.command();
        git.args(["commit", "-q", "--allow-empty", "-m", message]);
        let status = git
            .env("GIT_AUTHOR_NAME", author)
            .status()
            .expect("run git commit");
        assert!(status.success(), "setting up: git commit failed");
        self.rev("HEAD")
    }

    /// What `git hash-object --stdin` prints for `content`: the id git gives that blob.
    pub fn hash_object(&self, content: &[u8]) -> String {
        let id = self.git_with_input(&["hash-object", "--stdin"], content);
        id.unwrap_or_else(|e| panic!("{e}")).trim().to_string()
    }

    /// Like [`Repo::git`], for the tests' own set-up: panics when git fails.
    pub fn run(&self, args: &[&str]) -> String {
        self.git(args)
            .unwrap_or_else(|e| panic!("setting up the test repository failed: {e}"))
    }

    /// Writes a file of the working tree (creating its directories).
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
        let full = self.path().join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&full, contents).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }

    /// Reads a file of the working tree.
    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.path().join(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    /// Removes a file of the working tree.
    pub fn remove(&self, path: &str) {
        fs::remove_file(self.path().join(path))
            .unwrap_or_else(|e| panic!("cannot remove {path}: {e}"));
    }

    /// Stages everything and commits it (test set-up).
    pub fn commit_all(&self, message: &str) {
        self.run(&["add", "-A"]);
        self.run(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// The id of the commit `rev` names (such as `HEAD`).
    pub fn rev(&self, rev: &str) -> String {
        self.run(&["rev-parse", rev]).trim().to_string()
    }

    /// The paths a commit records, sorted.
    pub fn files_in(&self, rev: &str) -> Vec<String> {
        self.run(&["ls-tree", "-r", "--name-only", rev])
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// A small project: `app.rs` and `config.toml`, committed.
pub fn project() -> Repo {
    let repo = Repo::init();
    repo.write("app.rs", "fn main() {}\n");
    repo.write("config.toml", "port = 8080\n");
    repo.commit_all("Start the project");
    repo
}

/// A repository where `main` and `feature` each changed `path` from `start` on: `start`
/// committed, then `feature` with `start` + `theirs`, then `main` (checked out) with
/// `start` + `ours`. Merging `feature` into `main` conflicts where both appended.
pub fn diverged(path: &str, start: &str, ours: &str, theirs: &str) -> Repo {
    let repo = Repo::init();
    repo.write(path, start);
    repo.commit_all("Start");
    repo.run(&["checkout", "-q", "-b", "feature"]);
    repo.write(path, format!("{start}{theirs}"));
    repo.commit_all("Feature's change");
    repo.run(&["checkout", "-q", "main"]);
    repo.write(path, format!("{start}{ours}"));
    repo.commit_all("Main's change");
    repo
}

// --- Hooks ----------------------------------------------------------------------------
//
// A test-mode exercise has no program of its own to install as a hook, so the hook script
// runs the test binary again, asking libtest for the single test `tests::hook_entry`, with
// an environment variable saying which hook it is. That test calls [`hook_entry`], which
// runs the hook's rule and exits with its status; in a normal test run the variable is not
// set and the test does nothing.

/// Names the hook the test binary was started as.
pub const HOOK_ENV: &str = "BACKLINGS_GIT_HOOK";
/// Carries the hook's first argument (for `commit-msg`, the message file).
pub const HOOK_ARG_ENV: &str = "BACKLINGS_GIT_HOOK_ARG";

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Installs `.git/hooks/<name>`: a script that runs this test binary's `tests::hook_entry`.
pub fn install_hook(repo: &Repo, name: &str) {
    let bin = std::env::current_exe().expect("the test binary's path");
    let script = format!(
        "#!/bin/sh\n\
         {HOOK_ENV}={name} {HOOK_ARG_ENV}=\"$1\" \
         exec {bin} --exact tests::hook_entry --nocapture --test-threads=1 >&2\n",
        bin = shell_quote(&bin.to_string_lossy()),
    );
    let path = repo.path().join(".git").join("hooks").join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// When this process is the hook `name` (started by the script [`install_hook`] wrote),
/// runs `rule` and exits: 0 when it returns `Ok`, 1 with its reason on stderr when it
/// returns `Err`. Otherwise returns at once.
pub fn hook_entry(name: &str, rule: impl FnOnce() -> Result<(), String>) {
    if std::env::var(HOOK_ENV).is_ok_and(|hook| hook == name) {
        match rule() {
            Ok(()) => std::process::exit(0),
            Err(reason) => {
                eprintln!("{name} hook: commit refused: {reason}");
                std::process::exit(1);
            }
        }
    }
}

/// A file as it is staged for the next commit.
#[derive(Debug, Clone)]
pub struct StagedFile {
    pub path: String,
    pub content: Vec<u8>,
}

/// Inside a hook: the files the commit being made adds or changes, with their staged
/// content. Runs git in the current directory, with the index git gave the hook.
pub fn staged_files() -> Vec<StagedFile> {
    let git = |args: &[&str]| {
        let out = isolated_git()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run git in the hook: {e}"));
        assert!(
            out.status.success(),
            "git {} failed in the hook: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let names = git(&[
        "diff",
        "--cached",
        "--name-only",
        "-z",
        "--diff-filter=ACMR",
    ]);
    String::from_utf8_lossy(&names)
        .split('\0')
        .filter(|path| !path.is_empty())
        .map(|path| StagedFile {
            path: path.to_string(),
            content: git(&["cat-file", "blob", &format!(":{path}")]),
        })
        .collect()
}

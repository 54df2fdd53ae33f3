//! The tests' results without libtest's `--logfile` (deprecated since Rust 1.85, rust-lang/rust
//! #134283, and so one day gone): list the tests (`--list --format terse`, stable) and run each
//! by its exact name in a process of its own, judging by exit status, as cargo-nextest does.
//! Used only when a run wrote no log.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use super::libtest::TestLog;
use super::process::{Cancel, run_bounded};

/// The tests the binary holds, by full path, from `--list --format terse` (`name: test`).
pub fn list(command: impl Fn() -> Command, timeout: Duration, cancel: &Cancel) -> Vec<String> {
    let mut listing = command();
    listing.args(["--list", "--format", "terse"]);
    let Ok(out) = run_bounded(listing, timeout, cancel) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

/// Runs each test of `names` alone (`--exact NAME --include-ignored`), `jobs` at a time, and
/// logs it passed when its process exited with success after libtest's own summary of one
/// passed test (a test that calls `std::process::exit(0)` gets no summary).
pub fn run_each(
    command: impl Fn() -> Command + Sync,
    names: &[String],
    jobs: usize,
    timeout: Duration,
    cancel: &Cancel,
) -> TestLog {
    let log = Mutex::new(TestLog::default());
    let next = Mutex::new(names.iter());
    thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let Some(name) = next.lock().ok().and_then(|mut n| n.next()) else {
                        return;
                    };
                    let mut one = command();
                    one.args(["--exact", name, "--include-ignored", "--test-threads=1"]);
                    let passed = run_bounded(one, timeout, cancel).is_ok_and(|o| {
                        o.success()
                            && String::from_utf8_lossy(&o.stdout)
                                .lines()
                                .any(|l| l.starts_with("test result: ok. 1 passed;"))
                    });
                    if let Ok(mut log) = log.lock() {
                        if passed {
                            log.passed.push(name.clone());
                        } else {
                            log.failed.push(name.clone());
                        }
                    }
                }
            });
        }
    });
    log.into_inner().unwrap_or_else(|p| p.into_inner())
}

/// Whether `path` holds a log libtest wrote (the flag still works).
pub fn wrote_log(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    use std::time::Duration;

    use super::{list, run_each};
    use crate::runner::process::Cancel;

    /// A stand-in for a test harness: lists three tests; `a` passes, `b` fails, `c` exits
    /// with success before libtest could say anything.
    const HARNESS: &str = r#"#!/bin/sh
case "$1" in
  --list) printf 'tests::a: test\ntests::b: test\ntests::c: test\n' ;;
  --exact)
    case "$2" in
      tests::a) echo "test result: ok. 1 passed; 0 failed"; exit 0 ;;
      tests::b) echo "test result: FAILED. 0 passed; 1 failed"; exit 101 ;;
      *) exit 0 ;;
    esac ;;
esac
"#;

    #[test]
    fn each_test_alone_is_judged_by_its_status_and_summary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let harness = dir.path().join("harness");
        std::fs::write(&harness, HARNESS).expect("write");
        std::fs::set_permissions(&harness, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let command = || Command::new(&harness);
        let cancel = Cancel::new();
        let names = list(command, Duration::from_secs(5), &cancel);
        assert_eq!(names, ["tests::a", "tests::b", "tests::c"]);
        let mut log = run_each(command, &names, 2, Duration::from_secs(5), &cancel);
        log.failed.sort();
        assert_eq!(log.passed, ["tests::a"]);
        assert_eq!(
            log.failed,
            ["tests::b", "tests::c"],
            "an early exit is not a pass"
        );
    }
}

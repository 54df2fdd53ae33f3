//! Watch mode's plain protocol, driven through pipes as a script or an editor plugin would.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::Fixture;

/// Generous: these bound waiting for events, they do not measure speed.
const WAIT: Duration = Duration::from_secs(60);

struct Watching {
    child: Child,
    /// Where watch mode's stderr goes.
    stderr: tempfile::NamedTempFile,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(fixture: &Fixture, args: &[&str]) -> Watching {
        let stderr = tempfile::NamedTempFile::new().expect("temp file");
        let mut child = fixture
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr.reopen().expect("reopen"))
            .spawn()
            .expect("start watch mode");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            stderr,
            stdin,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for this exact line; panics with everything seen if it does not come.
    fn expect(&mut self, wanted: &str) {
        let deadline = Instant::now() + WAIT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line == wanted;
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line {wanted:?}; saw {:?}", self.seen);
    }

    /// Lines that arrive within `quiet` of each other, until none comes for that long.
    fn drain(&mut self, quiet: Duration) -> Vec<String> {
        let mut lines = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(quiet) {
            self.seen.push(line.clone());
            lines.push(line);
        }
        lines
    }

    /// What watch mode wrote to stderr so far.
    fn stderr(&self) -> String {
        std::fs::read_to_string(self.stderr.path()).expect("read stderr")
    }

    fn send(&mut self, key: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        writeln!(stdin, "{key}").expect("write key");
        stdin.flush().expect("flush");
    }

    fn close_input(&mut self) {
        self.stdin = None;
    }

    fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("watch mode did not exit; saw {:?}", self.seen);
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_fix_saved_in_place_passes_and_moves_on() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("checking hello");
    watch.expect("failed hello");
    fixture.solve("01_one", "hello");
    watch.expect("checking hello");
    watch.expect("passed hello");
    // It moves on by itself to the next pending exercise.
    watch.expect("checking broken");
    watch.expect("failed broken");
    watch.close_input();
    assert_eq!(watch.wait_exit(), Some(0), "end of input ends watch mode");
}

#[test]
fn a_fix_saved_by_rename_passes() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    let temp = fixture.path("exercises/01_one/.hello.rs.swp");
    std::fs::write(&temp, fixture.read("solutions/01_one/hello.rs")).expect("write temp");
    std::fs::rename(&temp, fixture.path("exercises/01_one/hello.rs")).expect("rename");
    watch.expect("passed hello");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0), "q quits");
}

#[test]
fn a_fix_saved_by_delete_and_create_passes() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    let solution = fixture.read("solutions/01_one/hello.rs");
    std::fs::remove_file(fixture.path("exercises/01_one/hello.rs")).expect("delete");
    fixture.write("exercises/01_one/hello.rs", &solution);
    watch.expect("passed hello");
}

#[test]
fn a_fix_saved_during_a_slow_check_is_checked_without_another_save() {
    let fixture = Fixture::new();
    fixture.write(
        ".backlings-state.toml",
        "format_version = 1\ncurrent = \"looping\"\n",
    );
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed looping");
    // The next check runs for a whole second (the exercise's time limit) before it fails;
    // the fix lands in the middle of it.
    watch.send("r");
    watch.expect("checking looping");
    std::thread::sleep(Duration::from_millis(400));
    fixture.solve("01_one", "looping");
    watch.expect("passed looping");
}

#[test]
fn a_burst_of_saves_is_one_or_two_checks() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    let shipped = fixture.read("exercises/01_one/hello.rs");
    for i in 0..50 {
        fixture.write(
            "exercises/01_one/hello.rs",
            &format!("{shipped}// save {i}\n"),
        );
    }
    let lines = watch.drain(Duration::from_secs(3));
    let checks = lines.iter().filter(|l| *l == "checking hello").count();
    assert!(
        (1..=2).contains(&checks),
        "50 saves gave {checks} checks: {lines:?}"
    );
}

#[test]
fn saving_another_exercise_checks_that_one() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    fixture.solve("02_two", "server");
    watch.expect("checking server");
    watch.expect("passed server");
    // The position stays on hello: no auto-advance for another exercise.
    let lines = watch.drain(Duration::from_millis(800));
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn stage_complete_and_all_done_are_announced() {
    let fixture = Fixture::new();
    fixture.solve_all();
    // Everything but boundary is already done.
    let names = [
        "hello", "broken", "failing", "looping", "flood", "orphan", "server",
    ];
    let done: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    fixture.write(
        ".backlings-state.toml",
        &format!(
            "format_version = 1\ncurrent = \"boundary\"\ndone = [{}]\n",
            done.join(", ")
        ),
    );
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("passed boundary");
    watch.expect("stage complete two");
    watch.expect("all done");
    // It keeps watching: a save after the end is still checked.
    fixture.write(
        "exercises/01_one/hello.rs",
        &format!("{}\n", fixture.read("exercises/01_one/hello.rs")),
    );
    watch.expect("checking hello");
    watch.expect("passed hello");
}

#[test]
fn keys_next_recheck_and_check_all() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    watch.send("r");
    watch.expect("checking hello");
    watch.expect("failed hello");
    watch.send("c");
    watch.expect("checking boundary");
    watch.expect("failed boundary");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn sigterm_ends_watch_mode_cleanly() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    let pid = libc_pid(&watch.child);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn polling_works_too() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &["watch", "--poll"]);
    watch.expect("failed hello");
    fixture.solve("01_one", "hello");
    watch.expect("passed hello");
}

fn libc_pid(child: &Child) -> String {
    child.id().to_string()
}

#[test]
fn a_slow_delete_and_create_or_a_broken_cargo_toml_does_not_end_watch_mode() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    // An editor that deletes the file and writes the new one a while later.
    let solution = fixture.read("solutions/01_one/hello.rs");
    std::fs::remove_file(fixture.path("exercises/01_one/hello.rs")).expect("delete");
    std::thread::sleep(Duration::from_millis(300));
    fixture.write("exercises/01_one/hello.rs", &solution);
    watch.expect("passed hello");

    // A stage package broken while watching: the check cannot build, watch mode goes on.
    let package = fixture.read("exercises/01_one/Cargo.toml");
    fixture.write("exercises/01_one/Cargo.toml", "[package\n");
    fixture.solve("01_one", "broken");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        watch.child.try_wait().expect("wait").is_none(),
        "still running"
    );
    fixture.write("exercises/01_one/Cargo.toml", &package);
    fixture.write(
        "exercises/01_one/broken.rs",
        &format!("{}\n", fixture.read("exercises/01_one/broken.rs")),
    );
    watch.expect("passed broken");
}

#[test]
fn an_environment_problem_is_an_error_line_and_its_reason_goes_to_stderr() {
    let fixture = Fixture::new();
    fixture.solve("01_one", "hello");
    assert_eq!(fixture.run(&["run", "hello"]).status.code(), Some(0));
    let manifest = fixture.read("exercises/01_one/Cargo.toml");
    fixture.write(
        "exercises/01_one/Cargo.toml",
        &manifest.replacen("[package]\n", "[package]\nbuild = \"build.rs\"\n", 1),
    );
    fixture.write(
        "exercises/01_one/build.rs",
        "fn main() {\n    eprintln!(\"failed to find tool \\\"cc\\\"\");\n    \
         std::process::exit(1);\n}\n",
    );
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("checking hello");
    watch.expect("error hello");
    let err = watch.stderr();
    assert!(err.contains("failed to find tool"), "{err}");
    assert!(err.contains("build-essential"), "{err}");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
    let progress = fixture.run(&["progress", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&progress.stdout).expect("json");
    assert_eq!(doc["done"], 1, "the pass recorded before is kept");
}

#[test]
fn a_symlinked_exercise_is_checked_when_its_target_is_saved() {
    let fixture = Fixture::new();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("hello.rs");
    std::fs::write(&target, fixture.read("exercises/01_one/hello.rs")).expect("write");
    let link = fixture.path("exercises/01_one/hello.rs");
    std::fs::remove_file(&link).expect("remove");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    std::fs::write(&target, fixture.read("solutions/01_one/hello.rs")).expect("save target");
    watch.expect("passed hello");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn saves_are_noticed_after_the_exercises_directory_is_replaced() {
    let fixture = Fixture::new();
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    let aside = fixture.path("exercises-aside");
    std::fs::rename(fixture.path("exercises"), &aside).expect("move away");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(&aside)
        .arg(fixture.path("exercises"))
        .status()
        .expect("cp");
    assert!(status.success());
    std::fs::remove_dir_all(&aside).expect("remove the old copy");
    // The runner looks once a second; give it time to watch the new directory.
    let deadline = Instant::now() + WAIT;
    loop {
        fixture.solve("01_one", "hello");
        let lines = watch.drain(Duration::from_millis(1500));
        if lines.iter().any(|l| l == "passed hello") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never noticed; saw {:?}",
            watch.seen
        );
    }
    assert!(
        watch.stderr().contains("watching it again"),
        "{}",
        watch.stderr()
    );
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn a_missing_exercise_file_is_said_and_reset_brings_it_back() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.path("exercises/01_one/hello.rs")).expect("delete");
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("checking hello");
    watch.expect("error hello");
    assert!(
        watch
            .stderr()
            .contains("exercises/01_one/hello.rs is missing"),
        "{}",
        watch.stderr()
    );
    assert_eq!(fixture.run(&["reset", "hello"]).status.code(), Some(0));
    watch.expect("checking hello");
    watch.expect("failed hello");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn plain_mode_says_why_a_check_timed_out() {
    let fixture = Fixture::new();
    fixture.write(
        ".backlings-state.toml",
        "format_version = 1\ncurrent = \"looping\"\nwelcomed = true\n",
    );
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("checking looping");
    watch.expect("failed looping");
    let err = watch.stderr();
    assert!(err.contains("timed out after 1 s"), "{err}");
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

#[test]
fn a_move_made_by_another_process_is_followed_and_said() {
    let fixture = Fixture::new();
    // Solved before watching, so no save of it reaches watch mode: only the other process.
    fixture.solve("01_one", "failing");
    let mut watch = Watching::start(&fixture, &[]);
    watch.expect("failed hello");
    // `run NAME` in another terminal moves the position (and records its result).
    assert_eq!(fixture.run(&["run", "failing"]).status.code(), Some(0));
    watch.expect("checking failing");
    watch.expect("passed failing");
    assert!(
        watch
            .stderr()
            .contains("moved to failing, as another backlings command did"),
        "{}",
        watch.stderr()
    );
    watch.send("q");
    assert_eq!(watch.wait_exit(), Some(0));
}

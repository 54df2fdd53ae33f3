//! Nothing a learner's program, a signal or an odd file can do hangs the runner, leaves
//! processes behind, or loses a file's mode. Each test runs the real binary on a small course
//! in a temp dir and checks the process table afterwards.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, assert_contains, assert_exit, stderr, stdout};

/// A course of one stage with these run-mode exercises: (name, timeout_secs, source).
fn course(exercises: &[(&str, u64, &str)]) -> Fixture {
    let mut info = String::from(
        "format_version = 1\ntitle = \"t\"\n[[stages]]\nid = \"one\"\ntitle = \"One\"\n\
         dir = \"01_one\"\n",
    );
    let mut files: Vec<(String, String)> = Vec::new();
    for (name, timeout, source) in exercises {
        info.push_str(&format!(
            "[[stages.exercises]]\nname = \"{name}\"\nmode = \"run\"\ntimeout_secs = {timeout}\n\
             hints = [\"h\"]\n"
        ));
        files.push((format!("exercises/01_one/{name}.rs"), (*source).to_owned()));
        files.push((format!("solutions/01_one/{name}.rs"), (*source).to_owned()));
    }
    files.push(("info.toml".to_owned(), info));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    Fixture::from_files(&borrowed)
}

/// Waits for a child with a bound, reading its output meanwhile; kills it and fails if it
/// does not exit.
fn wait_bounded(mut child: Child, bound: Duration, what: &str) -> Output {
    use std::io::Read;
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .map(|pipe| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    })
    .collect();
    let started = Instant::now();
    let mut status = None;
    while started.elapsed() < bound {
        if let Some(s) = child.try_wait().expect("try_wait") {
            status = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let timed_out = status.is_none();
    if timed_out {
        let _ = child.kill();
    }
    let status = child.wait().expect("wait");
    let mut outputs = readers.into_iter().map(|r| r.join().unwrap_or_default());
    let out = Output {
        status,
        stdout: outputs.next().unwrap_or_default(),
        stderr: outputs.next().unwrap_or_default(),
    };
    assert!(
        !timed_out,
        "{what} did not end within {bound:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        &stderr(&out)[..stderr(&out).len().min(2000)]
    );
    out
}

fn spawn(fixture: &Fixture, args: &[&str]) -> Child {
    fixture
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start backlings")
}

/// Pids of the processes whose command line contains `needle`.
fn processes_with(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(needle) {
            found.push(pid);
        }
    }
    found
}

/// Pids of the processes running a program built in this course.
fn course_processes(root: &Path) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        if entry.file_name().to_string_lossy().parse::<u32>().is_err() {
            continue;
        }
        if let Ok(exe) = std::fs::read_link(entry.path().join("exe"))
            && exe.starts_with(root)
        {
            found.push(entry.file_name().to_string_lossy().parse().expect("pid"));
        }
    }
    found
}

/// Asserts that within a short while no process matches; kills any that do, so one failure
/// does not leave the machine busy.
fn assert_gone(what: &str, find: impl Fn() -> Vec<u32>) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) {
        if find().is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let left = find();
    for pid in &left {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
    }
    panic!("{what}: processes left behind: {left:?}");
}

fn needs(program: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "{program} is missing: .ci/run installs it"
    );
    found
}

#[test]
fn a_program_that_moves_into_the_runners_group_is_still_bounded_and_ended() {
    if !needs("perl") {
        return;
    }
    let token = format!("joiner{}", std::process::id());
    let source = format!(
        "use std::os::unix::process::CommandExt;\n\
         fn main() {{\n    let error = std::process::Command::new(\"perl\")\n        \
         .args([\"-e\", \"use POSIX; setpgid(0, getpgrp(getppid())) or die; sleep 600; # {token}\"])\n        \
         .exec();\n    panic!(\"{{error}}\");\n}}\n"
    );
    let fixture = course(&[("joiner", 2, &source)]);
    let out = wait_bounded(
        spawn(&fixture, &["run", "joiner"]),
        Duration::from_secs(90),
        "run",
    );
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "timed out after 2 s");
    assert_gone("the program in the runner's group", || {
        processes_with(&token)
    });
}

#[test]
fn an_escaped_writer_that_never_stops_does_not_hold_the_runner() {
    if !needs("setsid") {
        return;
    }
    // Unmarked and out of every group the runner knows: only the drain deadline holds it.
    let token = format!("flood{}", std::process::id());
    let source = format!(
        "fn main() {{\n    std::process::Command::new(\"setsid\")\n        \
         .args([\"env\", \"-u\", \"BACKLINGS_RUN\", \"yes\", \"{token}\"])\n        \
         .spawn()\n        .expect(\"spawn\");\n    \
         std::thread::sleep(std::time::Duration::from_millis(200));\n}}\n"
    );
    let fixture = course(&[("writer", 5, &source)]);
    // Built once, so the bound below is about running.
    let _ = fixture.run(&["dev", "sync"]);
    let started = Instant::now();
    let out = wait_bounded(
        spawn(&fixture, &["run", "writer"]),
        Duration::from_secs(90),
        "run",
    );
    let _ = Command::new("pkill").args(["-f", &token]).status();
    assert_exit(&out, 0);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "it took {:?}",
        started.elapsed()
    );
    assert!(stderr(&out).contains("output cut"), "the flood was capped");
}

#[test]
fn a_double_forked_daemon_is_ended_after_the_run() {
    if !needs("setsid") {
        return;
    }
    let token = format!("{}.5", 6000 + std::process::id() % 1000);
    let source = format!(
        "fn main() {{\n    std::process::Command::new(\"setsid\")\n        \
         .args([\"sh\", \"-c\", \"sleep {token} & exit 0\"])\n        \
         .stdout(std::process::Stdio::null())\n        \
         .stderr(std::process::Stdio::null())\n        .status()\n        .expect(\"spawn\");\n}}\n"
    );
    let fixture = course(&[("daemon", 5, &source)]);
    let out = wait_bounded(
        spawn(&fixture, &["run", "daemon"]),
        Duration::from_secs(90),
        "run",
    );
    assert_exit(&out, 0);
    assert_gone("the daemon", || processes_with(&format!("sleep {token}")));
}

const FOREVER: &str = "fn main() {\n    loop {\n        \
                       std::thread::sleep(std::time::Duration::from_millis(50));\n    }\n}\n";

#[test]
fn signals_end_every_command_and_the_learners_processes_first() {
    let cases: [(&[&str], i32); 3] = [
        (&["run", "forever"], libc::SIGINT),
        (&["verify"], libc::SIGTERM),
        (&["dev", "check"], libc::SIGHUP),
    ];
    for (args, signal) in cases {
        let fixture = course(&[("forever", 60, FOREVER)]);
        let mut command = fixture.command(args);
        // Its own process group, which the signal is sent to, as a terminal does.
        command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        let child = command.spawn().expect("start");
        let runner = child.id();
        let started = Instant::now();
        while course_processes(fixture.root()).is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{args:?}: the exercise never started"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let group =
            rustix::process::Pid::from_raw(i32::try_from(runner).expect("pid")).expect("a pid");
        let number = rustix::process::Signal::from_named_raw(signal).expect("a signal");
        rustix::process::kill_process_group(group, number).expect("signal");
        let out = wait_bounded(child, Duration::from_secs(20), "the signalled runner");
        assert_eq!(
            out.status.code(),
            Some(128 + signal),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_gone(&format!("{args:?}"), || course_processes(fixture.root()));
    }
}

#[test]
fn an_unbounded_timeout_is_refused_before_anything_runs() {
    let fixture = course(&[("forever", 1, FOREVER)]);
    let info = fixture
        .read("info.toml")
        .replace("timeout_secs = 1", "timeout_secs = 9223372036854775807");
    fixture.write("info.toml", &info);
    let out = fixture.run(&["run", "forever"]);
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "it must be from 1 to 600");
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn a_fifo_at_the_state_file_or_its_lock_is_an_error_not_a_hang() {
    for name in [".backlings-state.toml", ".backlings-state.toml.lock"] {
        let fixture = course(&[("forever", 1, FOREVER)]);
        let status = Command::new("mkfifo")
            .arg(fixture.path(name))
            .status()
            .expect("mkfifo");
        assert!(status.success());
        for args in [&["list"][..], &["reset", "forever"]] {
            let out = wait_bounded(spawn(&fixture, args), Duration::from_secs(20), name);
            if name.ends_with(".lock") && args == ["list"] {
                // list only reads the state, never takes the lock.
                assert_exit(&out, 0);
                continue;
            }
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}");
            assert_contains(&stderr(&out), "not a regular file");
        }
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

/// Runs backlings under this umask (through sh, which sets it for the exec'd program).
fn run_with_umask(fixture: &Fixture, umask: &str, args: &str) -> Output {
    let binary = env!("CARGO_BIN_EXE_backlings");
    Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec '{binary}' {args}"))
        .current_dir(fixture.root())
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("sh")
}

#[test]
fn written_files_keep_their_mode_and_new_ones_follow_the_umask() {
    let fixture = course(&[("forever", 1, FOREVER)]);
    let exercise = fixture.path("exercises/01_one/forever.rs");
    std::fs::set_permissions(&exercise, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = run_with_umask(&fixture, "077", "reset forever");
    assert_exit(&out, 0);
    assert_eq!(mode(&exercise), 0o644, "reset keeps the exercise's mode");

    let out = run_with_umask(&fixture, "022", "dev new fresh --stage one");
    assert_exit(&out, 0);
    assert_eq!(mode(&fixture.path("exercises/01_one/fresh.rs")), 0o644);
    assert_eq!(mode(&fixture.path("solutions/01_one/fresh.rs")), 0o644);
    assert_eq!(
        mode(&fixture.path("info.toml")),
        0o644,
        "info.toml keeps 0644"
    );
    assert_eq!(
        mode(&fixture.path(".backlings-state.toml")),
        0o600,
        "the state file, new under umask 077, follows it"
    );

    // A course created by dev sync under umask 027.
    let unsynced = Fixture::unsynced();
    let out = run_with_umask(&unsynced, "027", "dev sync");
    assert_exit(&out, 0);
    for rel in ["Cargo.toml", ".gitignore", "exercises/01_one/Cargo.toml"] {
        assert_eq!(mode(&unsynced.path(rel)), 0o640, "{rel}");
    }
}

#[test]
fn temporary_files_are_ignored_by_git_and_stale_ones_are_removed() {
    let fixture = course(&[("forever", 1, FOREVER)]);
    // What a write killed half-way leaves, an hour old.
    let stale = fixture.path("..backlings-state.toml.backlings-tmp.0123456789abcdef");
    std::fs::write(&stale, "half").expect("write");
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .expect("open")
        .set_modified(hour_ago)
        .expect("set mtime");
    if needs("git") {
        let status = Command::new("git")
            .args(["init", "-q"])
            .current_dir(fixture.root())
            .status()
            .expect("git");
        assert!(status.success());
        let ignored = Command::new("git")
            .args(["check-ignore", "-q"])
            .arg(&stale)
            .current_dir(fixture.root())
            .status()
            .expect("git");
        assert!(ignored.success(), "git ignores temporary files");
    }
    let out = fixture.run(&["reset", "forever"]);
    assert_exit(&out, 0);
    assert!(!stale.exists(), "the stale temporary file is removed");
}

#[test]
fn a_corrupt_state_file_is_always_said_to_be_moved_aside() {
    let fixture = course(&[("forever", 1, FOREVER)]);
    fixture.write(".backlings-state.toml", "done = [unclosed");
    let out = fixture.run(&["reset", "forever"]);
    assert_exit(&out, 0);
    assert_contains(&stderr(&out), ".bak");

    // The learner's own program replaces the state file during the check.
    let vandal =
        "fn main() {\n    std::fs::write(\".backlings-state.toml\", \"done = [\").unwrap();\n}\n";
    let fixture = course(&[("vandal", 5, vandal)]);
    let out = fixture.run(&["run", "vandal"]);
    assert_exit(&out, 0);
    assert_contains(&stderr(&out), "moved to");
}

#[test]
fn a_deleted_exercise_file_leaves_the_course_usable() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.path("exercises/01_one/hello.rs")).expect("delete");
    for args in [&["list"][..], &["progress"], &["hint", "hello"]] {
        let out = fixture.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            args[0] == "hint" || stderr(&out).contains("exercises/01_one/hello.rs is missing"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = fixture.run(&["run", "hello"]);
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "reset hello");
    let out = fixture.run(&["reset", "hello"]);
    assert_exit(&out, 0);
    assert!(fixture.path("exercises/01_one/hello.rs").is_file());
}

#[test]
fn an_unusable_target_directory_is_named_with_the_fix() {
    let fixture = course(&[("forever", 1, FOREVER)]);
    // A regular file where the target directory should be: cargo cannot write there.
    fixture.write("blocked", "");
    let out = fixture
        .command(&["run", "forever"])
        .env("CARGO_TARGET_DIR", fixture.path("blocked"))
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert_contains(
        &stderr(&out),
        "CARGO_TARGET_DIR to a directory you can write",
    );
}

//! Commands that read the course and progress: bad manifests, stale bins, the state file,
//! hints, list, reset, and finding the course.

mod common;

use common::{Fixture, assert_contains, assert_exit, exercise, json, stderr, stdout};

#[test]
fn a_bad_manifest_is_exit_2_with_file_line_and_fix() {
    let fixture = Fixture::new();
    let manifest = fixture.read("info.toml");
    fixture.write(
        "info.toml",
        &manifest.replace("name = \"broken\"", "name = \"broken\"\nhint = \"typo\""),
    );
    for command in [
        &["list"][..],
        &["verify"],
        &["run", "hello"],
        &["dev", "sync"],
    ] {
        let out = fixture.run(command);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let err = stderr(&out);
        assert!(
            err.contains("info.toml:20:1: unknown field `hint`"),
            "{command:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_missing_exercise_file_names_it() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.path("exercises/01_one/broken.rs")).expect("remove");
    // Learner commands go on and say what is missing (contract, section 6).
    let out = fixture.run(&["list"]);
    assert_exit(&out, 0);
    let err = stderr(&out);
    assert!(
        err.contains("exercises/01_one/broken.rs is missing"),
        "{err}"
    );
    // dev check still reports it, at its line of the manifest.
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("info.toml:19"), "{err}");
    assert!(err.contains("exercises/01_one/broken.rs"), "{err}");
}

#[test]
fn stale_bins_stop_building_commands_until_dev_sync() {
    let fixture = Fixture::new();
    let manifest = fixture.read("info.toml");
    fixture.write(
        "info.toml",
        &format!("{manifest}\n[[stages.exercises]]\nname = \"extra\"\nhints = [\"h\"]\n"),
    );
    fixture.write("exercises/02_two/extra.rs", "fn main() {}\n");
    for command in [&["verify"][..], &["run", "hello"]] {
        let out = fixture.run(command);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let err = stderr(&out);
        assert!(err.contains("exercises/02_two/Cargo.toml"), "{err}");
        assert!(err.contains("backlings dev sync"), "{err}");
    }
    // Commands that build nothing still work.
    assert_eq!(fixture.run(&["list"]).status.code(), Some(0));
    let sync = fixture.run(&["dev", "sync"]);
    assert_eq!(sync.status.code(), Some(0));
    let package = fixture.read("exercises/02_two/Cargo.toml");
    assert!(package.contains("name = \"extra\""), "{package}");
    assert_eq!(fixture.run(&["run", "hello"]).status.code(), Some(1));
}

#[test]
fn dev_sync_keeps_everything_but_the_bin_list() {
    let fixture = Fixture::new();
    let path = "exercises/01_one/Cargo.toml";
    let package = fixture.read(path);
    let edited = package.replace(
        "[dependencies]\n",
        "[dependencies]\n# a comment the instructor wrote\n",
    );
    fixture.write(
        path,
        &format!("{edited}\n[[bin]]\nname = \"stray\"\npath = \"stray.rs\"\n"),
    );
    let out = fixture.run(&["dev", "sync"]);
    assert_exit(&out, 0);
    let synced = fixture.read(path);
    assert!(
        synced.contains("# a comment the instructor wrote"),
        "{synced}"
    );
    assert!(!synced.contains("stray"), "{synced}");
    assert_eq!(synced.matches("[[bin]]").count(), 6);
    assert!(stdout(&fixture.run(&["dev", "sync"])).contains("already match"));
}

#[test]
fn a_corrupt_state_file_is_moved_aside_and_progress_starts_empty() {
    let fixture = Fixture::new();
    fixture.write(
        ".backlings-state.toml",
        "format_version = 1\ndone = [\"hello\"\n",
    );
    let out = fixture.run(&["progress", "--format", "json"]);
    assert_exit(&out, 0);
    assert_contains(&stderr(&out), ".backlings-state.toml.bak");
    assert_eq!(json(&out)["done"], 0);
    assert!(fixture.path(".backlings-state.toml.bak").exists());
}

#[test]
fn a_newer_state_file_is_left_alone() {
    let fixture = Fixture::new();
    let text = "format_version = 7\ndone = [\"hello\"]\n";
    fixture.write(".backlings-state.toml", text);
    let out = fixture.run(&["list"]);
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "newer backlings");
    assert_eq!(fixture.read(".backlings-state.toml"), text);
}

#[test]
fn progress_survives_reordering_and_keeps_unknown_names() {
    let fixture = Fixture::new();
    fixture.write(
        ".backlings-state.toml",
        "format_version = 1\ncurrent = \"server\"\ndone = [\"server\", \"retired\"]\n",
    );
    let doc = json(&fixture.run(&["list", "--format", "json"]));
    assert_eq!(exercise(&doc, "server")["status"], "done");
    assert_eq!(doc["current_exercise"], "server");
    fixture.solve("01_one", "hello");
    assert_eq!(fixture.run(&["run", "hello"]).status.code(), Some(0));
    let state = fixture.read(".backlings-state.toml");
    assert!(state.contains("retired"), "{state}");
}

#[test]
fn hints_list_and_progress_text() {
    let fixture = Fixture::new();
    let out = fixture.run(&["hint"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("Hint 1/2 for hello: Print the right greeting."),
        "{text}"
    );
    assert!(!text.contains("Use println!"), "{text}");
    let all = stdout(&fixture.run(&["hint", "hello", "--all"]));
    assert!(all.contains("Hint 2/2 for hello: Use println!."), "{all}");

    let list = stdout(&fixture.run(&["list"]));
    assert!(list.contains("boundary  pending  two"), "{list}");
    assert!(list.contains("hello     pending  one ← current"), "{list}");

    let report = stdout(&fixture.run(&["progress"]));
    assert!(
        report.contains("You have reached stage 1/2 of the roadmap: Stage one"),
        "{report}"
    );

    let out = fixture.run(&["hint", "nope"]);
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "no exercise named `nope`");
}

#[test]
fn reset_restores_the_shipped_file_and_marks_it_pending() {
    let fixture = Fixture::new();
    let shipped = fixture.read("exercises/01_one/hello.rs");
    fixture.solve("01_one", "hello");
    assert_eq!(fixture.run(&["run", "hello"]).status.code(), Some(0));
    let out = fixture.run(&["reset", "hello"]);
    assert_exit(&out, 0);
    assert_eq!(fixture.read("exercises/01_one/hello.rs"), shipped);
    let doc = json(&fixture.run(&["list", "--format", "json"]));
    assert_eq!(exercise(&doc, "hello")["status"], "pending");
}

#[test]
fn the_course_is_found_from_a_subdirectory_or_with_course() {
    let fixture = Fixture::new();
    let out = fixture
        .command(&["list"])
        .current_dir(fixture.path("exercises/01_one"))
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = fixture
        .command(&["--course", fixture.root().to_str().expect("utf-8"), "list"])
        .current_dir(elsewhere.path())
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let out = fixture
        .command(&["list"])
        .current_dir(elsewhere.path())
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "--course");
}

#[test]
fn without_cargo_a_check_says_what_to_install() {
    let fixture = Fixture::new();
    let out = fixture
        .command(&["run", "hello"])
        .env("PATH", "/nonexistent")
        .env_remove("CARGO")
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert_contains(&stderr(&out), "cargo was not found");
}

#[test]
fn usage_errors_are_exit_2_and_help_is_exit_0() {
    let fixture = Fixture::new();
    assert_eq!(fixture.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(fixture.run(&["--help"]).status.code(), Some(0));
    assert_eq!(
        fixture.run(&["verify", "--format", "xml"]).status.code(),
        Some(2)
    );
}

fn git(fixture: &Fixture, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(fixture.root())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn a_git_course_takes_the_shipped_version_from_git() {
    let fixture = Fixture::new();
    std::fs::remove_dir_all(fixture.path(".backlings")).expect("no pristine copies");
    git(&fixture, &["init", "-q"]);
    git(&fixture, &["add", "-A"]);
    git(&fixture, &["commit", "-q", "-m", "course"]);
    // The committed exercise declares `zero`; a version without it does not pass.
    let shipped = fixture.read("exercises/01_one/failing.rs");
    let cheating = shipped
        .replace(
            "    #[test]\n    fn zero() {\n        assert_eq!(double(0), 0);\n    }\n",
            "",
        )
        .replace("x + 2", "x * 2");
    fixture.write("exercises/01_one/failing.rs", &cheating);
    let out = fixture.run(&["run", "failing"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "did not run: tests::zero");
    assert_eq!(fixture.run(&["reset", "failing"]).status.code(), Some(0));
    assert_eq!(fixture.read("exercises/01_one/failing.rs"), shipped);
}

#[test]
fn an_instructor_command_refreshes_the_pristine_copies() {
    let fixture = Fixture::new();
    // The instructor renames a test; the course has no git, so the copy is what ships.
    let renamed = fixture
        .read("exercises/01_one/failing.rs")
        .replace("fn zero()", "fn doubles_zero()");
    fixture.write("exercises/01_one/failing.rs", &renamed);
    fixture.write(
        "solutions/01_one/failing.rs",
        &fixture
            .read("solutions/01_one/failing.rs")
            .replace("fn zero()", "fn doubles_zero()"),
    );
    assert_eq!(fixture.run(&["dev", "sync"]).status.code(), Some(0));
    fixture.solve("01_one", "failing");
    let out = fixture.run(&["run", "failing"]);
    assert_exit(&out, 0);
}

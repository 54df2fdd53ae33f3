//! Instructor commands on a fixture course: `dev new` and `dev check`.

mod common;

use common::{Fixture, assert_contains, assert_exit, stderr, stdout};

#[test]
fn a_sound_course_passes_dev_check_and_nothing_is_touched() {
    let fixture = Fixture::new();
    let before = fixture.read("exercises/01_one/hello.rs");
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 0);
    assert_contains(&stdout(&out), "The course is sound: 8 exercises");
    assert_eq!(fixture.read("exercises/01_one/hello.rs"), before);
    assert!(
        !fixture.path(".backlings-state.toml").exists(),
        "dev check records no progress"
    );
}

#[test]
fn dev_new_adds_an_exercise_that_dev_check_flags_until_it_fails() {
    let fixture = Fixture::new();
    let manifest = fixture.read("info.toml");
    let out = fixture.run(&["dev", "new", "fresh1", "--stage", "one"]);
    assert_exit(&out, 0);
    let updated = fixture.read("info.toml");
    // Everything that was there is still there, byte for byte; the entry is in stage one.
    let (head, tail) = updated
        .split_once("[[stages.exercises]]\nname = \"fresh1\"")
        .expect("entry");
    assert!(
        manifest.starts_with(head),
        "the text before the entry is unchanged"
    );
    assert!(
        tail.contains("id = \"two\""),
        "the entry is inside stage one"
    );
    assert!(fixture.path("exercises/01_one/fresh1.rs").exists());
    assert!(fixture.path("solutions/01_one/fresh1.rs").exists());
    assert!(
        fixture
            .read("exercises/01_one/Cargo.toml")
            .contains("name = \"fresh1\"")
    );
    let exercise = fixture.read("exercises/01_one/fresh1.rs");
    assert!(exercise.contains("// TODO"), "{exercise}");
    assert!(exercise.contains("#[test]"), "{exercise}");

    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("exercises/01_one/fresh1.rs: `fresh1` passes as shipped"),
        "{err}"
    );
    assert!(
        err.contains("hint 1 of `fresh1` is still a placeholder"),
        "{err}"
    );

    // Real hints, and a broken exercise, make the course sound again.
    fixture.write(
        "info.toml",
        &fixture.read("info.toml").replace("\"TODO: ", "\""),
    );
    fixture.write(
        "exercises/01_one/fresh1.rs",
        &exercise.replace("    42\n}", "    0\n}"),
    );
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 0);

    let out = fixture.run(&["dev", "new", "shout", "--stage", "two", "--mode", "run"]);
    assert_exit(&out, 0);
    let updated = fixture.read("info.toml");
    assert!(updated.trim_end().ends_with("mode = \"run\"\nhints = [\"TODO: a nudge: where to look.\", \"TODO: a pointer to the concept or the std item.\", \"TODO: nearly the answer.\"]"), "{updated}");
    assert!(
        fixture
            .read("exercises/02_two/Cargo.toml")
            .contains("test = false")
    );
}

#[test]
fn dev_new_refuses_bad_requests_and_writes_nothing() {
    let fixture = Fixture::new();
    let manifest = fixture.read("info.toml");
    for (args, expected) in [
        (
            &["dev", "new", "hello", "--stage", "one"][..],
            "already exists",
        ),
        (
            &["dev", "new", "fresh", "--stage", "nope"],
            "no stage `nope`",
        ),
        (
            &["dev", "new", "Bad-Name", "--stage", "one"],
            "cannot be an exercise name",
        ),
        (
            &["dev", "new", "deps", "--stage", "one"],
            "cannot be an exercise name",
        ),
    ] {
        let out = fixture.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(fixture.read("info.toml"), manifest);
    assert!(!fixture.path("exercises/01_one/fresh.rs").exists());
    assert!(!fixture.path("solutions/02_two/fresh.rs").exists());
}

#[test]
fn dev_check_reports_every_problem_with_its_file() {
    let fixture = Fixture::new();
    // A solution that fails, one that misses the mutant, one that does not compile.
    fixture.write(
        "solutions/01_one/failing.rs",
        &fixture
            .read("solutions/01_one/failing.rs")
            .replace("x * 2", "x * 4"),
    );
    fixture.write(
        "solutions/02_two/boundary.rs",
        &fixture
            .read("solutions/02_two/boundary.rs")
            .replace("assert!(is_adult(18));", "assert!(is_adult(30));"),
    );
    fixture.write("solutions/01_one/hello.rs", "fn main() { nope }\n");
    // A solution that loops.
    fixture.write(
        "solutions/01_one/looping.rs",
        &fixture.read("exercises/01_one/looping.rs"),
    );
    // An exercise that passes as shipped.
    fixture.solve("02_two", "server");
    // A file nobody listed, and a missing solution.
    fixture.write("exercises/01_one/stray.rs", "fn main() {}\n");
    std::fs::remove_file(fixture.path("solutions/01_one/flood.rs")).expect("remove");

    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    for expected in [
        "solutions/01_one/failing.rs: the solution of `failing` fails: these tests failed: tests::doubles",
        "solutions/02_two/boundary.rs: the solution of `boundary` fails: its tests pass even with the mutant `off_by_one` planted",
        "solutions/01_one/hello.rs: the solution of `hello` does not compile",
        "solutions/01_one/looping.rs: the solution of `looping` runs past its 1 s time limit",
        "exercises/02_two/server.rs: `server` passes as shipped",
        "exercises/01_one/stray.rs: not listed in info.toml",
        "solutions/01_one/flood.rs: exercise `flood` has no solution",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn dev_check_reports_stale_bins_and_tests_missing_from_a_test_exercise() {
    let fixture = Fixture::new();
    fixture.write("exercises/01_one/failing.rs", "fn main() {}\n");
    let package = fixture.read("exercises/02_two/Cargo.toml");
    fixture.write(
        "exercises/02_two/Cargo.toml",
        &package.replace("name = \"boundary\"", "name = \"renamed\""),
    );
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(
            "exercises/01_one/failing.rs: `failing` is a test-mode exercise but declares no #[test]"
        ),
        "{err}"
    );
    assert!(
        err.contains("exercises/02_two/Cargo.toml: the [[bin]] list does not match info.toml"),
        "{err}"
    );
    assert!(err.contains("backlings dev sync"), "{err}");
}

#[test]
fn a_standalone_course_needs_only_info_toml_exercises_and_solutions() {
    let fixture = Fixture::unsynced();
    assert!(!fixture.path("Cargo.toml").exists());
    let out = fixture.run(&["run", "hello"]);
    assert_eq!(out.status.code(), Some(2), "no workspace yet");
    assert_contains(&stderr(&out), "backlings dev sync");
    assert_eq!(fixture.run(&["dev", "sync"]).status.code(), Some(0));
    let root = fixture.read("Cargo.toml");
    assert!(root.contains("[workspace]"), "{root}");
    assert!(root.contains("debug = \"line-tables-only\""), "{root}");
    assert!(
        fixture
            .read(".gitignore")
            .contains("/.backlings-state.toml")
    );
    assert!(
        fixture
            .read("rust-analyzer.toml")
            .contains("targetDir = true")
    );
    assert!(fixture.path(".vscode/settings.json").exists());
    assert_eq!(fixture.run(&["run", "hello"]).status.code(), Some(1));
}

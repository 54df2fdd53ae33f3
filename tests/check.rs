//! Checking exercises with `run` and `verify` on a fixture course, as a learner would.

mod common;

use std::time::{Duration, Instant};

use common::{EXERCISES, Fixture, assert_contains, assert_exit, exercise, json, stderr, stdout};

#[test]
fn verify_judges_every_kind_of_failure() {
    let fixture = Fixture::new();
    let out = fixture.run(&["verify", "--format", "json"]);
    assert_exit(&out, 1);
    let doc = json(&out);
    let outcome = |name: &str| exercise(&doc, name)["outcome"].as_str().map(str::to_owned);
    assert_eq!(outcome("hello").as_deref(), Some("failed"), "wrong output");
    assert_eq!(outcome("broken").as_deref(), Some("compile_error"));
    assert_eq!(outcome("failing").as_deref(), Some("failed"));
    assert_eq!(outcome("looping").as_deref(), Some("timed_out"));
    assert_eq!(outcome("flood").as_deref(), Some("failed"));
    assert_eq!(outcome("orphan").as_deref(), Some("failed"));
    assert_eq!(outcome("server").as_deref(), Some("failed"));
    assert_eq!(outcome("boundary").as_deref(), Some("failed"));
    assert_eq!(doc["done"], 0);
    assert_eq!(doc["total"], 8);
    assert_eq!(doc["current_stage"], "one");
    assert_eq!(doc["current_exercise"], "hello");
    assert!(
        exercise(&doc, "looping")["seconds"]
            .as_f64()
            .expect("seconds")
            >= 1.0
    );
    let err = stderr(&out);
    assert!(
        err.contains("expected `u32`"),
        "compiler output is shown: {err}"
    );
    assert!(
        err.contains("output cut"),
        "the flood is cut: {}",
        &err[..200.min(err.len())]
    );
}

#[test]
fn solved_exercises_pass_and_are_recorded() {
    let fixture = Fixture::new();
    fixture.solve_all();
    let out = fixture.run(&["verify", "--format", "json"]);
    assert_exit(&out, 0);
    let doc = json(&out);
    for (_, name) in EXERCISES {
        assert_eq!(exercise(&doc, name)["outcome"], "passed", "{name}");
        assert_eq!(exercise(&doc, name)["status"], "done", "{name}");
    }
    assert_eq!(doc["current_stage"], serde_json::Value::Null);
    assert_eq!(doc["current_exercise"], serde_json::Value::Null);
    assert_eq!(doc["stages"][1]["complete"], true);

    let progress = fixture.run(&["progress", "--format", "json"]);
    assert_eq!(progress.status.code(), Some(0));
    let doc = json(&progress);
    assert_eq!(doc["done"], 8);
    assert!(
        exercise(&doc, "hello").get("outcome").is_none(),
        "progress checks nothing, so it reports no outcome"
    );
    let text = fixture.run(&["progress"]);
    assert!(
        stdout(&text).contains("you have finished the course"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn run_checks_one_exercise_and_moves_the_position() {
    let fixture = Fixture::new();
    let out = fixture.run(&["run", "failing"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "failed failing");
    assert!(
        stderr(&out).contains("left: 5"),
        "test output is shown: {}",
        stderr(&out)
    );
    let state = fixture.read(".backlings-state.toml");
    assert!(state.contains("current = \"failing\""), "{state}");

    fixture.solve("01_one", "failing");
    // Without a name, run uses the position.
    let out = fixture.run(&["run"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("passed failing"));
    assert!(stdout(&out).contains("solutions/01_one/failing.rs"));
    let doc = json(&fixture.run(&["list", "--format", "json"]));
    assert_eq!(exercise(&doc, "failing")["status"], "done");

    // Breaking it again makes it pending.
    fixture.write(
        "exercises/01_one/failing.rs",
        &fixture
            .read("exercises/01_one/failing.rs")
            .replace("x * 2", "x * 3"),
    );
    assert_eq!(fixture.run(&["run", "failing"]).status.code(), Some(1));
    let doc = json(&fixture.run(&["list", "--format", "json"]));
    assert_eq!(exercise(&doc, "failing")["status"], "pending");
}

#[test]
fn deleting_or_ignoring_a_test_does_not_pass() {
    let fixture = Fixture::new();
    let solution = fixture.read("solutions/01_one/failing.rs");
    let without_zero = solution.replace(
        "    #[test]\n    fn zero() {\n        assert_eq!(double(0), 0);\n    }\n",
        "",
    );
    assert_ne!(without_zero, solution);
    // The exercise as shipped still fails its `zero` test; removing it must not help.
    let shipped = fixture.read("exercises/01_one/failing.rs");
    let cheating = shipped.replace(
        "    #[test]\n    fn zero() {\n        assert_eq!(double(0), 0);\n    }\n",
        "",
    );
    fixture.write(
        "exercises/01_one/failing.rs",
        &cheating.replace("x + 2", "x * 2"),
    );
    let out = fixture.run(&["run", "failing"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "did not run: tests::zero");

    // An ignored failing test still runs.
    fixture.write(
        "exercises/01_one/failing.rs",
        &shipped.replace(
            "#[test]\n    fn zero",
            "#[test]\n    #[ignore]\n    fn zero",
        ),
    );
    let out = fixture.run(&["run", "failing"]);
    assert_exit(&out, 1);
}

#[test]
fn mutants_must_be_caught() {
    let fixture = Fixture::new();
    let weak = fixture
        .read("solutions/02_two/boundary.rs")
        .replace("assert!(is_adult(18));", "assert!(is_adult(19));");
    fixture.write("exercises/02_two/boundary.rs", &weak);
    let out = fixture.run(&["run", "boundary"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "bug `off_by_one`");

    fixture.solve("02_two", "boundary");
    let out = fixture.run(&["run", "boundary"]);
    assert_exit(&out, 0);
}

#[test]
fn escaped_children_and_floods_do_not_hold_the_runner() {
    let fixture = Fixture::new();
    fixture.solve("01_one", "orphan");
    // Build first, so the bound below is about running, not compiling.
    assert_eq!(fixture.run(&["run", "orphan"]).status.code(), Some(0));
    let started = Instant::now();
    let out = fixture.run(&["run", "orphan"]);
    assert_exit(&out, 0);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the check waited for the 30 s grandchildren"
    );

    let out = fixture.run(&["run", "flood"]);
    assert_exit(&out, 1);
    assert!(out.stderr.len() < 2 << 20, "kept output is bounded");
    assert!(stderr(&out).contains("bytes were dropped here"));
}

#[test]
fn two_processes_record_progress_without_losing_any() {
    let fixture = Fixture::new();
    fixture.solve_all();
    // Build everything once so the two runs below mostly race on the state file.
    assert_eq!(fixture.run(&["verify"]).status.code(), Some(0));
    std::fs::remove_file(fixture.path(".backlings-state.toml")).expect("reset progress");
    let names = ["hello", "failing", "server", "boundary"];
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            fixture
                .command(&["verify", name])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let doc = json(&fixture.run(&["list", "--format", "json"]));
    for name in names {
        assert_eq!(exercise(&doc, name)["status"], "done", "{name}");
    }
    assert_eq!(doc["done"], 4);
}

#[test]
fn a_run_mode_exercise_must_print_the_expected_output() {
    let fixture = Fixture::new();
    let out = fixture.run(&["run", "hello"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("at line 1 of 1:\n  expected: \"hello, backend\"\n  actual:   \"hello\""),
        "{text}"
    );
    fixture.write(
        "exercises/01_one/hello.rs",
        "fn main() {\n    println!(\"hello, backend   \");\n}\n",
    );
    let out = fixture.run(&["run", "hello"]);
    assert_eq!(out.status.code(), Some(0), "trailing whitespace is ignored");
}

//! Verdicts that only the tests decide: whatever the terminal, the color settings, libtest's
//! variables in the learner's shell, or what the learner's program prints. And checks the
//! machine stops are reported as the machine's, never as the learner's, and lose no progress.

mod common;

use common::{Fixture, assert_contains, assert_exit, exercise, json, stderr, stdout};

const SHIPPED: &str = r#"// ex: TODO make `answer` return 42.
fn answer() -> u32 {
    0
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::answer;

    #[test]
    fn prints_and_passes() {
        println!("some output from the test");
        assert_eq!(answer(), 42, "the answer is 42");
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn panics() {
        if answer() == 42 {
            panic!("boom");
        }
    }

    #[test]
    #[ignore = "slow on purpose"]
    fn ignored_with_a_reason() {
        assert_eq!(answer(), 42, "the answer is 42");
    }

    mod inner {
        #[test]
        fn prints_and_passes() {
            assert_eq!(super::super::answer(), 42, "the answer is 42");
        }
    }
}
"#;

fn solved() -> String {
    SHIPPED.replace("    0\n}", "    42\n}")
}

fn course() -> Fixture {
    Fixture::one_test_exercise(SHIPPED, &solved())
}

/// The learner's shell at its most unhelpful: libtest's own variables and backtraces on.
const LEARNER_SHELL: [(&str, &str); 4] = [
    ("RUST_TEST_THREADS", "1"),
    ("RUST_TEST_NOCAPTURE", "1"),
    ("RUST_BACKTRACE", "1"),
    ("CARGO_TERM_COLOR", "always"),
];

#[test]
fn a_solved_exercise_passes_under_every_terminal_and_libtest_setting() {
    let fixture = course();
    fixture.write("exercises/01_one/ex.rs", &solved());
    let terms = [
        Some("tmux-256color"),
        Some("screen"),
        Some("screen-256color"),
        Some("linux"),
        Some("vt100"),
        Some("dumb"),
        Some("xterm-256color"),
        None,
    ];
    for term in terms {
        for color in ["always", "never", "auto"] {
            let mut command = fixture.command(&["--color", color, "run", "ex"]);
            command.envs(LEARNER_SHELL);
            match term {
                Some(term) => command.env("TERM", term),
                None => command.env_remove("TERM"),
            };
            if color == "auto" {
                command.env("NO_COLOR", "1");
            }
            let out = command.output().expect("run");
            assert_eq!(
                out.status.code(),
                Some(0),
                "TERM={term:?} --color {color}: {}\n{}",
                stdout(&out),
                stderr(&out)
            );
            let progress = json(&fixture.run(&["progress", "--format", "json"]));
            assert_eq!(exercise(&progress, "ex")["status"], "done", "TERM={term:?}");
        }
    }
}

#[test]
fn a_printed_result_line_does_not_stand_in_for_a_missing_test() {
    let fixture = course();
    // The nested test is deleted; the other test prints the line libtest would have printed
    // for it, through the capture and past it (to the file descriptor itself).
    let forged = solved()
        .replace(
            "    mod inner {\n        #[test]\n        fn prints_and_passes() {\n            \
             assert_eq!(super::super::answer(), 42, \"the answer is 42\");\n        }\n    }\n",
            "",
        )
        .replace(
            "println!(\"some output from the test\");",
            "println!(\"test tests::inner::prints_and_passes ... ok\");\n        \
             std::process::Command::new(\"echo\").arg(\"test tests::inner::prints_and_passes ... \
             ok\").status().ok();",
        );
    assert_ne!(forged, solved());
    fixture.write("exercises/01_one/ex.rs", &forged);
    let mut command = fixture.command(&["--color", "always", "run", "ex"]);
    command.envs(LEARNER_SHELL).env("TERM", "tmux-256color");
    let out = command.output().expect("run");
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("did not run: tests::inner::prints_and_passes;"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn renaming_a_test_that_shares_its_name_with_another_does_not_pass() {
    let fixture = course();
    fixture.write(
        "exercises/01_one/ex.rs",
        &solved().replace(
            "mod inner {\n        #[test]\n        fn prints_and_passes",
            "mod inner {\n        #[test]\n        fn prints_and_passes_renamed",
        ),
    );
    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 1);
    assert!(
        stdout(&out).contains("did not run: tests::inner::prints_and_passes;"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn ignoring_a_failing_test_does_not_pass() {
    let fixture = course();
    // Fixed but for one test, which the learner marks ignored instead.
    let ignoring = solved()
        .replace(
            "assert_eq!(super::super::answer(), 42,",
            "assert_eq!(super::super::answer(), 41,",
        )
        .replace(
            "    mod inner {\n        #[test]\n",
            "    mod inner {\n        #[test]\n        #[ignore]\n",
        );
    fixture.write("exercises/01_one/ex.rs", &ignoring);
    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 1);
    assert_contains(
        &stdout(&out),
        "these tests failed: tests::inner::prints_and_passes",
    );
}

#[test]
fn a_test_that_exits_early_with_success_does_not_pass() {
    let fixture = course();
    fixture.write(
        "exercises/01_one/ex.rs",
        &SHIPPED.replace(
            "println!(\"some output from the test\");",
            "std::process::exit(0);",
        ),
    );
    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 1);
}

#[test]
fn megabytes_of_output_do_not_hide_the_verdict() {
    let fixture = course();
    let flood = "println!(\"{}\", \"x\".repeat(3 << 20));";
    fixture.write(
        "exercises/01_one/ex.rs",
        &solved().replace("println!(\"some output from the test\");", flood),
    );
    let mut command = fixture.command(&["run", "ex"]);
    command.env("RUST_TEST_NOCAPTURE", "1");
    let out = command.output().expect("run");
    assert_exit(&out, 0);

    // Unsolved, the failure's own message is still shown: the end of the output is kept.
    fixture.write(
        "exercises/01_one/ex.rs",
        &SHIPPED.replace("println!(\"some output from the test\");", flood),
    );
    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("output cut"), "the cut is said");
    assert!(
        stderr(&out).contains("the answer is 42"),
        "the assertion's message survives the flood"
    );
    assert!(out.stderr.len() < 2 << 20, "kept output is bounded");
}

#[test]
fn backtraces_only_when_the_learner_asks() {
    let fixture = course();
    let mut command = fixture.command(&["run", "ex"]);
    command.env("RUST_BACKTRACE", "1");
    let out = command.output().expect("run");
    assert_exit(&out, 1);
    assert_contains(&stderr(&out), "the answer is 42");
    assert!(
        !stderr(&out).contains("stack backtrace"),
        "{}",
        stderr(&out)
    );

    let out = fixture.run(&["--backtrace", "run", "ex"]);
    assert_exit(&out, 1);
    assert_contains(&stderr(&out), "stack backtrace");
}

/// Solves the exercise and records it done, so the environment checks below can show that
/// they leave it done.
fn solved_and_recorded() -> Fixture {
    let fixture = course();
    fixture.write("exercises/01_one/ex.rs", &solved());
    assert_eq!(fixture.run(&["run", "ex"]).status.code(), Some(0));
    fixture
}

fn assert_environment_error(fixture: &Fixture, out: &std::process::Output, says: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let doc = json(out);
    let entry = exercise(&doc, "ex");
    assert_eq!(entry["outcome"], "environment_error", "{doc}");
    let message = entry["message"].as_str().expect("a message");
    assert!(message.contains(says), "{message}");
    assert_eq!(entry["status"], "done", "progress is kept: {doc}");
    let progress = json(&fixture.run(&["progress", "--format", "json"]));
    assert_eq!(exercise(&progress, "ex")["status"], "done");
}

#[test]
fn a_build_target_that_is_not_this_machine_is_the_environments_fault() {
    let fixture = solved_and_recorded();
    let mut command = fixture.command(&["verify", "--format", "json"]);
    command.env("CARGO_BUILD_TARGET", "wasm32-unknown-unknown");
    let out = command.output().expect("verify");
    assert_environment_error(&fixture, &out, "CARGO_BUILD_TARGET");

    fixture.write(
        ".cargo/config.toml",
        "[build]\ntarget = \"wasm32-unknown-unknown\"\n",
    );
    let out = fixture.run(&["verify", "--format", "json"]);
    assert_environment_error(&fixture, &out, ".cargo/config.toml");
    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 2);
}

#[test]
fn a_failing_build_script_is_the_environments_fault_and_is_shown() {
    let fixture = solved_and_recorded();
    let manifest = fixture.read("exercises/01_one/Cargo.toml");
    fixture.write(
        "exercises/01_one/Cargo.toml",
        &manifest.replacen("[package]\n", "[package]\nbuild = \"build.rs\"\n", 1),
    );
    fixture.write(
        "exercises/01_one/build.rs",
        "fn main() {\n    eprintln!(\"error occurred in cc-rs: failed to find tool \\\"cc\\\": \
         No such file or directory\");\n    std::process::exit(1);\n}\n",
    );
    let out = fixture.run(&["verify", "--format", "json"]);
    assert_environment_error(&fixture, &out, "failed to find tool");
    let message = exercise(&json(&out), "ex")["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(message.contains("build-essential"), "{message}");

    let out = fixture.run(&["run", "ex"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("failed to find tool"),
        "the build script's error is shown: {}",
        stderr(&out)
    );
}

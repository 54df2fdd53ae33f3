//! Frames of watch mode's screen at three sizes, for each kind of check a learner meets:
//! checked for what must always show (header, verdict and failure message, keys) and kept as
//! snapshots.

use super::{Frame, bar, file_url, list_screen, main_screen};
use crate::manifest::Manifest;
use crate::progress::State;
use crate::runner::{CheckResult, Outcome};
use crate::text::width;
use crate::ui::Theme;
use crate::ui::model::{Model, Screen};

/// Whether every row fits in `columns` (display width).
fn fits(rows: &[String], columns: usize) -> bool {
    rows.iter().all(|row| width(row) <= columns)
}

const SIZES: [(usize, usize); 3] = [(40, 30), (80, 24), (160, 50)];

fn model(done: &[&str]) -> Model {
    let manifest = Manifest::parse(
        r#"
format_version = 1
title = "backlings"
welcome = "Welcome!"
farewell = "Goodbye, and well done."
[[stages]]
id = "http"
title = "HTTP"
[[stages.exercises]]
name = "request1"
hints = ["Look at the first line.", "split_once"]
[[stages]]
id = "sql"
title = "SQL"
summary = "Query a real database."
[[stages.exercises]]
name = "select1"
mode = "run"
hints = ["SELECT"]
"#,
    )
    .expect("valid");
    let state = State {
        done: done.iter().map(|s| (*s).to_owned()).collect(),
        welcomed: true,
        ..State::default()
    };
    Model::new(manifest, state)
}

fn frame(model: &Model) -> Frame<'_> {
    Frame {
        model,
        exercise_rel: format!("exercises/x/{}.rs", model.current_name()),
        todo_line: Some(12),
        exercise_abs: "/course/x.rs".into(),
        solution_rel: format!("solutions/x/{}.rs", model.current_name()),
        theme: Theme::new(false),
        command: "cargo run --",
    }
}

fn result(name: &str, outcome: Outcome, output: &str) -> CheckResult {
    CheckResult {
        name: name.into(),
        outcome,
        output: output.into(),
        seconds: Some(0.1),
    }
}

fn checked(m: &mut Model, result: CheckResult, done: &[&str]) {
    let state = State {
        done: done.iter().map(|s| (*s).to_owned()).collect(),
        welcomed: true,
        ..State::default()
    };
    m.finish_checks(vec![result], state);
}

/// Renders at every size, checks what must hold, and snapshots each frame.
fn frames(name: &str, m: &Model, must_show: &[&str]) {
    for (columns, rows) in SIZES {
        let lines = main_screen(&frame(m), columns, rows);
        let text = lines.join("\n");
        // Wrapping breaks text at spaces: look for what must show in the rows joined by one.
        let joined = lines.join(" ");
        assert_eq!(
            lines.len(),
            rows,
            "{name} {columns}x{rows}: one line per row\n{text}"
        );
        assert!(
            fits(&lines, columns),
            "{name} {columns}x{rows}: a row is too wide\n{text}"
        );
        assert!(
            lines[0].starts_with("backlings · Stage"),
            "{name} {columns}x{rows}: the header is the first row\n{text}"
        );
        assert!(
            lines.last().is_some_and(|l| l.contains("q quit")),
            "{name} {columns}x{rows}: the keys are the last row\n{text}"
        );
        for wanted in must_show {
            assert!(
                joined.contains(wanted),
                "{name} {columns}x{rows}: {wanted:?} is not on screen\n{text}"
            );
        }
        insta::assert_snapshot!(format!("{name}_{columns}x{rows}"), text);
    }
}

fn warnings(count: usize) -> String {
    (0..count)
        .map(|i| {
            format!(
                "warning: unused variable: `x{i}`\n --> ex.rs:{i}:9\n  |\n{i} |     let x{i} = 1;\n  |         ^^ help: prefix it with an underscore\n\n"
            )
        })
        .collect()
}

#[test]
fn a_compile_error_with_many_warnings_shows_the_error_first() {
    let mut m = model(&[]);
    let output = format!(
        "{}error[E0308]: mismatched types\n --> ex.rs:5:5\n  |\n5 |     \"a\"\n  |     ^^^ expected `u32`, found `&str`\n\n{}",
        warnings(6),
        warnings(6)
    );
    checked(
        &mut m,
        result("request1", Outcome::CompileError, &output),
        &[],
    );
    frames(
        "compile_error",
        &m,
        &[
            "does not compile",
            "error[E0308]: mismatched types",
            "12 warnings; press w",
        ],
    );
}

const FAILING_TEST: &str = "running 2 tests\ntest tests::a ... ok\ntest tests::b ... FAILED\n\n\
failures:\n\n---- tests::b stdout ----\n\nthread 'tests::b' panicked at ex.rs:9:5:\n\
assertion `left == right` failed: a 404 carries Content-Length: 0 so the client knows the body ended\n  left: 3\n right: 0\n\
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    tests::b\n\n\
test result: FAILED. 1 passed; 1 failed; 0 ignored\n";

#[test]
fn a_failing_test_shows_its_message_with_the_verdict() {
    let mut m = model(&[]);
    let output = format!("{}{FAILING_TEST}", warnings(4));
    checked(
        &mut m,
        result(
            "request1",
            Outcome::Failed("these tests failed: tests::b".into()),
            &output,
        ),
        &[],
    );
    m.reveal_hint();
    frames(
        "failing_test",
        &m,
        &["these tests failed: tests::b", "left: 3", "Hint 1/2"],
    );
}

#[test]
fn a_long_mismatch_is_a_short_comparison() {
    let mut m = model(&["request1"]);
    m.move_to(1);
    let printed: String = (0..200).map(|i| format!("row {i}\n")).collect();
    checked(
        &mut m,
        result(
            "select1",
            Outcome::Failed(
                "the output differs from the expected output at line 3 of 3:\n  expected: \"3 rows\"\n  actual:   \"row 2\""
                    .into(),
            ),
            &printed,
        ),
        &["request1"],
    );
    frames(
        "long_mismatch",
        &m,
        &["at line 3 of 3", "expected: \"3 rows\""],
    );
}

#[test]
fn one_enormous_line_is_wrapped_within_the_budget() {
    let mut m = model(&[]);
    let output = format!("{}\n", "x".repeat(20_000));
    checked(
        &mut m,
        result(
            "request1",
            Outcome::Failed("these tests failed: tests::a".into()),
            &output,
        ),
        &[],
    );
    frames("enormous_line", &m, &["these tests failed", "more lines"]);
    let text = main_screen(&frame(&m), 80, 24).join("\n");
    assert!(
        text.contains("more lines (`cargo run -- run request1`)"),
        "{text}"
    );
}

#[test]
fn control_sequences_in_output_are_inert() {
    let mut m = model(&[]);
    let output = "\u{1b}[2J\u{1b}[Hwiped\u{1b}]0;pwned\u{7}\u{1b}[?1049h\u{1b}[31mred\u{1b}[0m\n";
    checked(
        &mut m,
        result(
            "request1",
            Outcome::Failed("these tests failed: tests::a".into()),
            output,
        ),
        &[],
    );
    for (columns, rows) in SIZES {
        let text = main_screen(&frame(&m), columns, rows).join("\n");
        assert!(
            !text.contains('\u{1b}'),
            "no escape reaches the terminal:\n{text}"
        );
        assert!(text.contains("^[[2J^[[Hwiped^[]0;pwned^G"), "{text}");
    }
    frames("control_sequences", &m, &["wiped"]);
}

#[test]
fn a_pass_then_stage_complete_then_all_done() {
    let mut m = model(&[]);
    m.reveal_hint();
    checked(
        &mut m,
        result("request1", Outcome::Passed, ""),
        &["request1"],
    );
    frames(
        "stage_complete",
        &m,
        &[
            "✓ passed request1",
            "Stage complete: HTTP!",
            "Next: SQL: Query a real database.",
        ],
    );
    let text = main_screen(&frame(&m), 80, 24).join("\n");
    assert!(
        !text.contains("Hint 1/2"),
        "hints go once the exercise passes:\n{text}"
    );

    m.move_to(1);
    let text = main_screen(&frame(&m), 80, 24).join("\n");
    assert!(
        !text.contains("Stage complete"),
        "the news is not current any more:\n{text}"
    );
    checked(
        &mut m,
        result("select1", Outcome::Passed, "3 rows\n"),
        &["request1", "select1"],
    );
    frames(
        "all_done",
        &m,
        &["✓ passed select1", "3 rows", "Goodbye, and well done."],
    );
}

#[test]
fn the_list_filters_and_shows_stages() {
    let m = model(&["request1"]);
    for (columns, rows) in SIZES {
        let lines = list_screen(&m, 1, Some("sql"), &Theme::new(false), columns, rows);
        assert!(fits(&lines, columns));
        let text = lines.join("\n");
        assert!(
            text.contains("/sql") && text.contains("select1") && !text.contains("request1"),
            "{text}"
        );
        insta::assert_snapshot!(format!("list_filter_{columns}x{rows}"), text);
    }
    let _ = Screen::Main;
}

#[test]
fn bars_fit_and_links_are_valid_urls() {
    assert_eq!(bar(2, 4, 20), "[=======>      ] 2/4");
    assert!(width(&bar(93, 93, 40)) <= 40);
    assert_eq!(
        file_url("/home/me/my course/ünï.rs"),
        "file:///home/me/my%20course/%C3%BCn%C3%AF.rs"
    );
}

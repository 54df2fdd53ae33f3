//! The exercise anatomy: support code shared by a stage's exercises and solutions, the first
//! TODO one keystroke away, hidden mutants planted in a copy, and dev check's measures of
//! what a learner meets.

mod common;

use common::{Fixture, assert_contains, assert_exit, stderr, stdout};

const RULES: &str = "//! The rule the tests check (support code).\n#![allow(dead_code)]\n\n\
                     pub fn is_adult(age: u32) -> bool {\n    age >= 18\n}\n";

/// A learner writes the tests; the code under test is support code.
const ADULT: &str = r#"// adult1: test the boundary
//
// `is_adult` lives in support code. Write tests that would catch a bug at 18.

#[path = "support/rules.rs"]
mod rules;

fn main() {}

#[cfg(test)]
mod tests {
    use super::rules::is_adult;

    #[test]
    fn eighteen_is_the_boundary() {
        // TODO: assert what happens at 17 and at 18.
        assert!(is_adult(30), "30 is an adult");
    }
}
"#;

fn adult_solution() -> String {
    ADULT.replace(
        "        // TODO: assert what happens at 17 and at 18.\n        assert!(is_adult(30), \"30 is an adult\");",
        "        assert!(is_adult(18), \"18 is an adult\");\n        assert!(!is_adult(17), \"17 is not\");",
    )
}

/// A second exercise of the stage that uses the same support file.
const COUNT: &str = r#"// count1: use the support code
//
// TODO-free opening. Make `voters` count the adults.

#[path = "support/rules.rs"]
mod rules;

fn voters(ages: &[u32]) -> usize {
    // TODO: count the adults with `rules::is_adult`.
    ages.len()
}

fn main() {}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_adults() {
        assert_eq!(super::voters(&[17, 18, 40]), 2, "17 cannot vote; 18 and 40 can");
    }
}
"#;

fn count_solution() -> String {
    COUNT.replace(
        "    // TODO: count the adults with `rules::is_adult`.\n    ages.len()",
        "    ages.iter().filter(|a| rules::is_adult(**a)).count()",
    )
}

const INFO: &str = r#"format_version = 2
title = "t"
[[stages]]
id = "one"
title = "One"
dir = "01_one"
[[stages.exercises]]
name = "adult1"
hints = ["h"]
mutants = [{ name = "off_by_one", find = "age >= 18", replace = "age > 18", file = "support/rules.rs" }]
[[stages.exercises]]
name = "count1"
hints = ["h"]
"#;

fn course() -> Fixture {
    let adult = adult_solution();
    let count = count_solution();
    Fixture::from_files(&[
        ("info.toml", INFO),
        ("exercises/01_one/support/rules.rs", RULES),
        ("exercises/01_one/adult1.rs", ADULT),
        ("solutions/01_one/adult1.rs", &adult),
        ("exercises/01_one/count1.rs", COUNT),
        ("solutions/01_one/count1.rs", &count),
    ])
}

#[test]
fn support_code_is_shared_by_exercises_and_solutions_and_the_course_is_sound() {
    let fixture = course();
    assert!(
        std::fs::symlink_metadata(fixture.path("solutions/01_one/support"))
            .expect("dev sync links the solutions' support dir")
            .is_symlink()
    );
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 0);
    assert!(
        !stderr(&out).contains("not listed"),
        "support files are not unlisted: {}",
        stderr(&out)
    );
    fixture.write("exercises/01_one/count1.rs", &count_solution());
    let out = fixture.run(&["run", "count1"]);
    assert_exit(&out, 0);
}

#[test]
fn a_hidden_mutant_is_caught_or_survives_and_the_learners_file_is_untouched() {
    let fixture = course();
    // As shipped, the weak test lets the planted bug pass.
    let out = fixture.run(&["run", "adult1"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "`off_by_one`");
    assert_eq!(fixture.read("exercises/01_one/support/rules.rs"), RULES);
    assert_eq!(fixture.read("exercises/01_one/adult1.rs"), ADULT);

    fixture.write("exercises/01_one/adult1.rs", &adult_solution());
    let out = fixture.run(&["run", "adult1"]);
    assert_exit(&out, 0);
    assert_contains(&stdout(&out), "Your tests caught the planted bug.");
    assert_eq!(
        fixture.read("exercises/01_one/support/rules.rs"),
        RULES,
        "mutants are planted in a copy"
    );
}

#[test]
fn an_edited_support_file_is_named_and_reset_restores_it() {
    let fixture = course();
    fixture.write("exercises/01_one/adult1.rs", &adult_solution());
    fixture.write(
        "exercises/01_one/support/rules.rs",
        &RULES.replace("age >= 18", "18 <= age"),
    );
    let out = fixture.run(&["run", "adult1"]);
    assert_exit(&out, 1);
    let said = stdout(&out);
    assert!(
        said.contains("cannot be planted") && said.contains("exercises/01_one/support/rules.rs"),
        "{said}"
    );
    assert!(
        said.contains("backlings reset exercises/01_one/support/rules.rs"),
        "{said}"
    );
    let out = fixture.run(&["reset", "exercises/01_one/support/rules.rs"]);
    assert_exit(&out, 0);
    assert_eq!(fixture.read("exercises/01_one/support/rules.rs"), RULES);
    assert_eq!(
        fixture.read("exercises/01_one/adult1.rs"),
        adult_solution(),
        "the learner's tests are kept"
    );
    assert_eq!(fixture.run(&["run", "adult1"]).status.code(), Some(0));
}

#[test]
fn run_names_the_first_todo_line() {
    let fixture = course();
    let out = fixture.run(&["run", "count1"]);
    assert_exit(&out, 1);
    assert_contains(&stdout(&out), "exercises/01_one/count1.rs:9.");
}

#[test]
fn dev_check_measures_what_a_learner_meets_and_strict_fails_on_it() {
    let fixture = course();
    // Too long, a late first TODO, three TODO spots, an assertion without a message, and a
    // solution three places away from its exercise.
    let padding = "// filler\n".repeat(240);
    let long = COUNT
        .replace(
            "fn voters(",
            &format!(
                "{padding}// TODO: one\nfn one() -> u8 {{ 1 }}\nfn keep1() {{}}\n// TODO: two\n\
                 fn two() -> u8 {{ 2 }}\nfn keep2() {{}}\nfn voters("
            ),
        )
        .replace(", \"17 cannot vote; 18 and 40 can\"", "");
    fixture.write("exercises/01_one/count1.rs", &long);
    let solution = long
        .replace(
            "    // TODO: count the adults with `rules::is_adult`.\n    ages.len()",
            "    ages.iter().filter(|a| rules::is_adult(**a)).count()",
        )
        .replace("{ 1 }", "{ 10 }")
        .replace("{ 2 }", "{ 20 }");
    fixture.write("solutions/01_one/count1.rs", &solution);
    let lines = long.lines().count();
    let first_todo = long
        .lines()
        .position(|l| l == "// TODO: one")
        .expect("the TODO")
        + 1;
    let out = fixture.run(&["dev", "check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail: {err}");
    for expected in [
        format!("warning: exercises/01_one/count1.rs:201: {lines} lines (at most 200)"),
        format!(
            "count1.rs:{first_todo}: the first `// TODO` is at line {first_todo} (by line 60 \
             wanted)"
        ),
        "3 TODO spots (at most 2)".to_owned(),
        "1 of 1 assertions carry no message".to_owned(),
        "stage `one`: 50% of its tests' assertions carry a message".to_owned(),
        "solutions/01_one/count1.rs: the solution differs from the exercise in 3 places".to_owned(),
        // Two files: the median is the upper one, so one long file is enough to exceed it.
        format!("stage `one`: its learner files' median length is {lines} lines (at most 80"),
        format!("stage `one`: the median line of its first `// TODO`s is {first_todo} (by line 30"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in:\n{err}");
    }
    let out = fixture.run(&["dev", "check", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "--strict fails on warnings");
}

#[test]
fn dev_check_reports_a_mutant_that_cannot_be_planted() {
    let fixture = course();
    let info = INFO.replace("find = \"age >= 18\"", "find = \"age >= 21\"");
    fixture.write("info.toml", &info);
    let out = fixture.run(&["dev", "check"]);
    assert_exit(&out, 1);
    assert_contains(
        &stderr(&out),
        "exercises/01_one/support/rules.rs: the mutant `off_by_one` of `adult1` cannot be planted",
    );
}

#[test]
fn dev_check_stage_builds_and_measures_only_the_named_stages() {
    let fixture = course();
    let info = format!(
        "{INFO}[[stages]]\nid = \"two\"\ntitle = \"Two\"\ndir = \"02_two\"\n\
         [[stages.exercises]]\nname = \"broken1\"\nmode = \"run\"\nhints = [\"h\"]\n"
    );
    fixture.write("info.toml", &info);
    let long = format!(
        "// broken1\n{}fn main() {{ todo!() }}\n",
        "// filler\n".repeat(90)
    );
    fixture.write("exercises/02_two/broken1.rs", &long);
    fixture.write("solutions/02_two/broken1.rs", "fn main() { nope }\n");
    let out = fixture.run(&["dev", "sync"]);
    assert_exit(&out, 0);

    let out = fixture.run(&["dev", "check", "--strict", "--stage", "one"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stage two is neither built nor measured: {}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("The stage one is sound: 2 exercises in 1 stage"),
        "the summary names the stage it checked: {}",
        stdout(&out)
    );

    let out = fixture.run(&["dev", "check", "--stage", "two"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("solutions/02_two/broken1.rs: the solution of `broken1` does not compile"),
        "the named stage is built: {err}"
    );
    assert!(
        err.contains("stage `two`: its learner files' median length"),
        "the named stage is measured: {err}"
    );
    assert!(!err.contains("01_one"), "stage one is left out: {err}");

    let out = fixture.run(&["dev", "check", "--stage", "three"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown stage is a usage error"
    );
    assert_contains(
        &stderr(&out),
        "no stage has the id `three`: use one of one, two",
    );
}

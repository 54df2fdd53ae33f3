//! `dev check`'s report, rendered as text: the problems and warnings (stderr), one summary
//! line (stdout), and whether the check passed. A pure function, tested as snapshots.

use std::fmt::Write as _;

use super::check::Problem;
use crate::ui::{Theme, count};

/// What a check covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    /// The stage ids named with `--stage`; empty for the whole course.
    pub named: Vec<String>,
    /// The ids of the stages checked, in course order.
    pub stages: Vec<String>,
    /// How many exercises those stages hold.
    pub exercises: usize,
}

/// The rendered report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One line per problem, then one per warning.
    pub stderr: String,
    /// The summary line.
    pub stdout: String,
    /// No problem, and (with `--strict`) no warning.
    pub passed: bool,
}

/// Renders what a check found.
pub fn render(found: Vec<Problem>, strict: bool, covered: &Covered, theme: &Theme) -> Report {
    let (warnings, problems): (Vec<_>, Vec<_>) = found.into_iter().partition(Problem::is_warning);
    let mut stderr = String::new();
    for problem in &problems {
        let _ = writeln!(stderr, "{}: {}", theme.bad(&problem.place), problem.message);
    }
    for warning in &warnings {
        let _ = writeln!(
            stderr,
            "{} {}: {}",
            theme.warn("warning:"),
            warning.place,
            warning.message
        );
    }
    let warned = match warnings.len() {
        0 => String::new(),
        n => format!(
            " {} about what a learner meets{}.",
            count(n, "warning", "warnings"),
            if strict {
                ""
            } else {
                " (dev check --strict fails on them)"
            }
        ),
    };
    let passed = problems.is_empty() && (warnings.is_empty() || !strict);
    let stdout = if passed {
        let what = match covered.stages.as_slice() {
            _ if covered.named.is_empty() => "The course is".to_owned(),
            [one] => format!("The stage {one} is"),
            many => format!("The stages {} are", many.join(", ")),
        };
        format!(
            "{what} sound: {} in {}; every exercise fails as shipped and every solution \
             passes.{warned}\n",
            count(covered.exercises, "exercise", "exercises"),
            count(covered.stages.len(), "stage", "stages")
        )
    } else {
        format!(
            "{} found.{warned}\n",
            count(problems.len(), "problem", "problems")
        )
    };
    Report {
        stderr,
        stdout,
        passed,
    }
}

#[cfg(test)]
mod tests {
    use super::{Covered, render};
    use crate::dev::check::{Kind, Problem};
    use crate::ui::Theme;

    fn found() -> Vec<Problem> {
        vec![
            Problem::warn(
                "exercises/01_one/long1.rs:201",
                "240 lines (at most 200): move scaffolding into the stage's support code, or \
                 split the exercise",
            ),
            Problem::at(
                "solutions/01_one/hello.rs",
                "the solution of `hello` does not compile",
            ),
            Problem::of(
                Kind::StaleWorkspace,
                "exercises/01_one/Cargo.toml",
                "the bin `extra` is not in info.toml: run `backlings dev sync`",
            ),
        ]
    }

    fn covered(named: &[&str]) -> Covered {
        Covered {
            named: named.iter().map(|s| (*s).to_owned()).collect(),
            stages: vec!["one".to_owned(), "two".to_owned()],
            exercises: 5,
        }
    }

    #[test]
    fn problems_come_first_then_warnings_then_the_count() {
        let report = render(found(), false, &covered(&[]), &Theme::new(false));
        assert!(!report.passed, "a problem fails the check");
        insta::assert_snapshot!(format!("{}---\n{}", report.stderr, report.stdout));
    }

    #[test]
    fn warnings_alone_pass_unless_strict() {
        let warnings: Vec<Problem> = found().into_iter().filter(Problem::is_warning).collect();
        let lenient = render(
            warnings.clone(),
            false,
            &covered(&["one", "two"]),
            &Theme::new(false),
        );
        assert!(lenient.passed, "warnings do not fail without --strict");
        let strict = render(
            warnings,
            true,
            &covered(&["one", "two"]),
            &Theme::new(false),
        );
        assert!(!strict.passed, "--strict fails on a warning");
        insta::assert_snapshot!(format!("{}---\n{}", lenient.stdout, strict.stdout));
    }
}

//! The part of a check's output a learner needs first: the compiler's errors before its
//! warnings, the failing tests' own messages before libtest's lists, and a run-mode program's
//! output. Pure functions of the output text (which may carry color sequences).

use crate::runner::Outcome;
use crate::text::strip_sgr;

/// What to show of a check's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The lines, most important first.
    pub lines: Vec<String>,
    /// How many compiler warnings there were.
    pub warnings: usize,
    /// Whether the warnings are among the lines (asked for, or nothing else to show).
    pub showing_warnings: bool,
}

/// A compiler diagnostic: its lines, and whether it is an error.
struct Diagnostic<'a> {
    lines: Vec<&'a str>,
    error: bool,
}

/// Splits cargo's rendered diagnostics (each starts with `error` or `warning` at the start of
/// a line) from the rest of the output.
fn diagnostics(output: &str) -> (Vec<Diagnostic<'_>>, Vec<&str>) {
    let mut found: Vec<Diagnostic<'_>> = Vec::new();
    let mut rest = Vec::new();
    let mut in_diagnostic = false;
    for line in output.lines() {
        let plain = strip_sgr(line);
        let starts_error = plain.starts_with("error");
        let starts_warning = plain.starts_with("warning");
        if starts_error || starts_warning {
            // Cargo's summaries ("warning: `x` generated 3 warnings", "error: could not
            // compile") are not diagnostics of their own.
            let summary = plain.contains("generated") && plain.contains("warning")
                || plain.starts_with("error: could not compile")
                || plain.starts_with("error: aborting");
            if summary {
                in_diagnostic = false;
                continue;
            }
            found.push(Diagnostic {
                lines: vec![line],
                error: starts_error,
            });
            in_diagnostic = true;
        } else if in_diagnostic
            && (plain.is_empty()
                || plain.starts_with(' ')
                || plain.starts_with('|')
                || plain.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            if let Some(last) = found.last_mut() {
                last.lines.push(line);
            }
        } else {
            in_diagnostic = false;
            rest.push(line);
        }
    }
    (found, rest)
}

/// The failing tests' sections of libtest's output (`---- tests::x stdout ----` and what
/// follows up to the next section or the summary).
fn failing_tests(lines: &[&str]) -> Vec<String> {
    let mut shown = Vec::new();
    let mut inside = false;
    for line in lines {
        let plain = strip_sgr(line);
        if plain.starts_with("---- ") && plain.ends_with(" ----") {
            inside = true;
            shown.push((*line).to_owned());
            continue;
        }
        if plain == "failures:" || plain.starts_with("test result:") {
            inside = false;
            continue;
        }
        if inside {
            shown.push((*line).to_owned());
        }
    }
    while shown.last().is_some_and(|l| l.trim().is_empty()) {
        shown.pop();
    }
    shown
}

/// What to show of `output` for a check that ended with `outcome`.
pub fn excerpt(output: &str, outcome: &Outcome, show_warnings: bool) -> Excerpt {
    let (found, rest) = diagnostics(output);
    let warnings = found.iter().filter(|d| !d.error).count();
    let errors: Vec<String> = found
        .iter()
        .filter(|d| d.error)
        .flat_map(|d| d.lines.iter().map(|l| (*l).to_owned()))
        .collect();
    let mut lines = errors;
    let tests = failing_tests(&rest);
    if lines.is_empty() {
        lines = tests;
    }
    if lines.is_empty() && !matches!(outcome, Outcome::CompileError) {
        // A program's own output (run mode), or whatever the tests printed: its end matters
        // most, but the order is kept.
        lines = rest
            .iter()
            .filter(|l| {
                let plain = strip_sgr(l);
                !(plain.starts_with("running ")
                    || plain.starts_with("test ")
                    || plain.starts_with("test result:")
                    || plain.starts_with("[backlings: not finished"))
            })
            .map(|l| (*l).to_owned())
            .collect();
    }
    let showing_warnings = show_warnings || (lines.is_empty() && warnings > 0);
    if showing_warnings {
        lines.extend(
            found
                .iter()
                .filter(|d| !d.error)
                .flat_map(|d| d.lines.iter().map(|l| (*l).to_owned())),
        );
    }
    Excerpt {
        lines,
        warnings,
        showing_warnings,
    }
}

/// The first panic's message in a test's output: the lines after `panicked at FILE:LINE:`
/// up to a blank line or libtest's `note:`. Assertion messages, `left`/`right` included.
pub fn panic_message(output: &str) -> Option<String> {
    let mut lines = output.lines();
    lines.find(|l| strip_sgr(l).contains("panicked at "))?;
    let message: Vec<String> = lines
        .take_while(|l| {
            let plain = strip_sgr(l);
            !plain.trim().is_empty()
                && !plain.starts_with("note:")
                && !plain.starts_with("stack backtrace")
        })
        .map(str::to_owned)
        .collect();
    (!message.is_empty()).then(|| message.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::{excerpt, panic_message};
    use crate::runner::Outcome;

    const COMPILE: &str = "warning: unused variable: `x`\n --> ex.rs:3:9\n  |\n3 |     let x = 1;\n  |         ^\n\n\
                           error[E0308]: mismatched types\n --> ex.rs:5:5\n  |\n5 |     \"a\"\n  |     ^^^ expected `u32`\n\n\
                           warning: unused import\n --> ex.rs:1:5\n\nwarning: `ex` (bin) generated 2 warnings\n\
                           error: could not compile `ex`\n";

    #[test]
    fn errors_come_first_and_warnings_fold_into_a_count() {
        let shown = excerpt(COMPILE, &Outcome::CompileError, false);
        assert_eq!(shown.warnings, 2);
        assert!(!shown.showing_warnings);
        assert_eq!(shown.lines[0], "error[E0308]: mismatched types");
        assert!(
            shown.lines.iter().all(|l| !l.contains("unused")),
            "{:?}",
            shown.lines
        );
        let all = excerpt(COMPILE, &Outcome::CompileError, true);
        assert!(all.lines.iter().any(|l| l.contains("unused variable")));
    }

    #[test]
    fn failing_tests_show_their_own_messages() {
        let output = "running 2 tests\ntest tests::a ... ok\ntest tests::b ... FAILED\n\nfailures:\n\n\
                      ---- tests::b stdout ----\n\nthread 'tests::b' panicked at ex.rs:9:5:\n\
                      assertion `left == right` failed: a 404 has an empty body\n  left: 3\n right: 0\n\
                      note: run with `RUST_BACKTRACE=1`\n\n\nfailures:\n    tests::b\n\n\
                      test result: FAILED. 1 passed; 1 failed\n";
        let shown = excerpt(output, &Outcome::Failed("x".into()), false);
        assert_eq!(shown.lines[0], "---- tests::b stdout ----");
        assert!(
            shown
                .lines
                .iter()
                .any(|l| l.contains("a 404 has an empty body"))
        );
        assert!(shown.lines.iter().all(|l| !l.starts_with("test result")));
        assert_eq!(
            panic_message(output).as_deref(),
            Some("assertion `left == right` failed: a 404 has an empty body\n  left: 3\n right: 0")
        );
    }
}

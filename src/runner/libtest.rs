//! Reading test names: those a source file declares, and those a libtest run reports.

/// The names of the test functions `source` declares (`#[test]`, `#[tokio::test]`, or any
/// attribute path ending in `::test`), in file order.
pub fn declared_tests(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut pending = false;
    for line in source.lines() {
        let line = line.trim();
        if line.starts_with("//") {
            continue;
        }
        if is_test_attribute(line) {
            pending = true;
        }
        if pending && let Some(name) = fn_name(line) {
            names.push(name.to_owned());
            pending = false;
        }
    }
    names
}

fn is_test_attribute(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("#[") else {
        return false;
    };
    let path: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect();
    path == "test" || path.ends_with("::test")
}

fn fn_name(line: &str) -> Option<&str> {
    let at = line.find("fn ")?;
    if at > 0 && !line[..at].ends_with(' ') {
        return None;
    }
    let rest = &line[at + 3..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The tests a libtest run reports as passed and as failed (full paths, `tests::name`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestRun {
    /// Tests reported `ok`.
    pub passed: Vec<String>,
    /// Tests reported `FAILED`.
    pub failed: Vec<String>,
}

/// Parses libtest's default output (`test tests::name ... ok`), colored or not.
pub fn parse_run(output: &str) -> TestRun {
    let mut run = TestRun::default();
    for line in output.lines() {
        let line = strip_ansi(line);
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, verdict)) = rest.split_once(" ... ") else {
            continue;
        };
        let name = name.trim().to_owned();
        match verdict.trim() {
            "ok" => run.passed.push(name),
            "FAILED" => run.failed.push(name),
            _ => {}
        }
    }
    run
}

/// The declared tests that are missing from `passed`, matched by function name.
pub fn missing<'a>(declared: &'a [String], passed: &[String]) -> Vec<&'a str> {
    declared
        .iter()
        .filter(|d| {
            !passed
                .iter()
                .any(|p| p == *d || p.rsplit("::").next() == Some(d.as_str()))
        })
        .map(String::as_str)
        .collect()
}

/// Removes ANSI escape sequences (libtest colors its verdicts on a terminal).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            match chars.next() {
                // CSI: parameters up to a final letter (colors, cursor moves).
                Some('[') => {
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() {
                            break;
                        }
                    }
                }
                // Character set selection (`ESC ( B`, terminfo's sgr0 emits it).
                Some('(' | ')') => {
                    chars.next();
                }
                _ => {}
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{declared_tests, missing, parse_run, strip_ansi};

    #[test]
    fn finds_test_functions_of_every_flavour() {
        let source = r#"
fn helper() {}
#[cfg(test)]
mod tests {
    #[test]
    fn plain() {}
    #[tokio::test(start_paused = true)]
    async fn paused() {}
    #[test]
    #[should_panic(expected = "boom")]
    fn panics() {}
    // #[test]
    fn not_a_test() {}
    #[test] fn same_line() {}
}
"#;
        assert_eq!(
            declared_tests(source),
            ["plain", "paused", "panics", "same_line"]
        );
    }

    #[test]
    fn parses_libtest_output_with_and_without_color() {
        let output = "running 3 tests\ntest tests::a ... ok\n\
                      test tests::b ... \u{1b}[31mFAILED\u{1b}[0m\ntest c ... ignored\n\
                      test result: FAILED. 1 passed; 1 failed\n";
        let run = parse_run(output);
        assert_eq!(run.passed, ["tests::a"]);
        assert_eq!(run.failed, ["tests::b"]);
    }

    #[test]
    fn missing_matches_by_function_name() {
        let declared = vec!["a".to_owned(), "b".to_owned()];
        let passed = vec!["tests::a".to_owned()];
        assert_eq!(missing(&declared, &passed), ["b"]);
    }

    #[test]
    fn strips_color_codes() {
        assert_eq!(strip_ansi("\u{1b}[1;32mok\u{1b}[0m"), "ok");
        assert_eq!(strip_ansi("... \u{1b}[32mok\u{1b}(B\u{1b}[m"), "... ok");
    }
}

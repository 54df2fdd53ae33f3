//! Reading test names and results: the tests a source file declares (found with a Rust
//! parser, `syn`), and the results libtest writes to its `--logfile`.
//!
//! The verdict never reads the test binary's stdout: libtest writes one line per finished
//! test to the file given with `--logfile PATH` (`ok NAME`, `failed NAME`,
//! `failed: MESSAGE NAME`, `ignored NAME`, `ignored: REASON NAME`; libtest's
//! `console::write_log_result`), whatever the terminal, the color settings, the capture
//! settings or the tests themselves print.

use proc_macro2::{TokenStream, TokenTree};
use syn::{Attribute, Item};

/// The full paths (`tests::name`, `tests::inner::name`) of the test functions `source`
/// declares: functions with `#[test]` or any attribute whose path ends in `test`
/// (`#[tokio::test]`), in inline modules at any depth, in file order. These are the names
/// libtest gives the tests when the file is a crate root (an exercise's bin).
///
/// # Errors
/// The file is not valid Rust syntax; the message carries the 1-based line and column.
pub fn declared_tests(source: &str) -> Result<Vec<String>, SyntaxError> {
    let file = syn::parse_file(source).map_err(|e| {
        let start = e.span().start();
        SyntaxError {
            line: start.line,
            column: start.column + 1,
            message: e.to_string(),
        }
    })?;
    let mut names = Vec::new();
    collect(&file.items, &mut Vec::new(), &mut names);
    Ok(names)
}

/// A source file that does not parse as Rust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What the parser expected.
    pub message: String,
}

fn collect(items: &[Item], path: &mut Vec<String>, names: &mut Vec<String>) {
    for item in items {
        match item {
            Item::Fn(function) if function.attrs.iter().any(is_test_attribute) => {
                let mut full = path.clone();
                full.push(function.sig.ident.to_string());
                names.push(full.join("::"));
            }
            // Test-generating macros (`proptest! { #[test] fn name(..) {..} }`) declare their
            // tests in the module where they are invoked.
            Item::Macro(invocation) => {
                for name in tests_in_tokens(invocation.mac.tokens.clone()) {
                    let mut full = path.clone();
                    full.push(name);
                    names.push(full.join("::"));
                }
            }
            Item::Mod(module) => {
                if let Some((_, content)) = &module.content {
                    path.push(module.ident.to_string());
                    collect(content, path, names);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// The names of `fn`s preceded by a `#[test]`-like attribute in a macro's tokens.
fn tests_in_tokens(tokens: TokenStream) -> Vec<String> {
    let mut names = Vec::new();
    let mut saw_test_attribute = false;
    let mut after_fn = false;
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Group(group)) = trees.peek() {
                    let path: Vec<String> = group
                        .stream()
                        .into_iter()
                        .take_while(|t| !matches!(t, TokenTree::Group(_)))
                        .filter_map(|t| match t {
                            TokenTree::Ident(ident) => Some(ident.to_string()),
                            _ => None,
                        })
                        .collect();
                    if path.last().is_some_and(|last| last == "test") {
                        saw_test_attribute = true;
                    }
                    trees.next();
                }
            }
            TokenTree::Ident(ident) if after_fn => {
                if saw_test_attribute {
                    names.push(ident.to_string());
                }
                saw_test_attribute = false;
                after_fn = false;
            }
            TokenTree::Ident(ident) if ident == "fn" => after_fn = true,
            TokenTree::Group(group) if !saw_test_attribute => {
                // Nested groups may hold more invocations' bodies.
                names.extend(tests_in_tokens(group.stream()));
            }
            _ => {}
        }
    }
    names
}

fn is_test_attribute(attribute: &Attribute) -> bool {
    attribute
        .path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "test")
}

/// The results libtest wrote to its log file, by full test path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestLog {
    /// Tests that passed (`ok NAME`).
    pub passed: Vec<String>,
    /// Tests that failed (`failed NAME`, `failed: MESSAGE NAME`, time limit exceeded).
    pub failed: Vec<String>,
    /// Tests that did not run (`ignored NAME`, `ignored: REASON NAME`).
    pub ignored: Vec<String>,
}

impl TestLog {
    /// Whether the log reports this test at all.
    pub fn reports(&self, name: &str) -> bool {
        [&self.passed, &self.failed, &self.ignored]
            .iter()
            .any(|list| list.iter().any(|n| n == name))
    }
}

/// Parses libtest's `--logfile` text. A test's name is the last space-separated word of its
/// line (test paths have no spaces; a failure message or ignore reason may).
pub fn parse_log(text: &str) -> TestLog {
    let mut log = TestLog::default();
    for line in text.lines() {
        let Some((verdict, name)) = line.trim_end().rsplit_once(' ') else {
            continue;
        };
        let name = name.to_owned();
        if verdict == "ok" {
            log.passed.push(name);
        } else if verdict.starts_with("failed") {
            log.failed.push(name);
        } else if verdict.starts_with("ignored") {
            log.ignored.push(name);
        }
    }
    log
}

/// The required tests that did not pass, each with why: not run at all, failed, or ignored.
pub fn unmet<'a>(required: &'a [String], log: &TestLog) -> Vec<(&'a str, Unmet)> {
    required
        .iter()
        .filter_map(|name| {
            let why = if log.passed.contains(name) {
                return None;
            } else if log.failed.contains(name) {
                Unmet::Failed
            } else if log.ignored.contains(name) {
                Unmet::Ignored
            } else {
                Unmet::Missing
            };
            Some((name.as_str(), why))
        })
        .collect()
}

/// Why a required test did not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmet {
    /// It ran and failed.
    Failed,
    /// It was skipped.
    Ignored,
    /// It never ran: deleted, renamed, or the test binary stopped before it.
    Missing,
}

#[cfg(test)]
mod tests {
    use super::{Unmet, declared_tests, parse_log, unmet};

    #[test]
    fn finds_test_functions_of_every_flavour_with_their_module_paths() {
        let source = r##"
fn helper() {}
#[test]
fn at_the_root() {}
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
    /* #[test] fn in_a_comment() {} */
    const TEXT: &str = "#[test] fn in_a_string() {}";
    #[test] fn same_line() {}
    #[test]
    #[ignore = "slow"]
    fn ignored() {}
    mod inner {
        #[test]
        fn plain() {}
    }
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn a_property(x in 0u32..10) { prop_assert!(x < 10); }
        fn not_a_test_in_a_macro() {}
    }
}
"##;
        assert_eq!(
            declared_tests(source).expect("parses"),
            [
                "at_the_root",
                "tests::plain",
                "tests::paused",
                "tests::panics",
                "tests::same_line",
                "tests::ignored",
                "tests::inner::plain",
                "tests::a_property"
            ]
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let error = declared_tests("fn main() {\n    let x = ;\n}\n").expect_err("bad syntax");
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn parses_every_form_libtest_logs() {
        let log = parse_log(
            "ok tests::a\nfailed tests::b\nignored tests::c\nignored: too slow for CI tests::d\n\
             failed: a message with spaces tests::e\nfailed (time limit exceeded) tests::f\n\
             ok tests::inner::a\n",
        );
        assert_eq!(log.passed, ["tests::a", "tests::inner::a"]);
        assert_eq!(log.failed, ["tests::b", "tests::e", "tests::f"]);
        assert_eq!(log.ignored, ["tests::c", "tests::d"]);
        assert!(log.reports("tests::f") && !log.reports("tests::g"));
    }

    #[test]
    fn unmet_tests_say_why() {
        let log = parse_log("ok tests::a\nfailed tests::b\nignored tests::c\nok inner::a\n");
        let required: Vec<String> = ["tests::a", "tests::b", "tests::c", "tests::d", "a"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            unmet(&required, &log),
            [
                ("tests::b", Unmet::Failed),
                ("tests::c", Unmet::Ignored),
                ("tests::d", Unmet::Missing),
                ("a", Unmet::Missing),
            ],
            "names match exactly, module path included"
        );
    }
}

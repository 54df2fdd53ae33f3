// ci1: a CI workflow that guards the main branch
//
// Continuous integration runs the same checks on every change, on a clean machine, before
// it is merged: nobody has to remember to run them, and "works on my machine" stops
// counting. A Rust service's CI checks, cheapest first, so a failure shows up fast:
//
// 1. formatting: `cargo fmt --all -- --check` fails (changing nothing) when a file is not
//    formatted;
// 2. lints: `cargo clippy --all-targets -- -D warnings` turns every warning into a failure
//    (a warning nobody must fix is soon one of hundreds that nobody reads);
// 3. tests: `cargo test`.
//
// It runs on every pull request (`on: pull_request`), so a change is checked before it is
// merged, and on pushes to main. The workflow below, for GitHub Actions, checks too little
// and too late. YAML is indented with spaces, never tabs. The tests read its lines.

#[cfg(test)]
#[path = "support/workflow.rs"]
mod workflow;

pub const WORKFLOW: &str = r#"
name: ci
on:
  push:
    branches: [main]
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
        with:
          components: rustfmt, clippy
      - run: cargo fmt --all -- --check
      - run: cargo clippy --all-targets --locked -- -D warnings
      - run: cargo test --locked
"#;

fn main() {
    print!("{WORKFLOW}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use workflow::{keys_under, steps, tab_indented};

    #[test]
    fn it_runs_on_pull_requests_and_pushes() {
        assert_eq!(
            tab_indented(WORKFLOW),
            None,
            "YAML indentation is spaces only: a tab on this line makes the workflow invalid"
        );
        let triggers = keys_under(WORKFLOW, "on");
        assert!(
            triggers.iter().any(|t| t == "push"),
            "the workflow runs on `push` (to main); its triggers are {triggers:?}"
        );
        assert!(
            triggers.iter().any(|t| t == "pull_request"),
            "the workflow runs on `pull_request`, so a change is checked before it is merged; its triggers are {triggers:?}"
        );
    }

    #[test]
    fn a_job_runs_on_a_runner() {
        let jobs = keys_under(WORKFLOW, "jobs");
        assert!(
            !jobs.is_empty(),
            "the workflow has at least one job under `jobs:`"
        );
        assert!(
            WORKFLOW.lines().any(|l| l.trim().starts_with("runs-on:")),
            "each job says which machine runs it: `runs-on: ubuntu-latest`"
        );
    }

    #[test]
    fn the_steps_check_out_then_format_then_lint_then_test() {
        let steps = steps(WORKFLOW);
        let uses = steps
            .first()
            .and_then(|s| s.uses.clone())
            .unwrap_or_default();
        assert!(
            uses.starts_with("actions/checkout@"),
            "the first step checks the code out (`uses: actions/checkout@v4`); got {uses:?}"
        );
        let runs: Vec<String> = steps.iter().filter_map(|s| s.run.clone()).collect();
        let position = |what: &str, ok: &dyn Fn(&str) -> bool| {
            runs.iter()
                .position(|r| ok(r))
                .unwrap_or_else(|| panic!("no step runs {what}; the run steps are {runs:?}"))
        };
        let fmt = position("`cargo fmt --all -- --check`", &|r| {
            r.contains("cargo fmt") && r.contains("--check")
        });
        let clippy = position("`cargo clippy --all-targets -- -D warnings`", &|r| {
            r.contains("cargo clippy") && r.contains("-D warnings")
        });
        let test = position("`cargo test`", &|r| r.contains("cargo test"));
        assert!(
            fmt < clippy && clippy < test,
            "cheapest first, so a failure shows up fast: fmt, then clippy, then test; the run steps are {runs:?}"
        );
    }
}

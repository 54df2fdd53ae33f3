// ci1: a CI workflow that guards the main branch
//
// Continuous integration runs the same checks on every change, on a clean machine, before it
// is merged. A Rust service's CI checks, cheapest first so a failure shows up fast: formatting
// (`cargo fmt --all -- --check`), lints (`cargo clippy --all-targets -- -D warnings`: a
// warning nobody must fix is soon one of hundreds nobody reads), then tests (`cargo test`),
// on every pull request (`on: pull_request`) and push to main. (YAML: spaces, never tabs.)
//
// The GitHub Actions workflow below checks too little, too late.

#[cfg(test)]
#[path = "support/workflow.rs"]
mod workflow;

// TODO: run on pull requests too, and check formatting and lints before the tests.
pub const WORKFLOW: &str = r#"
name: ci
on:
  push:
    branches: [main]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - run: cargo build
      - run: cargo test
"#;

fn main() {
    print!("{WORKFLOW}");
}

// The tests below check your work. You don't need to change them. They read the text.
#[cfg(test)]
mod tests {
    use super::*;
    use workflow::{keys_under, run_step, steps, tab_indented};

    #[test]
    fn it_runs_on_pull_requests_and_pushes() {
        let why = "YAML indentation is spaces only: a tab on this line makes the workflow invalid";
        assert_eq!(tab_indented(WORKFLOW), None, "{why}");
        let triggers = keys_under(WORKFLOW, "on");
        let ok = ["push", "pull_request"]
            .iter()
            .all(|e| triggers.contains(&e.to_string()));
        let why = "the workflow runs on `push` (to main) and on `pull_request`, so a change is \
                   checked before it is merged";
        assert!(ok, "{why}; its triggers are {triggers:?}");
    }

    #[test]
    fn a_job_checks_the_code_out_on_a_runner() {
        let first = steps(WORKFLOW).first().and_then(|s| s.uses.clone());
        let ok = first.is_some_and(|u| u.starts_with("actions/checkout@"));
        let why = "a job runs on a runner (`runs-on: ubuntu-latest`), and its first step checks \
                   the code out: `uses: actions/checkout@v4`";
        assert!(ok && WORKFLOW.contains("runs-on: "), "{why}");
    }

    #[test]
    fn the_steps_format_then_lint_then_test() {
        let fmt = run_step(WORKFLOW, &["cargo fmt", "--check"]);
        let clippy = run_step(WORKFLOW, &["cargo clippy", "-D warnings"]);
        let test = run_step(WORKFLOW, &["cargo test"]);
        let ok = fmt.is_some() && fmt < clippy && clippy < test;
        let why = "`cargo fmt --all -- --check`, then `cargo clippy --all-targets -- -D warnings`, \
                   then `cargo test`: cheapest first, so a failure shows up fast";
        assert!(
            ok,
            "{why}; the run steps are {:?}",
            workflow::runs(WORKFLOW)
        );
    }
}

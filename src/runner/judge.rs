//! Running one built exercise and judging it: a test harness by the results libtest writes
//! to its `--logfile` and its exit status, a program by its exit status and output. Nothing
//! the learner's program prints, and no terminal or libtest setting in the learner's shell,
//! can change a verdict.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::cargo::{Artifact, BuildReport};
use super::libtest::{self, TestLog, Unmet};
use super::process::{Ending, RunOutput, run_bounded};
use super::{
    CheckRequest, CheckResult, MUTANT_VAR, Outcome, environment, exact, mutants, target_name,
};
use crate::manifest::{Exercise, Mutant};

/// Builds, runs and judges one exercise whose build is in `report`.
pub(super) fn judge(
    request: &CheckRequest<'_>,
    report: &BuildReport,
    exercise: &Exercise,
    test_threads: Option<usize>,
) -> CheckResult {
    let target = target_name(request.source, exercise);
    let is_test = exercise.mode.runs_tests();
    let diagnostics = report.diagnostics.get(&target).cloned().unwrap_or_default();
    let result = |outcome: Outcome, output: String, seconds: Option<f64>| CheckResult {
        name: exercise.name.clone(),
        outcome,
        output,
        seconds,
    };
    if let Some(program) = exercise
        .requires
        .iter()
        .find(|p| environment::find_program(p).is_none())
    {
        let message = format!(
            "this exercise runs `{program}`, which is not on PATH: install it (for example \
             `sudo apt install {program}` or `brew install {program}`), then check again"
        );
        return result(Outcome::EnvironmentError(message), diagnostics, None);
    }
    if environment::linker_missing(&diagnostics) {
        let message = format!(
            "`{target}` compiled, but no linker could be run.\n{}",
            environment::C_COMPILER_ADVICE
        );
        return result(Outcome::EnvironmentError(message), diagnostics, None);
    }
    let built = report.executables.get(&Artifact {
        target: target.clone(),
        test_harness: is_test,
    });
    let Some(executable) = built.filter(|_| !report.errors.contains(&target)) else {
        if report.errors.contains(&target) {
            return result(Outcome::CompileError, diagnostics, None);
        }
        let message = environment::unbuilt(report, &target);
        return result(Outcome::EnvironmentError(message), diagnostics, None);
    };
    let timeout = Duration::from_secs(exercise.timeout_secs);
    let logs = request.course.target_dir().join("backlings").join("logs");
    let run = |executable: &Path, mutant: Option<&str>| -> Result<(RunOutput, TestLog), String> {
        let mut command = learner_command(executable, &request.course.root, request.backtrace);
        // A fresh log file per run, so no run can read another's results.
        let log_file = if is_test {
            std::fs::create_dir_all(&logs)
                .and_then(|()| {
                    tempfile::Builder::new()
                        .prefix(&format!("{target}-"))
                        .suffix(".log")
                        .tempfile_in(&logs)
                })
                .map(Some)
                .map_err(|e| {
                    format!(
                        "could not create a file in {}: {e}; {}",
                        logs.display(),
                        environment::unwritable_advice("Permission denied").unwrap_or_default()
                    )
                })?
        } else {
            None
        };
        if let Some(log) = &log_file {
            command
                .arg("--include-ignored")
                .arg("--logfile")
                .arg(log.path())
                .arg("--color")
                .arg(if request.color { "always" } else { "never" });
            if let Some(threads) = test_threads {
                command.arg(format!("--test-threads={threads}"));
            }
        }
        match mutant {
            Some(name) => command.env(MUTANT_VAR, name),
            None => command.env_remove(MUTANT_VAR),
        };
        let mut out = run_bounded(command, timeout, &request.cancel)
            .map_err(|e| format!("could not start {}: {e}", executable.display()))?;
        let Some(log_file) = log_file else {
            return Ok((out, TestLog::default()));
        };
        let log = if exact::wrote_log(log_file.path()) || !matches!(out.ending, Ending::Exited(_)) {
            std::fs::read_to_string(log_file.path())
                .map(|text| libtest::parse_log(&text))
                .unwrap_or_default()
        } else {
            // No log (a libtest without --logfile, or a run that never got to its tests):
            // each test alone, judged by its exit status.
            let base = || {
                let mut command =
                    learner_command(executable, &request.course.root, request.backtrace);
                match mutant {
                    Some(name) => command.env(MUTANT_VAR, name),
                    None => command.env_remove(MUTANT_VAR),
                };
                command
            };
            let names = exact::list(base, timeout, &request.cancel);
            let jobs = test_threads
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
            exact::run_each(base, &names, jobs, timeout, &request.cancel)
        };
        out.combined = strip_deprecation(&out.combined);
        Ok((out, log))
    };
    let required = request.required_tests.get(&exercise.name);
    let (out, log) = match run(executable, None) {
        Ok(ran) => ran,
        Err(message) => return result(Outcome::EnvironmentError(message), diagnostics, None),
    };
    let mut seconds = out.elapsed.as_secs_f64();
    let mut output = String::from_utf8_lossy(&out.combined).into_owned();
    let mut outcome = if is_test {
        judge_tests(&out, &log, required.map(Vec::as_slice))
    } else {
        judge_program(&out, exercise.expected_output.as_deref())
    };
    if outcome == Outcome::TimedOut && is_test {
        output.push_str(&still_running(&log, required.map(Vec::as_slice)));
    }
    if outcome.passed() {
        for mutant in &exercise.mutants {
            let Mutant::Env(name) = mutant else {
                // Patch mutants run from a patched copy: see `patched`.
                continue;
            };
            match run(executable, Some(name)) {
                Ok((m, log)) => {
                    seconds += m.elapsed.as_secs_f64();
                    if judge_tests(&m, &log, required.map(Vec::as_slice)).passed() {
                        outcome = Outcome::MutantSurvived(name.clone());
                        break;
                    }
                }
                Err(message) => {
                    outcome = Outcome::EnvironmentError(message);
                    break;
                }
            }
        }
    }
    if outcome.passed()
        && exercise
            .mutants
            .iter()
            .any(|m| matches!(m, Mutant::Patch { .. }))
    {
        match mutants::plant(request, exercise) {
            Err(message) => outcome = Outcome::Failed(message),
            Ok(planted) => {
                for mutant in planted {
                    match run(&mutant.executable, None) {
                        Ok((m, log)) => {
                            seconds += m.elapsed.as_secs_f64();
                            if judge_tests(&m, &log, required.map(Vec::as_slice)).passed() {
                                outcome = Outcome::MutantSurvived(mutant.name);
                                break;
                            }
                        }
                        Err(message) => {
                            outcome = Outcome::EnvironmentError(message);
                            break;
                        }
                    }
                }
            }
        }
    }
    if !diagnostics.is_empty() {
        output = format!("{diagnostics}{output}");
    }
    result(outcome, output, Some(seconds))
}

/// libtest's own warning about the flag the runner passes is not the learner's business. It
/// comes on stderr without a newline of its own, so it may be glued to the next line.
fn strip_deprecation(output: &[u8]) -> Vec<u8> {
    const WARNING: &[u8] = b"warning: `--logfile` is deprecated";
    let Some(at) = output.windows(WARNING.len()).position(|w| w == WARNING) else {
        return output.to_vec();
    };
    let mut end = at + WARNING.len();
    if output.get(end) == Some(&b'\n') {
        end += 1;
    }
    [&output[..at], &output[end..]].concat()
}

/// The learner's program as the runner starts it: in the course root, with none of the
/// learner's libtest settings (`RUST_TEST_THREADS`, `RUST_TEST_NOCAPTURE`, ...: the runner
/// passes its own flags) and backtraces off unless the learner asked for them.
fn learner_command(executable: &Path, course_root: &Path, backtrace: bool) -> Command {
    let mut command = Command::new(executable);
    command.current_dir(course_root);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("RUST_TEST_") {
            command.env_remove(&name);
        }
    }
    command.env("RUST_BACKTRACE", if backtrace { "1" } else { "0" });
    command
}

/// The verdict on a test harness run: every required test ran and passed, at least one test
/// ran, and the harness exited with success.
fn judge_tests(out: &RunOutput, log: &TestLog, required: Option<&[String]>) -> Outcome {
    if matches!(out.ending, Ending::TimedOut | Ending::Cancelled) {
        return Outcome::TimedOut;
    }
    let unmet = required.map(|r| libtest::unmet(r, log)).unwrap_or_default();
    let failed: Vec<&str> = log.failed.iter().map(String::as_str).collect();
    if !failed.is_empty() {
        return Outcome::Failed(format!("these tests failed: {}", failed.join(", ")));
    }
    let missing: Vec<&str> = unmet
        .iter()
        .filter(|(_, why)| *why != Unmet::Failed)
        .map(|(name, _)| *name)
        .collect();
    if !out.success() {
        let after = log
            .passed
            .last()
            .map_or(String::new(), |last| format!(" after `{last}` passed"));
        return Outcome::Failed(format!(
            "the test program stopped with {}{after}, before every test had finished \
             (a crash, or `std::process::exit` in the code under test)",
            out.describe_ending()
        ));
    }
    if !missing.is_empty() {
        return Outcome::Failed(format!(
            "these tests from the exercise did not run: {}; put them back as they were (they \
             are how the exercise is checked)",
            missing.join(", ")
        ));
    }
    if log.passed.is_empty() {
        return Outcome::Failed("no test ran: an exercise needs its tests".to_owned());
    }
    Outcome::Passed
}

/// A line naming the required tests that had not finished when the time ran out.
fn still_running(log: &TestLog, required: Option<&[String]>) -> String {
    let pending: Vec<&str> = required
        .unwrap_or_default()
        .iter()
        .filter(|name| !log.reports(name))
        .map(String::as_str)
        .collect();
    if pending.is_empty() {
        return String::new();
    }
    format!(
        "\n[backlings: not finished when the time ran out: {}]\n",
        pending.join(", ")
    )
}

fn judge_program(out: &RunOutput, expected: Option<&str>) -> Outcome {
    match out.ending {
        Ending::TimedOut | Ending::Cancelled => return Outcome::TimedOut,
        Ending::Exited(_) if !out.success() => {
            return Outcome::Failed(format!("the program ended with {}", out.describe_ending()));
        }
        Ending::Exited(_) => {}
    }
    if let Some(expected) = expected {
        let actual = String::from_utf8_lossy(&out.stdout);
        let (actual, expected) = (normalize(&actual), normalize(expected));
        if actual != expected {
            return Outcome::Failed(first_difference(&expected, &actual));
        }
    }
    Outcome::Passed
}

/// The first line where the output differs from the expected one, both sides cut short:
/// enough to see what is wrong without the whole output (which is shown above it).
fn first_difference(expected: &str, actual: &str) -> String {
    let (want, got): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), actual.lines().collect());
    let at = want
        .iter()
        .zip(&got)
        .position(|(w, g)| w != g)
        .unwrap_or(want.len().min(got.len()));
    let show = |line: Option<&&str>| match line {
        Some(line) => format!("{:?}", crate::text::truncate(line, 60)),
        None => "(no line: the output ends before)".to_owned(),
    };
    format!(
        "the output differs from the expected output at line {} of {}:\n  expected: {}\n  actual:   {}",
        at + 1,
        want.len(),
        show(want.get(at)),
        show(got.get(at))
    )
}

/// Output with trailing whitespace removed from each line and from the end.
fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;
    use std::time::Duration;

    use super::{judge_tests, normalize};
    use crate::runner::Outcome;
    use crate::runner::libtest::parse_log;
    use crate::runner::process::{Ending, RunOutput};

    fn exited(code: i32) -> RunOutput {
        RunOutput {
            ending: Ending::Exited(ExitStatus::from_raw(code << 8)),
            stdout: b"test tests::b ... ok\n".to_vec(),
            combined: Vec::new(),
            elapsed: Duration::ZERO,
        }
    }

    fn required(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn libtests_deprecation_warning_is_not_shown_with_or_without_its_newline() {
        let glued = b"warning: `--logfile` is deprecatedtest tests::a ... ok\n";
        assert_eq!(super::strip_deprecation(glued), b"test tests::a ... ok\n");
        let alone = b"running 1 test\nwarning: `--logfile` is deprecated\nok\n";
        assert_eq!(super::strip_deprecation(alone), b"running 1 test\nok\n");
    }

    #[test]
    fn a_mismatch_names_the_first_differing_line() {
        let said = super::first_difference("a\nb\nc", "a\nB\nc");
        assert_eq!(
            said,
            "the output differs from the expected output at line 2 of 3:\n  expected: \"b\"\n  \
             actual:   \"B\""
        );
        let said = super::first_difference("a\nb", "a");
        assert!(
            said.contains("line 2 of 2") && said.contains("(no line"),
            "{said}"
        );
    }

    #[test]
    fn expected_output_ignores_trailing_whitespace() {
        assert_eq!(normalize("a  \r\nb\n\n"), normalize("a\nb"));
        assert_ne!(normalize(" a"), normalize("a"));
    }

    #[test]
    fn every_required_test_must_pass_by_its_full_name() {
        let all = required(&["tests::a", "tests::inner::a"]);
        let log = parse_log("ok tests::a\nok tests::inner::a\n");
        assert_eq!(judge_tests(&exited(0), &log, Some(&all)), Outcome::Passed);

        let renamed = parse_log("ok tests::a\nok tests::inner::a_renamed\n");
        let outcome = judge_tests(&exited(0), &renamed, Some(&all));
        assert!(
            matches!(&outcome, Outcome::Failed(m) if m.contains("tests::inner::a;")),
            "{outcome:?}"
        );
    }

    #[test]
    fn stdout_that_looks_like_a_result_counts_for_nothing() {
        // The program printed `test tests::b ... ok`, but libtest never logged tests::b.
        let outcome = judge_tests(
            &exited(0),
            &parse_log("ok tests::a\n"),
            Some(&required(&["tests::a", "tests::b"])),
        );
        assert!(matches!(&outcome, Outcome::Failed(m) if m.contains("tests::b")));
    }

    #[test]
    fn an_early_exit_with_success_does_not_pass() {
        let outcome = judge_tests(&exited(0), &parse_log(""), Some(&required(&["tests::a"])));
        assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
        let outcome = judge_tests(&exited(0), &parse_log(""), None);
        assert_eq!(
            outcome,
            Outcome::Failed("no test ran: an exercise needs its tests".to_owned())
        );
    }

    #[test]
    fn failures_are_named_and_a_crash_is_explained() {
        let outcome = judge_tests(
            &exited(101),
            &parse_log("ok tests::a\nfailed tests::b\n"),
            None,
        );
        assert_eq!(
            outcome,
            Outcome::Failed("these tests failed: tests::b".to_owned())
        );
        let outcome = judge_tests(&exited(3), &parse_log("ok tests::a\n"), None);
        assert!(
            matches!(&outcome, Outcome::Failed(m) if m.contains("exit code 3 after `tests::a`")),
            "{outcome:?}"
        );
    }
}

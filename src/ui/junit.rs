//! The JUnit XML report of `verify --format junit`, the format CI test dashboards read
//! (GitLab, Jenkins, Azure Pipelines, CircleCI): one `<testsuite>` per stage, one
//! `<testcase>` per exercise with its time in seconds, a `<failure>` for each that did not
//! pass (the verdict as its message, the capped output without control sequences as its
//! text), an `<error>` for each the environment kept from being checked, and `<skipped/>`
//! for each this run did not check. Shape: the JUnit schema as Ant and Maven Surefire write it.

use std::collections::HashMap;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::Theme;
use super::report::verdict;
use crate::manifest::Manifest;
use crate::runner::{CheckResult, Outcome};
use crate::text::{sanitize, strip_sgr};

/// How much of an exercise's output a `<failure>` carries.
const OUTPUT_CAP: usize = 16 * 1024;

/// The report for these results (exercises not among them are skipped).
pub fn document(manifest: &Manifest, results: &[CheckResult]) -> String {
    let by_name: HashMap<&str, &CheckResult> =
        results.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", manifest.title.as_str()));
    let _ = writer.write_event(Event::Start(suites));
    for stage in &manifest.stages {
        let exercises = &manifest.exercises[stage.exercises.clone()];
        let count = |f: &dyn Fn(Option<&&CheckResult>) -> bool| {
            exercises
                .iter()
                .filter(|e| f(by_name.get(e.name.as_str())))
                .count()
                .to_string()
        };
        let time: f64 = exercises
            .iter()
            .filter_map(|e| by_name.get(e.name.as_str()).and_then(|r| r.seconds))
            .sum();
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", stage.id.as_str()));
        suite.push_attribute(("tests", exercises.len().to_string().as_str()));
        suite.push_attribute((
            "failures",
            count(&|r| r.is_some_and(|r| is_failure(&r.outcome))).as_str(),
        ));
        suite.push_attribute((
            "errors",
            count(&|r| r.is_some_and(|r| r.outcome.environment_problem().is_some())).as_str(),
        ));
        suite.push_attribute(("skipped", count(&|r| r.is_none()).as_str()));
        suite.push_attribute(("time", format!("{time:.3}").as_str()));
        let _ = writer.write_event(Event::Start(suite));
        for exercise in exercises {
            let result = by_name.get(exercise.name.as_str());
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", exercise.name.as_str()));
            case.push_attribute(("classname", stage.id.as_str()));
            let seconds = result.and_then(|r| r.seconds).unwrap_or(0.0);
            case.push_attribute(("time", format!("{seconds:.3}").as_str()));
            let _ = writer.write_event(Event::Start(case));
            match result {
                None => {
                    let _ = writer.write_event(Event::Empty(BytesStart::new("skipped")));
                }
                Some(result) if !result.outcome.passed() => {
                    let tag = if result.outcome.environment_problem().is_some() {
                        "error"
                    } else {
                        "failure"
                    };
                    let message = strip_sgr(&verdict(result, &Theme::new(false)));
                    let mut element = BytesStart::new(tag);
                    element.push_attribute(("message", sanitize(&message, false).as_str()));
                    element.push_attribute(("type", result.outcome.as_str()));
                    let _ = writer.write_event(Event::Start(element));
                    let text = capped(&sanitize(&result.output, false));
                    let _ = writer.write_event(Event::Text(BytesText::new(&text)));
                    let _ = writer.write_event(Event::End(BytesEnd::new(tag)));
                }
                Some(_) => {}
            }
            let _ = writer.write_event(Event::End(BytesEnd::new("testcase")));
        }
        let _ = writer.write_event(Event::End(BytesEnd::new("testsuite")));
    }
    let _ = writer.write_event(Event::End(BytesEnd::new("testsuites")));
    let mut xml = String::from_utf8_lossy(&writer.into_inner()).into_owned();
    xml.push('\n');
    xml
}

fn is_failure(outcome: &Outcome) -> bool {
    !outcome.passed() && outcome.environment_problem().is_none()
}

/// The end of the output, which holds the failure, at most `OUTPUT_CAP` bytes.
fn capped(text: &str) -> String {
    if text.len() <= OUTPUT_CAP {
        return text.to_owned();
    }
    let mut start = text.len() - OUTPUT_CAP;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    format!("[… {start} bytes cut]\n{}", &text[start..])
}

#[cfg(test)]
mod tests {
    use super::document;
    use crate::fixtures::CourseText;
    use crate::runner::{CheckResult, Outcome};

    #[test]
    fn one_suite_per_stage_with_failures_errors_and_skips() {
        let manifest = CourseText::new("t")
            .stage("http", "H", &["a", "b"])
            .stage("sql", "S", &["c", "d"])
            .manifest();
        let result = |name: &str, outcome: Outcome, output: &str| CheckResult {
            name: name.to_owned(),
            outcome,
            output: output.to_owned(),
            seconds: Some(0.25),
        };
        let xml = document(
            &manifest,
            &[
                result("a", Outcome::Passed, ""),
                result(
                    "b",
                    Outcome::Failed("these tests failed: tests::x".into()),
                    "<boom> \u{1b}[2J",
                ),
                result("c", Outcome::EnvironmentError("no C compiler".into()), ""),
            ],
        );
        insta::assert_snapshot!(xml);
    }
}

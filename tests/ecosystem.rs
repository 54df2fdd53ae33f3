//! Fitting the learner's shell, CI and classroom: doctor, shell completions, JUnit reports and
//! the classroom guide's workflow.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Fixture, assert_contains, assert_exit, json, stdout};

/// A directory holding links to just these programs (a PATH that lacks the rest).
fn path_with(programs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for program in programs {
        let found = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {program}"))
            .output()
            .expect("sh");
        let target = String::from_utf8_lossy(&found.stdout).trim().to_owned();
        assert!(!target.is_empty(), "{program} is on this machine");
        std::os::unix::fs::symlink(&target, dir.path().join(program)).expect("link");
    }
    dir
}

fn doctor(fixture: &Fixture, path: &Path) -> std::process::Output {
    fixture
        .command(&["doctor", "--format", "json"])
        .env("PATH", path)
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("CC")
        .output()
        .expect("doctor")
}

fn status_of<'a>(doc: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    &doc["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {doc}"))["status"]
}

#[test]
fn doctor_says_what_is_missing_and_exits_1() {
    let fixture = Fixture::new();
    let cargo = Path::new(env!("CARGO")).parent().expect("toolchain bin");
    let nothing = tempfile::tempdir().expect("temp dir");
    let out = doctor(&fixture, nothing.path());
    assert_exit(&out, 1);
    let doc = json(&out);
    assert_eq!(doc["ready"], false);
    assert_eq!(status_of(&doc, "cargo"), "missing");
    assert_eq!(status_of(&doc, "C compiler"), "missing");

    // The toolchain, but no C compiler.
    let toolchain = path_with(&[]);
    for program in ["cargo", "rustc"] {
        std::os::unix::fs::symlink(cargo.join(program), toolchain.path().join(program))
            .expect("link");
    }
    let out = doctor(&fixture, toolchain.path());
    let doc = json(&out);
    assert_eq!(status_of(&doc, "cargo"), "ok", "{doc}");
    assert_eq!(status_of(&doc, "rustc"), "ok", "{doc}");
    assert_eq!(status_of(&doc, "C compiler"), "missing", "{doc}");
    assert_exit(&out, 1);

    let text = fixture
        .command(&["doctor"])
        .env("PATH", toolchain.path())
        .output()
        .expect("doctor");
    assert!(
        stdout(&text).contains("build-essential"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn doctor_lists_programs_exercises_require_and_an_unwritable_target() {
    let fixture = Fixture::new();
    let info = fixture
        .read("info.toml")
        .replace("format_version = 1", "format_version = 2")
        .replace(
            "name = \"broken\"\n",
            "name = \"broken\"\nrequires = [\"git\", \"no-such-program-here\"]\n",
        );
    fixture.write("info.toml", &info);
    fixture.write("blocked", "");
    let out = fixture
        .command(&["doctor", "--format", "json"])
        .env("CARGO_TARGET_DIR", fixture.path("blocked/target"))
        .output()
        .expect("doctor");
    assert_exit(&out, 1);
    let doc = json(&out);
    assert_eq!(status_of(&doc, "no-such-program-here"), "missing", "{doc}");
    assert_eq!(status_of(&doc, "target directory"), "missing", "{doc}");
    assert_eq!(status_of(&doc, "course directory"), "ok", "{doc}");
}

#[test]
fn doctor_is_ready_on_this_machine() {
    let fixture = Fixture::new();
    let out = fixture.run(&["doctor"]);
    assert_exit(&out, 0);
    assert_contains(&stdout(&out), "Ready");
}

#[test]
fn bash_completion_can_be_sourced() {
    let fixture = Fixture::new();
    let out = fixture.run(&["completions", "bash"]);
    assert_exit(&out, 0);
    let script = fixture.path("backlings.bash");
    std::fs::write(&script, &out.stdout).expect("write");
    let shell = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p backlings",
            script.display()
        ))
        .output()
        .expect("bash");
    assert!(
        shell.status.success(),
        "{}",
        String::from_utf8_lossy(&shell.stderr)
    );
    assert!(String::from_utf8_lossy(&shell.stdout).contains("backlings"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = fixture.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            stdout(&out).contains("verify"),
            "{shell} completes subcommands"
        );
    }
}

#[test]
fn the_junit_report_matches_the_json_report() {
    use quick_xml::events::Event;
    let fixture = Fixture::new();
    fixture.solve("01_one", "hello");
    let names = ["hello", "broken", "failing", "server"];
    let mut args = vec!["verify", "--format", "junit"];
    args.extend(names);
    let xml = fixture.run(&args);
    assert_eq!(xml.status.code(), Some(1));
    let mut json_args = vec!["verify", "--format", "json"];
    json_args.extend(names);
    let doc = json(&fixture.run(&json_args));

    let mut reader = quick_xml::Reader::from_reader(xml.stdout.as_slice());
    let (mut cases, mut failures, mut skipped, mut suites) = (0, 0, 0, 0);
    let mut buffer = Vec::new();
    loop {
        match reader
            .read_event_into(&mut buffer)
            .expect("well-formed XML")
        {
            Event::Start(e) | Event::Empty(e) => match e.name().into_inner() {
                "testsuite" => suites += 1,
                "testcase" => cases += 1,
                "failure" => failures += 1,
                "skipped" => skipped += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    let exercises = doc["exercises"].as_array().expect("exercises");
    let checked = exercises
        .iter()
        .filter(|e| e.get("outcome").is_some())
        .count();
    let failed = exercises
        .iter()
        .filter(|e| e.get("outcome").is_some_and(|o| o != "passed"))
        .count();
    assert_eq!(suites, doc["stages"].as_array().expect("stages").len());
    assert_eq!(cases, exercises.len());
    assert_eq!(failures, failed);
    assert_eq!(skipped, exercises.len() - checked);
}

#[test]
fn the_classroom_workflow_is_valid_yaml() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/classroom-workflow.yml");
    let text = std::fs::read_to_string(&path).expect("docs/classroom-workflow.yml");
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("valid YAML");
    let workflow = &docs[0];
    assert!(!workflow["jobs"].is_badvalue(), "it has jobs");
    let steps = workflow["jobs"]["grade"]["steps"]
        .as_vec()
        .expect("a grade job with steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter().any(|r| r.contains("verify --format junit")),
        "{runs:?}"
    );
    assert!(
        runs.iter().any(|r| r.contains("verify --format json")),
        "{runs:?}"
    );
}

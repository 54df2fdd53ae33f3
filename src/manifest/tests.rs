use super::{Manifest, Mode, Mutant};

const GOOD: &str = r#"
format_version = 1
title = "A course"
welcome = "hi"

[[stages]]
id = "intro"
title = "Intro"
dir = "01_intro"

[[stages.exercises]]
name = "intro1"
mode = "run"
hints = ["one"]
expected_output = "hello"

[[stages.exercises]]
name = "intro2"
hints = ["one", "two"]
mutants = ["off_by_one"]
timeout_secs = 3

[[stages]]
id = "http"
title = "HTTP"

[[stages.exercises]]
name = "request1"
hints = ["h"]
"#;

fn error_of(text: &str) -> String {
    match Manifest::parse(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn parses_a_valid_manifest_in_course_order() {
    let m = Manifest::parse(GOOD).expect("valid");
    assert_eq!(m.title, "A course");
    assert_eq!(m.welcome.as_deref(), Some("hi"));
    assert_eq!(m.stages.len(), 2);
    assert_eq!(m.stages[0].dir, "01_intro");
    assert_eq!(m.stages[1].dir, "http", "dir defaults to the id");
    assert_eq!(m.stages[0].exercises, 0..2);
    assert_eq!(m.stages[1].exercises, 2..3);
    let names: Vec<_> = m.exercises.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["intro1", "intro2", "request1"]);
    assert_eq!(m.exercises[0].mode, Mode::Run);
    assert_eq!(m.exercises[1].mode, Mode::Test, "mode defaults to test");
    assert_eq!(m.exercises[0].timeout_secs, 10);
    assert_eq!(m.exercises[1].timeout_secs, 3);
    assert_eq!(
        m.exercises[1].mutants,
        [Mutant::Env("off_by_one".to_owned())]
    );
    assert_eq!(m.exercises[2].stage, 1);
    assert_eq!(m.exercises[0].line, 12);
    assert_eq!(m.stage_of(&m.exercises[2]).id, "http");
}

#[test]
fn unknown_keys_are_errors_with_a_position() {
    let text = GOOD.replace("hints = [\"h\"]", "hints = [\"h\"]\nhint = \"x\"");
    let e = error_of(&text);
    assert!(e.starts_with("info.toml:30:"), "{e}");
    assert!(e.contains("unknown field `hint`"), "{e}");
}

#[test]
fn a_missing_required_key_is_an_error() {
    let e = error_of(&GOOD.replace("hints = [\"h\"]", ""));
    assert!(e.contains("missing field `hints`"), "{e}");
    let e = error_of(&GOOD.replace("title = \"A course\"", ""));
    assert!(e.contains("missing field `title`"), "{e}");
}

#[test]
fn duplicate_names_and_ids_are_errors() {
    let e = error_of(&GOOD.replace("name = \"request1\"", "name = \"intro1\""));
    assert!(e.contains("duplicate exercise name `intro1`"), "{e}");
    assert!(e.contains("also on line 12"), "{e}");
    assert!(e.starts_with("info.toml:28:"), "{e}");
    let e = error_of(&GOOD.replace("id = \"http\"", "id = \"intro\""));
    assert!(e.contains("duplicate stage id `intro`"), "{e}");
}

#[test]
fn reserved_and_malformed_names_are_errors() {
    for name in ["build", "deps", "examples", "incremental"] {
        let e = error_of(&GOOD.replace("\"request1\"", &format!("\"{name}\"")));
        assert!(e.contains("reserved"), "{e}");
    }
    let e = error_of(&GOOD.replace("\"request1\"", "\"Request-1\""));
    assert!(e.contains("must start with a lowercase letter"), "{e}");
}

#[test]
fn a_dir_must_be_one_plain_segment() {
    for dir in ["a/b", "..", "../x", ".", ""] {
        let e = error_of(&GOOD.replace("dir = \"01_intro\"", &format!("dir = \"{dir}\"")));
        assert!(e.contains("not a plain directory name"), "{dir}: {e}");
    }
}

#[test]
fn mode_specific_fields_are_checked() {
    let e = error_of(&GOOD.replace("mode = \"run\"", "mode = \"test\""));
    assert!(e.contains("expected_output does not apply"), "{e}");
    let e = error_of(&GOOD.replace(
        "mutants = [\"off_by_one\"]",
        "mutants = [\"off_by_one\"]\nmode = \"run\"",
    ));
    assert!(e.contains("mutants do not apply"), "{e}");
    let e = error_of(&GOOD.replace("mode = \"run\"", "mode = \"bench\""));
    assert!(e.contains("mode `bench`"), "{e}");
}

#[test]
fn a_newer_format_version_says_to_update() {
    let e = error_of(&GOOD.replace("format_version = 1", "format_version = 3"));
    assert!(e.contains("newer than this runner understands"), "{e}");
    assert!(e.starts_with("info.toml:2:"), "{e}");
}

#[test]
fn empty_hints_and_stages_are_errors() {
    let e = error_of(&GOOD.replace("hints = [\"h\"]", "hints = []"));
    assert!(e.contains("no hints"), "{e}");
    let text = format!("{GOOD}\n[[stages]]\nid = \"empty\"\ntitle = \"E\"\n");
    let e = error_of(&text);
    assert!(e.contains("stage `empty` has no exercises"), "{e}");
}

#[test]
fn broken_toml_gives_a_position() {
    let e = error_of("format_version = 1\ntitle = \"x\n");
    assert!(e.starts_with("info.toml:2:"), "{e}");
}

#[test]
fn control_characters_empty_hints_and_unbounded_timeouts_are_refused_with_their_line() {
    let nul_dir = GOOD.replace("dir = \"01_intro\"", "dir = \"01\\u0000intro\"");
    let e = error_of(&nul_dir);
    assert!(e.starts_with("info.toml:9:7:"), "{e}");
    assert!(e.contains("\\0") && !e.contains('\0'), "shown escaped: {e}");

    let newline_mutant = GOOD.replace("\"off_by_one\"", "\"off\\nby_one\"");
    let e = error_of(&newline_mutant);
    assert!(e.contains("mutant name \"off\\nby_one\""), "{e}");
    assert!(!e.contains("off\nby"), "no raw newline: {e}");

    let e = error_of(&GOOD.replace("hints = [\"one\", \"two\"]", "hints = [\"one\", \" \"]"));
    assert!(e.contains("`intro2` has an empty hint"), "{e}");

    for (bad, shown) in [
        ("0", "0"),
        ("601", "601"),
        ("9223372036854775807", "9223372036854775807"),
    ] {
        let e = error_of(&GOOD.replace("timeout_secs = 3", &format!("timeout_secs = {bad}")));
        assert!(
            e.contains(&format!("is {shown}: it must be from 1 to 600")),
            "{e}"
        );
    }
    assert!(Manifest::parse(&GOOD.replace("timeout_secs = 3", "timeout_secs = 600")).is_ok());
}

#[test]
fn a_duplicate_key_is_named() {
    let e = error_of(&GOOD.replace("name = \"request1\"", "name = \"request1\"\nname = \"x\""));
    assert!(e.contains("duplicate key `name`"), "{e}");
    assert!(e.starts_with("info.toml:29:1:"), "{e}");
}

#[test]
fn version_2_forms_parse_and_need_version_2() {
    let v2 = GOOD.replace("format_version = 1", "format_version = 2").replace(
        "mutants = [\"off_by_one\"]",
        "mutants = [\"off_by_one\", { name = \"no_check\", find = \"a < b\", replace = \"true\", \
         file = \"support/rules.rs\" }]\nrequires = [\"git\"]",
    ) + "\n[checks]\nmax_lines = 150\n";
    let m = Manifest::parse(&v2).expect("valid");
    assert_eq!(
        m.exercises[1].mutants[1],
        Mutant::Patch {
            name: "no_check".to_owned(),
            find: "a < b".to_owned(),
            replace: "true".to_owned(),
            file: Some("support/rules.rs".to_owned()),
        }
    );
    assert_eq!(m.exercises[1].requires, ["git"]);
    assert_eq!(m.checks.max_lines, 150);
    assert_eq!(m.checks.max_todo_spots, 2, "defaults fill the rest");

    let e = error_of(&v2.replace("format_version = 2", "format_version = 1"));
    assert!(e.contains("needs format_version = 2"), "{e}");
    let e = error_of(&v2.replace("support/rules.rs", "../outside.rs"));
    assert!(e.contains("inside the stage dir"), "{e}");
    let e = error_of(&v2.replace("format_version = 2", "format_version = 3"));
    assert!(e.contains("update backlings"), "{e}");
}

//! The bundled course as a learner reads it: every stage's README lists its exercises, in
//! course order, one numbered line each (`1. name: what you do`). `dev check --strict` in CI
//! measures the exercises themselves.

use std::path::Path;

#[test]
fn every_stage_readme_lists_its_exercises_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("info.toml")).expect("read info.toml");
    let manifest: toml::Table = toml::from_str(&text).expect("info.toml parses");
    let stages = manifest["stages"].as_array().expect("stages");
    assert_eq!(stages.len(), 21, "the roadmap has 21 stages");
    for stage in stages {
        let dir = stage["dir"].as_str().expect("dir");
        let wanted: Vec<&str> = stage["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .map(|e| e["name"].as_str().expect("name"))
            .collect();
        let readme = std::fs::read_to_string(root.join("exercises").join(dir).join("README.md"))
            .unwrap_or_else(|e| panic!("exercises/{dir}/README.md: {e}"));
        // Numbered lines whose first word is an exercise of the stage.
        let listed: Vec<(usize, &str)> = readme
            .lines()
            .filter_map(|line| {
                let (number, rest) = line.split_once(". ")?;
                let number: usize = number.trim().parse().ok()?;
                let name = rest
                    .trim_start_matches('`')
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()?;
                wanted.contains(&name).then_some((number, name))
            })
            .collect();
        let expected: Vec<(usize, &str)> = wanted
            .iter()
            .enumerate()
            .map(|(i, name)| (i + 1, *name))
            .collect();
        assert_eq!(
            listed, expected,
            "exercises/{dir}/README.md lists the stage's exercises as `1. name: ...`, in the \
             order of info.toml"
        );
    }
}

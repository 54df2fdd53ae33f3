//! `dev new`: add an exercise to a stage: its manifest entry (the rest of `info.toml` kept as
//! it was), its exercise and solution files from a template, and its bin.

use std::fs;

use toml_edit::{Array, Document, Item, value};

use crate::course::Course;
use crate::error::UserError;
use crate::fsutil::write_atomic;
use crate::manifest::{self, Manifest, Mode, RESERVED_NAMES, is_identifier};

/// The hints a new exercise starts with; `dev check` reports any that is left as it is.
pub const PLACEHOLDER_HINTS: [&str; 3] = [
    "TODO: a nudge: where to look.",
    "TODO: a pointer to the concept or the std item.",
    "TODO: nearly the answer.",
];

/// The body both files share; the exercise gets a header that says what to do next.
const TEST_BODY: &str = r#"fn answer() -> u32 {
    // TODO: the spot the learner fixes.
    42
}

fn main() {
    println!("{}", answer());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::answer;

    #[test]
    fn gives_the_answer() {
        assert_eq!(answer(), 42);
    }
}
"#;

const RUN_BODY: &str = r#"fn main() {
    // TODO: the spot the learner fixes. The program must exit with success.
    println!("hello from NAME");
}
"#;

const EXERCISE_HEADER: &str = "// NAME: TODO a title
//
// TODO: explain the backend idea in a few sentences, then say what the learner must do.
// This file starts as a copy of the solution: break it at the `// TODO` below so that it
// fails until the learner fixes it (`backlings dev check` insists).

";

/// The exercise file and the solution file of a new exercise.
fn templates(name: &str, mode: Mode) -> (String, String) {
    let body = match mode {
        Mode::Test => TEST_BODY,
        Mode::Run => RUN_BODY,
    }
    .replace("NAME", name);
    let exercise = format!("{}{body}", EXERCISE_HEADER.replace("NAME", name));
    let solution: String = body
        .lines()
        .filter(|l| !l.trim_start().starts_with("// TODO"))
        .map(|l| format!("{l}\n"))
        .collect();
    (exercise, solution)
}

/// Adds the exercise; checks everything before writing anything.
pub fn add(course: &Course, name: &str, stage_id: &str, mode: Mode) -> Result<(), UserError> {
    if !is_identifier(name) || RESERVED_NAMES.contains(&name) {
        return Err(UserError::new(format!(
            "`{name}` cannot be an exercise name: use a-z, 0-9 and `_`, starting with a \
             letter, and none of {}",
            RESERVED_NAMES.join(", ")
        )));
    }
    if let Some(existing) = course.manifest.exercise(name) {
        return Err(UserError::new(format!(
            "{}:{}: an exercise named `{name}` already exists: choose another name",
            manifest::FILE_NAME,
            existing.line
        )));
    }
    let Some(stage_index) = course.manifest.stages.iter().position(|s| s.id == stage_id) else {
        let ids: Vec<&str> = course
            .manifest
            .stages
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        return Err(UserError::new(format!(
            "{}: no stage `{stage_id}`: use one of {}",
            manifest::FILE_NAME,
            ids.join(", ")
        )));
    };
    let stage = &course.manifest.stages[stage_index];
    let exercise_rel = format!("exercises/{}/{name}.rs", stage.dir);
    let solution_rel = format!("solutions/{}/{name}.rs", stage.dir);
    for rel in [&exercise_rel, &solution_rel] {
        if course.root.join(rel).exists() {
            return Err(UserError::new(format!(
                "{rel} already exists: move it away or choose another name"
            )));
        }
    }

    let new_manifest = with_exercise(&course.manifest_text, stage_index, name, mode)?;
    // The edit must give a valid manifest with the exercise in the right stage.
    let parsed = Manifest::parse(&new_manifest).map_err(|e| {
        UserError::new(format!(
            "internal: adding the exercise broke the manifest: {e}"
        ))
    })?;
    if parsed.exercise(name).map(|e| e.stage) != Some(stage_index) {
        return Err(UserError::new(
            "internal: the new exercise did not land in its stage; info.toml was not changed",
        ));
    }

    let (template, solution) = templates(name, mode);
    write_atomic(&course.root.join(&solution_rel), solution.as_bytes())?;
    if let Err(e) = write_atomic(&course.root.join(&exercise_rel), template.as_bytes()) {
        let _ = fs::remove_file(course.root.join(&solution_rel));
        return Err(e);
    }
    if let Err(e) = write_atomic(
        &course.root.join(manifest::FILE_NAME),
        new_manifest.as_bytes(),
    ) {
        let _ = fs::remove_file(course.root.join(&solution_rel));
        let _ = fs::remove_file(course.root.join(&exercise_rel));
        return Err(e);
    }
    let updated = Course::load(&course.root)?;
    crate::workspace::sync(&updated)?;
    Ok(())
}

/// The manifest text with a `[[stages.exercises]]` table appended to the stage's block,
/// every other byte unchanged.
fn with_exercise(
    text: &str,
    stage_index: usize,
    name: &str,
    mode: Mode,
) -> Result<String, UserError> {
    let doc = Document::parse(text.to_owned()).map_err(|e| {
        UserError::new(format!(
            "{}: {}",
            manifest::FILE_NAME,
            e.to_string().trim_end()
        ))
    })?;
    let stages = doc
        .get("stages")
        .and_then(Item::as_array_of_tables)
        .ok_or_else(|| UserError::new(format!("{}: no [[stages]]", manifest::FILE_NAME)))?;
    // The stage's block ends where the next [[stages]] header starts (or at the end).
    let insert_at = match stages.get(stage_index + 1).and_then(|t| t.span()) {
        Some(span) => text[..span.start].rfind('\n').map_or(0, |i| i + 1),
        None => text.len(),
    };
    let mut hints = Array::new();
    for hint in PLACEHOLDER_HINTS {
        hints.push(hint);
    }
    let mut entry = String::from("[[stages.exercises]]\n");
    entry.push_str(&format!("name = {}\n", value(name)));
    if mode != Mode::default() {
        entry.push_str(&format!("mode = \"{mode}\"\n"));
    }
    entry.push_str(&format!("hints = {hints}\n"));
    let (before, after) = text.split_at(insert_at);
    let mut result = String::with_capacity(text.len() + entry.len() + 2);
    result.push_str(before);
    if !before.is_empty() && !before.ends_with('\n') {
        result.push('\n');
    }
    if !before.ends_with("\n\n") {
        result.push('\n');
    }
    result.push_str(&entry);
    if !after.is_empty() {
        result.push('\n');
    }
    result.push_str(after);
    Ok(result)
}

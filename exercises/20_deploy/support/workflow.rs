//! Reads a GitHub Actions workflow line by line, as the tests check it (support code: you do
//! not need to edit it). No CI service runs here, and this is not a YAML parser: it knows
//! the few shapes a workflow uses (`key: value`, nested keys by indentation, `- ` items).
#![allow(dead_code)]

/// A meaningful line: not blank, not a comment.
#[derive(Debug, Clone)]
pub struct Line {
    pub number: usize,
    pub indent: usize,
    pub text: String,
}

/// One item of a `steps:` list.
#[derive(Debug, Clone, Default)]
pub struct Step {
    pub line: usize,
    pub uses: Option<String>,
    pub run: Option<String>,
    /// The other lines of the step (`name: ...`, `with:`, ...), trimmed.
    pub rest: Vec<String>,
}

pub fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| Line {
            number: i + 1,
            indent: l.len() - l.trim_start().len(),
            text: l.trim().to_owned(),
        })
        .collect()
}

/// The first line indented with a tab (YAML forbids tabs there).
pub fn tab_indented(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.starts_with(|c: char| c.is_whitespace())
                && l[..l.len() - l.trim_start().len()].contains('\t')
        })
        .map(|i| i + 1)
}

/// The keys directly under the top-level `key:` (for `on:` also `on: push` and
/// `on: [push, pull_request]`).
pub fn keys_under(text: &str, key: &str) -> Vec<String> {
    let lines = lines(text);
    let head = format!("{key}:");
    let Some(at) = lines
        .iter()
        .position(|l| l.indent == 0 && l.text.starts_with(&head))
    else {
        return Vec::new();
    };
    let inline = lines[at].text[head.len()..].trim();
    if !inline.is_empty() {
        return inline
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
            .collect();
    }
    let body: Vec<&Line> = lines[at + 1..]
        .iter()
        .take_while(|l| l.indent > 0)
        .collect();
    let Some(depth) = body.first().map(|l| l.indent) else {
        return Vec::new();
    };
    body.iter()
        .filter(|l| l.indent == depth)
        .filter_map(|l| l.text.split_once(':').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

/// Every step of every job, in order.
pub fn steps(text: &str) -> Vec<Step> {
    let lines = lines(text);
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].text != "steps:" {
            i += 1;
            continue;
        }
        let list_indent = lines[i].indent;
        i += 1;
        let mut item_indent = None;
        while i < lines.len() && lines[i].indent > list_indent {
            let line = &lines[i];
            if let Some(first) = line
                .text
                .strip_prefix("- ")
                .or((line.text == "-").then_some(""))
                && item_indent.is_none_or(|d| d == line.indent)
            {
                item_indent = Some(line.indent);
                steps.push(Step {
                    line: line.number,
                    ..Step::default()
                });
                add(&mut steps, first.trim(), &lines, &mut i);
            } else {
                add(&mut steps, &line.text, &lines, &mut i);
            }
            i += 1;
        }
    }
    steps
}

/// Adds one `key: value` line (and a `run: |` block after it) to the last step.
fn add(steps: &mut [Step], text: &str, lines: &[Line], i: &mut usize) {
    let Some(step) = steps.last_mut() else { return };
    if let Some(value) = text.strip_prefix("uses:") {
        step.uses = Some(value.trim().to_owned());
    } else if let Some(value) = text.strip_prefix("run:") {
        let value = value.trim();
        if value == "|" || value == ">" {
            let indent = lines[*i].indent;
            let mut block = Vec::new();
            while *i + 1 < lines.len() && lines[*i + 1].indent > indent {
                *i += 1;
                block.push(lines[*i].text.clone());
            }
            step.run = Some(block.join("\n"));
        } else {
            step.run = Some(value.to_owned());
        }
    } else if !text.is_empty() {
        step.rest.push(text.to_owned());
    }
}

/// The commands of the `run:` steps, in order.
pub fn runs(text: &str) -> Vec<String> {
    steps(text).into_iter().filter_map(|s| s.run).collect()
}

/// The index of the first `run:` step whose command contains every one of `words`.
pub fn run_step(text: &str, words: &[&str]) -> Option<usize> {
    let runs = runs(text);
    runs.iter()
        .position(|r| words.iter().all(|w| r.contains(w)))
}

//! Reads a Dockerfile into stages and instructions, as the tests check it (support code: you
//! do not need to edit it). No container engine runs here: only the text is checked.
#![allow(dead_code)]

/// One instruction: `RUN cargo build` is keyword `RUN`, args `cargo build`.
#[derive(Debug, Clone)]
pub struct Instruction {
    /// 1-based line where it starts.
    pub line: usize,
    /// Uppercased.
    pub keyword: String,
    pub args: String,
}

/// A build stage: from one `FROM` to the next.
#[derive(Debug, Clone)]
pub struct Stage {
    pub image: String,
    /// The name after `AS`, if any.
    pub name: Option<String>,
    pub instructions: Vec<Instruction>,
}

impl Stage {
    /// The instructions with this keyword.
    pub fn all(&self, keyword: &str) -> Vec<&Instruction> {
        self.instructions
            .iter()
            .filter(|i| i.keyword == keyword)
            .collect()
    }

    /// Whether an instruction with this keyword has every one of `words` in its arguments.
    pub fn has(&self, keyword: &str, words: &[&str]) -> bool {
        let mut found = self.all(keyword).into_iter();
        found.any(|i| words.iter().all(|w| i.args.contains(w)))
    }

    /// The arguments of the last instruction with this keyword ("" when there is none).
    pub fn last_args(&self, keyword: &str) -> String {
        self.last(keyword)
            .map(|i| i.args.clone())
            .unwrap_or_default()
    }

    /// The last instruction with this keyword (the one that counts for USER, CMD...).
    pub fn last(&self, keyword: &str) -> Option<&Instruction> {
        self.all(keyword).into_iter().last()
    }
}

/// The stages of a Dockerfile, with `\` continuations joined and comments skipped.
pub fn parse(text: &str) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if pending.is_none() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        let (start, mut joined) = pending.take().unwrap_or((index + 1, String::new()));
        if let Some(head) = trimmed.strip_suffix('\\') {
            joined.push_str(head.trim());
            joined.push(' ');
            pending = Some((start, joined));
            continue;
        }
        joined.push_str(trimmed);
        let (keyword, args) = joined
            .split_once(char::is_whitespace)
            .unwrap_or((&joined, ""));
        let instruction = Instruction {
            line: start,
            keyword: keyword.to_uppercase(),
            args: args.trim().to_owned(),
        };
        if instruction.keyword == "FROM" {
            let words: Vec<&str> = instruction
                .args
                .split_whitespace()
                .filter(|w| !w.starts_with("--"))
                .collect();
            let name = match words.as_slice() {
                [_, as_, name] if as_.eq_ignore_ascii_case("as") => Some(name.to_string()),
                _ => None,
            };
            stages.push(Stage {
                image: words.first().copied().unwrap_or_default().to_owned(),
                name,
                instructions: Vec::new(),
            });
        } else if let Some(stage) = stages.last_mut() {
            stage.instructions.push(instruction);
        }
    }
    stages
}

//! What a learner meets in an exercise file, measured: its length, where its `// TODO`s are,
//! how far its solution is from it, and which assertions in its tests say why they fail.
//! Pure functions of source text; `dev check` turns them into warnings.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use similar::{DiffTag, TextDiff};

/// The 1-based lines of the file's TODO spots: `// TODO` comments after its opening comment
/// (the block of `//` lines the file starts with, which explains the exercise).
pub fn todo_spots(source: &str) -> Vec<usize> {
    let mut in_opening = true;
    let mut spots = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if in_opening && (trimmed.starts_with("//") || (index == 0 && trimmed.is_empty())) {
            continue;
        }
        in_opening = false;
        if let Some(at) = line.find("//")
            && line[at + 2..]
                .trim_start_matches(['/', '!', ' '])
                .starts_with("TODO")
        {
            spots.push(index + 1);
        }
    }
    spots
}

/// How many places a solution differs from its exercise: the groups of changed lines once
/// blank and comment-only lines are set aside on both sides.
pub fn solution_hunks(exercise: &str, solution: &str) -> usize {
    // Indentation counts: a line that moved into a block is a changed line, as diff(1) sees it.
    let code = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim_end)
            .filter(|l| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with("//")
            })
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (code(exercise), code(solution));
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    let diff = TextDiff::from_slices(&old, &new);
    let mut hunks = 0;
    let mut in_change = false;
    for op in diff.ops() {
        let changed = op.tag() != DiffTag::Equal;
        if changed && !in_change {
            hunks += 1;
        }
        in_change = changed;
    }
    hunks
}

/// An assertion macro call: its line and whether it carries a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assertion {
    /// 1-based line of the macro's name.
    pub line: usize,
    /// Whether a message (format string) follows the compared values.
    pub has_message: bool,
}

/// Every `assert!`, `assert_eq!`, `assert_ne!` (and their `debug_` and proptest `prop_`
/// forms) in `source`, inside any item or macro body. None if the file does not tokenize.
pub fn assertions(source: &str) -> Option<Vec<Assertion>> {
    let tokens: TokenStream = source.parse().ok()?;
    let mut found = Vec::new();
    scan(tokens, &mut found);
    Some(found)
}

fn scan(tokens: TokenStream, found: &mut Vec<Assertion>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let base = name
                    .strip_prefix("debug_")
                    .or_else(|| name.strip_prefix("prop_"))
                    .unwrap_or(&name);
                let values = match base {
                    "assert" => 1,
                    "assert_eq" | "assert_ne" => 2,
                    _ => continue,
                };
                let (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(args))) =
                    (trees.get(index + 1), trees.get(index + 2))
                else {
                    continue;
                };
                if bang.as_char() != '!' {
                    continue;
                }
                found.push(Assertion {
                    line: ident.span().start().line,
                    has_message: arguments(args.stream()) > values,
                });
            }
            TokenTree::Group(group) => scan(group.stream(), found),
            _ => {}
        }
    }
}

/// The number of comma-separated arguments at the top level of a macro call (a trailing
/// comma adds none).
fn arguments(tokens: TokenStream) -> usize {
    let mut count = 0;
    let mut current = false;
    for tree in tokens {
        match tree {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                if current {
                    count += 1;
                }
                current = false;
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => current = true,
            _ => current = true,
        }
    }
    count + usize::from(current)
}

#[cfg(test)]
mod tests {
    use super::{assertions, solution_hunks, todo_spots};

    #[test]
    fn todo_spots_skip_the_opening_comment() {
        let source = "// x1: an exercise\n//\n// TODO in the opening comment does not count\n\n\
                      fn a() {\n    // TODO: first\n    let x = 1; // TODO: second\n}\n\
                      /// TODO: a doc comment counts too\nfn b() {}\n";
        assert_eq!(todo_spots(source), [6, 7, 9]);
        assert_eq!(todo_spots("fn main() {}\n"), Vec::<usize>::new());
    }

    #[test]
    fn hunks_ignore_comments_and_blank_lines() {
        let exercise = "// TODO: fix\nfn a() -> u32 {\n    1\n}\n\nfn b() -> u32 {\n    2\n}\n";
        let one = "// fixed\nfn a() -> u32 {\n    10\n}\nfn b() -> u32 {\n    2\n}\n";
        assert_eq!(solution_hunks(exercise, one), 1);
        let two = "fn a() -> u32 {\n    10\n}\nfn b() -> u32 {\n    20\n}\n";
        assert_eq!(solution_hunks(exercise, two), 2);
        assert_eq!(solution_hunks(exercise, exercise), 0);
    }

    #[test]
    fn assertions_with_and_without_messages() {
        let source = r#"
#[test]
fn t() {
    assert!(ok);
    assert!(ok, "why");
    assert_eq!(a, b);
    assert_eq!(a, f(1, 2), "expected {} because", a);
    assert_ne!(a, b,);
    debug_assert!(x, "m");
}
proptest! {
    #[test]
    fn p(x in 0..3) { prop_assert_eq!(x, x); }
}
"#;
        let found = assertions(source).expect("tokenizes");
        let flags: Vec<(usize, bool)> = found.iter().map(|a| (a.line, a.has_message)).collect();
        assert_eq!(
            flags,
            [
                (4, false),
                (5, true),
                (6, false),
                (7, true),
                (8, false),
                (9, true),
                (13, false)
            ]
        );
    }
}

// merge1: resolve a merge conflict with a program
//
// When two branches change the same lines, `git merge` stops and writes both versions into
// the file between conflict markers:
//     <<<<<<< HEAD
//     our lines (the branch you are on)
//     =======
//     their lines (the branch being merged)
//     >>>>>>> feature
// The merge finishes once you write the resolved file, `git add` it (marking it resolved)
// and commit; git does not look for leftover markers: commit them and they ship. For a
// changelog, where each branch adds entries, the right resolution is the union, ours first.
// `merge_changelog` does the git part; write `resolve_union`: keep the lines outside
// conflicts, and for each conflict ours and then theirs, leaving out a line of theirs that
// ours already has (both branches added the same entry), and no markers.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

pub fn resolve_union(text: &str) -> String {
    #[derive(PartialEq)]
    enum Side {
        Outside,
        Ours,
        Theirs,
    }
    let mut side = Side::Outside;
    let mut ours: Vec<&str> = Vec::new();
    let mut resolved = String::new();
    for line in text.lines() {
        match side {
            Side::Outside if line.starts_with("<<<<<<<") => side = Side::Ours,
            Side::Ours if line == "=======" => side = Side::Theirs,
            Side::Theirs if line.starts_with(">>>>>>>") => {
                side = Side::Outside;
                ours.clear();
            }
            Side::Theirs if ours.contains(&line) => {}
            _ => {
                if side == Side::Ours {
                    ours.push(line);
                }
                resolved.push_str(line);
                resolved.push('\n');
            }
        }
    }
    resolved
}

/// Merges `branch` into the current one, resolving a conflict in CHANGELOG.md.
pub fn merge_changelog(repo: &Repo, branch: &str) -> Result<(), GitError> {
    if repo.git(&["merge", "-q", "--no-edit", branch]).is_ok() {
        return Ok(()); // no conflict
    }
    let text = repo.read("CHANGELOG.md");
    repo.write("CHANGELOG.md", resolve_union(&text));
    repo.git(&["add", "CHANGELOG.md"])?;
    repo.git(&["commit", "-q", "--no-edit"])?;
    Ok(())
}

fn main() {
    let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n";
    print!("{}", resolve_union(text));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = "# Changelog\n\n## Unreleased\n- Initial release\n";

    #[test]
    fn a_merge_keeps_both_sides_entries() {
        let (ours, theirs) = ("- Fix the login redirect\n", "- Add /health\n");
        let repo = git::diverged("CHANGELOG.md", START, ours, theirs);
        merge_changelog(&repo, "feature").unwrap_or_else(|e| panic!("the merge failed: {e}"));
        let got = repo.run(&["show", "HEAD:CHANGELOG.md"]);
        let why = "the merge commit's changelog has our entry, then theirs, and no markers";
        assert_eq!(got, format!("{START}{ours}{theirs}"), "{why}");
        let why = "a merge commit has two parents: main's, and feature's as its second";
        assert_eq!(repo.rev("HEAD^2"), repo.rev("feature"), "{why}");
    }

    #[test]
    fn every_conflict_in_the_file_is_resolved() {
        let text = "# Changelog\n\
                    <<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> feature\n\
                    ## 1.0\n\
                    <<<<<<< HEAD\n- c\n- d\n=======\n- c\n- e\n>>>>>>> feature\n\
                    - f\n";
        let got = resolve_union(text);
        assert_eq!(
            got, "# Changelog\n- a\n- b\n## 1.0\n- c\n- d\n- e\n- f\n",
            "two conflicts, each a union (`- c` once: both sides added it), the lines between \
             them kept:\n{got}"
        );
        let why = "a file with no markers has nothing to resolve";
        assert_eq!(resolve_union(START), START, "{why}");
    }
}

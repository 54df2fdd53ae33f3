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
// and commit. Git does not look for leftover markers: commit them and they ship.
// For a changelog, where each branch adds entries, the right resolution is the union: both
// sides' lines, ours first. `merge_changelog` does the git part; write `resolve_union`: keep
// the lines outside conflicts, and for each conflict ours and then theirs, leaving out a
// line of theirs that ours already has (both branches added the same entry), and no markers.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

pub fn resolve_union(text: &str) -> String {
    // TODO: walk the lines, remembering which side of a conflict you are in; drop the
    // marker lines, keep ours, and keep theirs unless ours already has that line.
    text.to_string()
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
    print!(
        "{}",
        resolve_union("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n")
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = "# Changelog\n\n## Unreleased\n- Initial release\n";

    /// main and feature each add entries at the end of CHANGELOG.md: a conflict.
    fn diverged(ours: &str, theirs: &str) -> Repo {
        let repo = Repo::init();
        repo.write("CHANGELOG.md", START);
        repo.commit_all("Start the changelog");
        repo.run(&["checkout", "-q", "-b", "feature"]);
        repo.write("CHANGELOG.md", format!("{START}{theirs}"));
        repo.commit_all("Feature entries");
        repo.run(&["checkout", "-q", "main"]);
        repo.write("CHANGELOG.md", format!("{START}{ours}"));
        repo.commit_all("Main entries");
        repo
    }

    fn merge(repo: &Repo) {
        merge_changelog(repo, "feature").unwrap_or_else(|e| panic!("the merge failed: {e}"));
    }

    #[test]
    fn both_sides_are_kept_and_the_markers_go() {
        let repo = diverged("- Fix the login redirect\n", "- Add /health\n");
        merge(&repo);
        let got = repo.run(&["show", "HEAD:CHANGELOG.md"]);
        assert_eq!(
            got,
            format!("{START}- Fix the login redirect\n- Add /health\n"),
            "the merge commit's changelog has our entry, then theirs, and no conflict markers"
        );
        assert_eq!(
            repo.run(&["log", "-1", "--format=%P"])
                .split_whitespace()
                .count(),
            2,
            "a merge commit has two parents: main's and feature's"
        );
    }

    #[test]
    fn an_entry_both_sides_added_appears_once() {
        let repo = diverged(
            "- Bump serde to 1.0.200\n- Fix the login redirect\n",
            "- Bump serde to 1.0.200\n- Add /health\n",
        );
        merge(&repo);
        assert_eq!(
            repo.run(&["show", "HEAD:CHANGELOG.md"]),
            format!("{START}- Bump serde to 1.0.200\n- Fix the login redirect\n- Add /health\n"),
            "both branches bumped serde: the union lists that entry once"
        );
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
            "two conflicts, each resolved as a union, with the lines between them kept:\n{got}"
        );
    }

    #[test]
    fn text_without_conflicts_is_unchanged() {
        assert_eq!(
            resolve_union(START),
            START,
            "a file with no markers has nothing to resolve"
        );
    }
}

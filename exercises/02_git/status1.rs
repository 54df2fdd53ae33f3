// status1: staged, not staged, untracked
//
// `git status --porcelain` is git's status for programs: one entry per path, `XY path`, in a
// format that stays the same across git versions and languages. Two columns, because a path
// can differ in two places:
//   X: the index against HEAD, what the next commit would change (staged);
//   Y: the working tree against the index, edits not staged yet.
// A space means "no difference there"; `??` is an untracked file. A file edited, added, and
// edited again is `MM`: staged AND not staged, since the index holds the first edit.
//
// Sort each entry into the lists it belongs in: `staged`, `unstaged` or `untracked`.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

#[derive(Debug, Default, PartialEq)]
pub struct Status {
    pub staged: Vec<String>,
    pub unstaged: Vec<String>,
    pub untracked: Vec<String>,
}

pub fn status(repo: &Repo) -> Result<Status, GitError> {
    // -z: entries end with a NUL byte, and paths are not quoted.
    let out = repo.git(&["status", "--porcelain=v1", "-z", "--untracked-files=all"])?;
    let mut status = Status::default();
    let mut entries = out.split('\0');
    while let Some(entry) = entries.next() {
        let (Some(&x), Some(&y), Some(path)) = (
            entry.as_bytes().first(),
            entry.as_bytes().get(1),
            entry.get(3..),
        ) else {
            continue;
        };
        if x == b'R' || x == b'C' {
            entries.next(); // a rename's or copy's old path follows as an entry of its own
        }
        // TODO: read both columns: `??` is untracked; otherwise X (not a space) means
        // staged, and Y (not a space) means not staged. One path can be in both lists.
        if x == b'?' {
            status.untracked.push(path.to_string());
            continue;
        }
        status.staged.push(path.to_string());
    }
    Ok(status)
}

fn main() {
    let repo = Repo::init();
    repo.write("a.txt", "a\n");
    println!("{:?}", status(&repo));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Repo {
        let repo = Repo::init();
        repo.write("app.rs", "fn main() {}\n");
        repo.write("lib.rs", "pub fn f() {}\n");
        repo.write("old.rs", "// old\n");
        repo.commit_all("Start");
        repo
    }

    fn status_of(repo: &Repo) -> Status {
        status(repo).unwrap_or_else(|e| panic!("status failed: {e}"))
    }

    #[test]
    fn an_edit_not_added_is_unstaged_only() {
        let repo = project();
        repo.write("app.rs", "fn main() { run(); }\n");
        let got = status_of(&repo);
        assert_eq!(
            got.unstaged,
            ["app.rs"],
            "` M app.rs`: the working tree differs from the index"
        );
        assert!(
            got.staged.is_empty(),
            "nothing was added, so nothing is staged; got staged {:?}",
            got.staged
        );
    }

    #[test]
    fn an_added_edit_is_staged_only() {
        let repo = project();
        repo.write("app.rs", "fn main() { run(); }\n");
        repo.run(&["add", "app.rs"]);
        let got = status_of(&repo);
        assert_eq!(
            got.staged,
            ["app.rs"],
            "`M  app.rs`: the index differs from HEAD"
        );
        assert!(
            got.unstaged.is_empty(),
            "after `git add` the working tree matches the index; got unstaged {:?}",
            got.unstaged
        );
    }

    #[test]
    fn edited_after_add_is_both_staged_and_unstaged() {
        let repo = project();
        repo.write("lib.rs", "pub fn f() -> u8 { 1 }\n");
        repo.run(&["add", "lib.rs"]);
        repo.write("lib.rs", "pub fn f() -> u8 { 2 }\n");
        let got = status_of(&repo);
        assert_eq!(
            (got.staged, got.unstaged),
            (vec!["lib.rs".to_string()], vec!["lib.rs".to_string()]),
            "`MM lib.rs`: the index holds the first edit (the next commit gets `1`), the \
             working tree the second"
        );
    }

    #[test]
    fn new_files_are_untracked_until_added() {
        let repo = project();
        repo.write("notes/todo.md", "- ship\n");
        repo.write("added.rs", "// new\n");
        repo.run(&["add", "added.rs"]);
        let got = status_of(&repo);
        assert_eq!(got.untracked, ["notes/todo.md"], "`?? notes/todo.md`");
        assert_eq!(
            got.staged,
            ["added.rs"],
            "`A  added.rs`: a new file in the index"
        );
        assert!(
            got.unstaged.is_empty(),
            "no tracked file was edited; got unstaged {:?}",
            got.unstaged
        );
    }

    #[test]
    fn deletions_count_where_they_happened() {
        let repo = project();
        repo.run(&["rm", "-q", "old.rs"]);
        repo.remove("lib.rs");
        let got = status_of(&repo);
        assert_eq!(
            got.staged,
            ["old.rs"],
            "`D  old.rs`: `git rm` deleted it from the index too"
        );
        assert_eq!(
            got.unstaged,
            ["lib.rs"],
            "` D lib.rs`: deleted from the working tree only; the index still has it"
        );
    }
}

// commit1: a commit records the index, not your working tree
//
// Between your files and a commit sits the index (the "staging area"). `git add <path>`
// copies a file's content, as it is at that moment, into the index; `git commit` turns the
// index into a commit. That is how you commit one finished change while other edits stay
// out of it. `git commit -a` skips the choice: it stages every change to a tracked file (and
// no new file at all).
//
// Make `commit_paths` commit exactly the paths it is given (new, changed or deleted files)
// and nothing else, and return the new commit's id.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

/// Commits exactly `paths` with `message`; returns the new commit's id.
pub fn commit_paths(repo: &Repo, paths: &[&str], message: &str) -> Result<String, GitError> {
    let mut add = vec!["add", "--"];
    add.extend_from_slice(paths);
    repo.git(&add)?;
    repo.git(&["commit", "-q", "-m", message])?;
    Ok(repo.git(&["rev-parse", "HEAD"])?.trim().to_string())
}

fn main() {
    let repo = Repo::init();
    repo.write("README.md", "# demo\n");
    println!("{:?}", commit_paths(&repo, &["README.md"], "Add a README"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn commit(repo: &Repo, paths: &[&str], message: &str) -> String {
        commit_paths(repo, paths, message)
            .unwrap_or_else(|e| panic!("commit_paths({paths:?}) failed: {e}"))
    }

    #[test]
    fn new_and_deleted_files_are_committed() {
        let repo = git::project();
        repo.write("notes.txt", "remember the milk\n");
        repo.remove("config.toml");
        commit(
            &repo,
            &["notes.txt", "config.toml"],
            "Add notes, drop the config",
        );
        let why = "`git add` puts a new file in the index, and stages a deleted file's deletion";
        assert_eq!(repo.files_in("HEAD"), ["app.rs", "notes.txt"], "{why}");
    }

    #[test]
    fn other_changes_stay_out_of_the_commit() {
        let repo = git::project();
        let before = repo.rev("HEAD");
        repo.write("app.rs", "fn main() { serve(); }\n");
        repo.write("config.toml", "port = 9999 # trying something\n");
        let id = commit(&repo, &["app.rs"], "Serve");
        assert_eq!(id, repo.rev("HEAD"), "the id returned is HEAD's new commit");
        assert_eq!(
            repo.rev("HEAD~1"),
            before,
            "its parent is where HEAD was before"
        );
        let app = repo.run(&["show", "HEAD:app.rs"]);
        let why = "the listed file is committed with its new content";
        assert_eq!(app, "fn main() { serve(); }\n", "{why}");
        let config = repo.run(&["show", "HEAD:config.toml"]);
        let why = "config.toml was not listed: its edit must stay out of the commit";
        assert_eq!(config, "port = 8080\n", "{why}");
        let status = repo.run(&["status", "--porcelain"]);
        let why = "the unlisted edit stays in the working tree, modified and not staged";
        assert_eq!(status, " M config.toml\n", "{why}");
    }
}

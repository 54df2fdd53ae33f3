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
    // TODO: `commit -a` stages every change to a tracked file, and no new file. Stage
    // exactly `paths` instead (`git add -- <paths>`), then commit what is staged.
    repo.git(&["commit", "-q", "-a", "-m", message])?;
    Ok(repo.git(&["rev-parse", "HEAD"])?.trim().to_string())
}

fn main() {
    let repo = Repo::init();
    repo.write("README.md", "# demo\n");
    match commit_paths(&repo, &["README.md"], "Add a README") {
        Ok(id) => println!("committed {id}"),
        Err(e) => eprintln!("{e}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// A repository with `app.rs` and `config.toml` committed.
    fn project() -> Repo {
        let repo = Repo::init();
        repo.write("app.rs", "fn main() {}\n");
        repo.write("config.toml", "port = 8080\n");
        repo.commit_all("Start the project");
        repo
    }

    fn commit(repo: &Repo, paths: &[&str], message: &str) -> String {
        commit_paths(repo, paths, message)
            .unwrap_or_else(|e| panic!("commit_paths({paths:?}) failed: {e}"))
    }

    #[test]
    fn a_new_file_is_committed() {
        let repo = project();
        repo.write("notes.txt", "remember the milk\n");
        commit(&repo, &["notes.txt"], "Add notes");
        assert!(
            repo.files_in("HEAD").contains(&"notes.txt".to_string()),
            "a new file is only in a commit once `git add` put it in the index; HEAD has {:?}",
            repo.files_in("HEAD")
        );
    }

    #[test]
    fn other_changes_stay_out_of_the_commit() {
        let repo = project();
        repo.write("app.rs", "fn main() { serve(); }\n");
        repo.write("config.toml", "port = 9999 # trying something\n");
        commit(&repo, &["app.rs"], "Serve");
        assert_eq!(
            repo.run(&["show", "HEAD:app.rs"]),
            "fn main() { serve(); }\n",
            "the listed file is committed with its new content"
        );
        assert_eq!(
            repo.run(&["show", "HEAD:config.toml"]),
            "port = 8080\n",
            "config.toml was not listed: its edit must stay out of the commit"
        );
        assert_eq!(
            repo.run(&["status", "--porcelain"]),
            " M config.toml\n",
            "the unlisted edit stays in the working tree, modified and not staged"
        );
    }

    #[test]
    fn a_deleted_file_is_recorded_as_deleted() {
        let repo = project();
        repo.remove("config.toml");
        commit(&repo, &["config.toml"], "Drop the config file");
        assert_eq!(
            repo.files_in("HEAD"),
            ["app.rs"],
            "`git add` of a deleted path stages the deletion"
        );
    }

    #[test]
    fn returns_the_new_commit_id() {
        let repo = project();
        let before = repo.rev("HEAD");
        repo.write("app.rs", "fn main() { println!(\"hi\"); }\n");
        repo.write("LICENSE", "MIT\n");
        let id = commit(&repo, &["app.rs", "LICENSE"], "Say hi, add a license");
        assert_eq!(id, repo.rev("HEAD"), "the id returned is HEAD's new commit");
        assert_eq!(
            repo.rev("HEAD~1"),
            before,
            "the new commit's parent is the commit HEAD was on before"
        );
        assert_eq!(
            repo.run(&["log", "-1", "--format=%s"]),
            "Say hi, add a license\n",
            "the commit carries the message given"
        );
        assert_eq!(
            repo.files_in("HEAD"),
            ["LICENSE", "app.rs", "config.toml"],
            "both listed paths are committed (git sorts paths byte-wise: upper case first)"
        );
    }
}

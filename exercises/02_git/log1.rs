// log1: read the history with a format that cannot break
//
// Tools read `git log` all the time: changelog generators, release notes, "who touched
// this", CI jobs that skip commits marked `[skip ci]`. `--format` picks the fields (`%H` the
// id, `%an` the author's name, `%s` the subject, `%B` the whole message) and what goes
// between them. That separator must never occur inside a field, or a commit whose message
// contains it is read wrong. Spaces, `|` and newlines all occur in names and messages; a
// NUL byte cannot (git refuses it in a message), and `%x00` writes one. `-z` ends each
// commit with a NUL too, so the output is one flat list: id, author, message, id, ...
//
// Make `history` return every commit, newest first, with its full message.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

#[derive(Debug, PartialEq)]
pub struct Commit {
    pub id: String,
    pub author: String,
    pub message: String,
}

// TODO: choose fields and separators that keep each commit's whole message and cannot
// occur inside a name or a message.
const FORMAT: &str = "%H %an %s";

pub fn history(repo: &Repo) -> Result<Vec<Commit>, GitError> {
    let out = repo.git(&["log", "-z", &format!("--format={FORMAT}")])?;
    // TODO: split the output at your separators, three fields per commit.
    let commits = out
        .split('\0')
        .filter(|record| !record.is_empty())
        .map(|record| {
            let commit: Vec<&str> = record.splitn(3, ' ').collect();
            Commit {
                id: commit[0].to_string(),
                author: commit[1].to_string(),
                message: commit[2].trim_end().to_string(),
            }
        })
        .collect();
    Ok(commits)
}

fn main() {
    let repo = Repo::init();
    repo.commit_all("First commit");
    println!("{:?}", history(&repo));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn commit_as(repo: &Repo, author: &str, message: &str) -> String {
        let status = repo
            .command()
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .env("GIT_AUTHOR_NAME", author)
            .status()
            .unwrap();
        assert!(status.success(), "setting up: git commit failed");
        repo.rev("HEAD")
    }

    fn read(repo: &Repo) -> Vec<Commit> {
        history(repo).unwrap_or_else(|e| panic!("history failed: {e}"))
    }

    #[test]
    fn simple_commits_newest_first() {
        let repo = Repo::init();
        let first = commit_as(&repo, "Grace", "Start");
        let second = commit_as(&repo, "Linus", "Add a server");
        let want = vec![
            Commit {
                id: second,
                author: "Linus".into(),
                message: "Add a server".into(),
            },
            Commit {
                id: first,
                author: "Grace".into(),
                message: "Start".into(),
            },
        ];
        assert_eq!(read(&repo), want, "git log lists the newest commit first");
    }

    #[test]
    fn names_with_spaces() {
        let repo = Repo::init();
        let id = commit_as(&repo, "Ana María Pérez", "Fix the login redirect");
        let got = read(&repo);
        assert_eq!(
            got.first().map(|c| (c.id.as_str(), c.author.as_str())),
            Some((id.as_str(), "Ana María Pérez")),
            "an author's name can contain spaces: a space cannot separate the fields"
        );
    }

    #[test]
    fn messages_with_separators_and_several_lines() {
        let repo = Repo::init();
        let message = "Parse `a | b` headers\n\nThe old parser split on |, tabs\tand\n\
                       newlines; this one reads a %H literally.";
        let id = commit_as(&repo, "Grace", message);
        commit_as(&repo, "Linus", "Second | with a bar");
        let got = read(&repo);
        assert_eq!(
            got.len(),
            2,
            "two commits were made; a separator that occurs inside a message splits it \
             into extra pieces. Read: {got:#?}"
        );
        assert_eq!(
            got[1],
            Commit {
                id,
                author: "Grace".into(),
                message: message.into()
            },
            "the whole message (subject, blank line, body) comes back as it was written"
        );
    }
}

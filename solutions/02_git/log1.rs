// log1: read the history with a format that cannot break
//
// Tools read `git log` all the time: changelog generators, release notes, "who touched
// this", CI jobs that skip commits marked `[skip ci]`. `--format` picks the fields (`%H` the
// id, `%an` the author's name, `%s` the subject, `%B` the whole message) and what goes
// between them. That separator must never occur inside a field, or a commit whose message
// contains it is read wrong. Spaces, `|` and newlines all occur in names and messages; a
// NUL byte cannot (git refuses it in a message), and `%x00` writes one. `-z` ends each
// commit with a NUL too, so the output is one flat list: id, author, message, id, ... Make
// `history` return every commit, newest first, with its full message.

#[path = "support/git.rs"]
mod git;

use git::{GitError, Repo};

#[derive(Debug, PartialEq)]
pub struct Commit {
    pub id: String,
    pub author: String,
    pub message: String,
}

const FORMAT: &str = "%H%x00%an%x00%B";

pub fn history(repo: &Repo) -> Result<Vec<Commit>, GitError> {
    let out = repo.git(&["log", "-z", &format!("--format={FORMAT}")])?;
    let fields: Vec<&str> = out.split('\0').collect();
    let commits = fields
        .chunks_exact(3)
        .map(|commit| Commit {
            id: commit[0].to_string(),
            author: commit[1].to_string(),
            message: commit[2].trim_end().to_string(),
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

    /// The history as [id, author, message] triples.
    fn read(repo: &Repo) -> Vec<[String; 3]> {
        let commits = history(repo).unwrap_or_else(|e| panic!("history failed: {e}"));
        let fields = |c: Commit| [c.id, c.author, c.message];
        commits.into_iter().map(fields).collect()
    }

    #[test]
    fn every_commit_newest_first_with_its_whole_message() {
        let repo = Repo::init();
        let message = "Parse `a | b` headers\n\nThe old parser split on |, tabs\tand\n\
                       newlines; this one reads a %H literally.";
        let first = repo.commit_as("Grace", message);
        let second = repo.commit_as("Ana María Pérez", "Add a server");
        let want = [
            [&*second, "Ana María Pérez", "Add a server"],
            [&*first, "Grace", message],
        ];
        let why = "newest first; a name can contain spaces, a message separators and lines, \
                   and the whole message (subject, blank line, body) comes back as written";
        assert_eq!(read(&repo), want, "{why}");
    }
}

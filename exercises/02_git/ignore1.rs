// ignore1: keep build output and secrets out of the repository
//
// `.gitignore` lists patterns for files git should not offer to track: build output, logs,
// local secrets. The rules that matter here:
//   `*.log`      a pattern without a slash matches a name at any depth;
//   `/dist/`     a leading slash anchors it to the repository's root; a trailing slash
//                matches directories only (and so everything inside them);
//   `!pattern`   re-includes what an earlier pattern ignored (the last match wins).
//
// Write GITIGNORE for this service. Ignore: the `target/` build directory at the root only
// (a `docs/target/` page is real content); every `.env` file and every `.env.<something>`
// variant, at any depth, except `.env.example`, which documents the variables and is
// committed; `*.log` files anywhere; `*.pem` keys anywhere.
// The tests ask `git check-ignore` about each path, so git itself is the judge.

#[path = "support/git.rs"]
mod git;

// TODO: write the patterns (one a line) that ignore what the comment above lists.
pub const GITIGNORE: &str = "\
.env
*.log
target
";

fn main() {
    print!("{GITIGNORE}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::GITIGNORE;
    use super::git::Repo;

    /// Whether git ignores `path` in a repository whose `.gitignore` is GITIGNORE.
    fn ignored(paths: &[&str]) -> Vec<(String, bool)> {
        let repo = Repo::init();
        repo.write(".gitignore", GITIGNORE);
        paths
            .iter()
            .map(|path| {
                repo.write(path, "x\n");
                // Exit status 0: ignored; 1: not ignored; anything else: an error.
                let out = repo
                    .command()
                    .args(["check-ignore", "-q", "--", path])
                    .output()
                    .unwrap();
                assert!(
                    matches!(out.status.code(), Some(0 | 1)),
                    "git check-ignore failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                (path.to_string(), out.status.success())
            })
            .collect()
    }

    fn expect(paths: &[&str], want: bool, why: &str) {
        for (path, got) in ignored(paths) {
            let verdict = if want { "ignored" } else { "tracked" };
            assert_eq!(
                got, want,
                "{path} must be {verdict}: {why}\nGITIGNORE:\n{GITIGNORE}"
            );
        }
    }

    #[test]
    fn the_build_directory_is_ignored() {
        expect(
            &["target/debug/server", "target/release/.fingerprint/x"],
            true,
            "everything under the root's target/ is build output",
        );
    }

    #[test]
    fn only_the_root_target_directory_is_ignored() {
        expect(
            &["docs/target/README.md", "src/target.rs", "target.md"],
            false,
            "only the directory target/ at the root is build output; anchor the pattern \
             with a leading slash and match directories only with a trailing one",
        );
    }

    #[test]
    fn env_files_are_ignored_at_any_depth() {
        expect(
            &[
                ".env",
                ".env.local",
                ".env.production",
                "services/api/.env.test",
            ],
            true,
            "env files hold real secrets and must never be committed",
        );
    }

    #[test]
    fn the_env_example_is_committed() {
        expect(
            &[".env.example", "services/api/.env.example"],
            false,
            "the example documents the variables with fake values; a `!` pattern after \
             the one that ignores it brings it back",
        );
    }

    #[test]
    fn logs_and_keys_are_ignored_anywhere() {
        expect(
            &[
                "server.log",
                "logs/2024/app.log",
                "deploy/tls.pem",
                "tls.pem",
            ],
            true,
            "logs and private keys belong to the machine, not the repository",
        );
    }

    #[test]
    fn source_files_are_tracked() {
        expect(
            &[
                "src/main.rs",
                "Cargo.toml",
                "README.md",
                "src/env.rs",
                "docs/logging.md",
            ],
            false,
            "the patterns must not catch ordinary source files",
        );
    }
}

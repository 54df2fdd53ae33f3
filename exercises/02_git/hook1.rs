// hook1: a pre-commit hook that keeps private keys out
//
// A private key that reaches a pushed commit is leaked for good: every clone has it, and
// deleting it in a later commit changes nothing, so the key must be revoked. Git runs the
// `.git/hooks/pre-commit` program before it records a commit; a non-zero exit aborts the
// commit, and what the hook printed tells the author why.
//
// The tests install a hook that runs `check_staged` on the files staged for the commit
// (the support code does the plumbing). Write the rule: refuse (an `Err` whose reason names
// the file) any file with a line that begins a PEM private key: `-----BEGIN `, then maybe a
// word such as `RSA`, `EC` or `OPENSSH`, then `PRIVATE KEY-----`. Public keys and
// certificates (`-----BEGIN PUBLIC KEY-----`, `-----BEGIN CERTIFICATE-----`) are fine.

#[path = "support/git.rs"]
mod git;

use git::StagedFile;

/// The pre-commit rule: `Ok` lets the commit through, `Err(reason)` refuses it.
pub fn check_staged(files: &[StagedFile]) -> Result<(), String> {
    for file in files {
        // TODO: look at each line of the file's content (`String::from_utf8_lossy`); if one
        // begins a private key, return an `Err` that names `file.path`.
        let _ = file;
    }
    Ok(())
}

fn main() {
    let key = StagedFile {
        path: "id_rsa".into(),
        content: b"-----BEGIN RSA PRIVATE KEY-----\n".to_vec(),
    };
    println!("{:?}", check_staged(&[key]));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::git::{Repo, install_hook};
    use super::*;

    /// Not a test: the hook the tests install runs this, and only then does it do anything.
    #[test]
    fn hook_entry() {
        git::hook_entry("pre-commit", || check_staged(&git::staged_files()));
    }

    const KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n\
                       -----END OPENSSH PRIVATE KEY-----\n";

    fn file(path: &str, content: &str) -> StagedFile {
        StagedFile {
            path: path.into(),
            content: content.as_bytes().to_vec(),
        }
    }

    fn repo_with_hook() -> Repo {
        let repo = Repo::init();
        repo.write("README.md", "# service\n");
        repo.commit_all("Start");
        install_hook(&repo, "pre-commit");
        repo
    }

    #[test]
    fn a_staged_private_key_is_refused_then_a_clean_commit_goes_through() {
        let repo = repo_with_hook();
        let start = repo.rev("HEAD");
        repo.write("deploy/id_ed25519", KEY);
        repo.write("deploy/run.sh", "ssh -i deploy/id_ed25519 prod\n");
        repo.run(&["add", "deploy"]);
        let refused = repo.git(&["commit", "-q", "-m", "Add deploy script"]);
        assert!(
            repo.rev("HEAD") == start,
            "the pre-commit hook must refuse a commit that stages a private key, but the \
             commit went through: HEAD now records {:?}",
            repo.files_in("HEAD")
        );
        let reason = refused.err().map(|e| e.output).unwrap_or_default();
        assert!(
            reason.contains("deploy/id_ed25519"),
            "the refusal names the file, so the author knows what to unstage; git printed:\n{reason}"
        );

        // The author unstages the key, ignores it, and commits again.
        repo.run(&["rm", "-q", "--cached", "deploy/id_ed25519"]);
        repo.write(".gitignore", "deploy/id_ed25519\n");
        repo.run(&["add", ".gitignore"]);
        let clean = repo.git(&["commit", "-q", "-m", "Add deploy script"]);
        assert!(
            clean.is_ok(),
            "without the key the commit must go through: {}",
            clean.err().map(|e| e.to_string()).unwrap_or_default()
        );
        assert_eq!(
            repo.files_in("HEAD"),
            [".gitignore", "README.md", "deploy/run.sh"],
            "the commit records the script and not the key"
        );
    }

    #[test]
    fn every_kind_of_private_key_is_refused() {
        for begin in [
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN EC PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----\r",
        ] {
            let config = format!("TLS_KEY=\"\n{begin}\nMIIEow...\n\"\nPORT=8080\n");
            let staged = [
                file("README.md", "# hi\n"),
                file("config/prod.env", &config),
            ];
            let got = check_staged(&staged);
            assert!(
                got.as_ref()
                    .is_err_and(|reason| reason.contains("config/prod.env")),
                "a file with the line {begin:?} holds a private key: refuse it and name the \
                 file; got {got:?}"
            );
        }
    }

    #[test]
    fn public_keys_and_certificates_pass() {
        let staged = [
            file(
                "certs/ca.pem",
                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            ),
            file(
                "keys/signing.pub",
                "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
            ),
            file(
                "docs/keys.md",
                "Never commit a private key. Use the PRIVATE KEY vault.\n",
            ),
        ];
        assert_eq!(
            check_staged(&staged),
            Ok(()),
            "public keys, certificates and text about keys are safe to commit"
        );
    }

    #[test]
    fn a_public_key_commits_through_the_hook() {
        let repo = repo_with_hook();
        repo.write("keys/signing.pub", "-----BEGIN PUBLIC KEY-----\nMFkw\n");
        repo.run(&["add", "keys"]);
        let got = repo.git(&["commit", "-q", "-m", "Add the signing key"]);
        assert!(
            got.is_ok(),
            "a public key is not a secret: the hook must let it through: {}",
            got.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}

// blob1: git names content by its hash
//
// Git stores each file's content as a "blob" object, and an object's id is the SHA-1 of its
// bytes with a short header in front: the type, a space, the length in decimal, a NUL byte.
// For "hi\n" git hashes the 10 bytes `blob 3\0hi\n`. A commit points to a tree, a tree to
// blobs, all by id: the same content always gets the same id (stored once, however many
// files or commits have it), and changing one byte changes the id, so history cannot be
// edited quietly.
//
// Make `blob_id` compute the id that `git hash-object` prints, from the content alone.

#[path = "support/git.rs"]
mod git;
#[path = "support/sha1.rs"]
mod sha1;

/// The id git gives a blob with this content.
pub fn blob_id(content: &[u8]) -> String {
    // TODO: build the header git puts in front of the content: `blob`, a space, the
    // content's length in bytes as decimal digits, and a NUL byte (`\0`).
    let header: Vec<u8> = Vec::new();
    let mut object = header;
    object.extend_from_slice(content);
    sha1::hex(&sha1::digest(&object))
}

fn main() {
    println!("{}", blob_id(b"hello world\n"));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::git::Repo;
    use super::*;

    #[rustfmt::skip]
    const CASES: [(&[u8], &str); 4] = [
        (b"", "the empty file, `blob 0\\0`: every repository knows e69de29..."),
        (b"hello world\n", "git hashes `blob 12\\0hello world\\n`"),
        ("naïve café ☕\n".as_bytes(), "the length is in bytes (UTF-8), not in characters"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "content is bytes: NULs and CRLFs as they are"),
    ];

    #[test]
    fn matches_git_hash_object() {
        let repo = Repo::init();
        for (content, why) in CASES {
            let (got, want) = (blob_id(content), repo.hash_object(content));
            let content = String::from_utf8_lossy(content);
            let why = format!("for {content:?}, git hash-object says {want}: {why}");
            assert_eq!(got, want, "{why}");
        }
    }

    #[test]
    fn a_commit_records_blobs_by_id() {
        let repo = Repo::init();
        repo.write("a.txt", "same\n");
        repo.write("copy-of-a.txt", "same\n");
        repo.write("b.txt", "different\n");
        repo.commit_all("Three files, two contents");
        let tree = repo.run(&["ls-tree", "HEAD"]);
        let same = blob_id(b"same\n");
        assert_eq!(
            tree.matches(&same).count(),
            2,
            "your id for \"same\\n\" ({same}) should appear twice in HEAD's tree, once for \
             a.txt and once for copy-of-a.txt: one blob for one content. The tree:\n{tree}"
        );
        assert_eq!(
            repo.run(&["cat-file", "-p", &blob_id(b"different\n")]),
            "different\n",
            "git finds the stored blob under the id you computed"
        );
    }
}

// tempdir1: a temporary directory per test
//
// Code that writes files (uploads, exports, a SQLite file) needs tests that write files, and
// those tests need somewhere to write. A fixed path like `/tmp/test-uploads` goes wrong fast:
// `cargo test` runs tests in parallel threads, so two tests write into the same directory at
// once, and whatever a failed test left behind breaks the next run.
//
// Each test needs its own directory, with a name no other test (in this process or another
// one) will pick, and it must disappear when the test ends, whether the test passes or panics.
// That last part is RAII: put the clean-up in `Drop`, and Rust runs it when the value goes out
// of scope, also while a panic unwinds. (The `tempfile` crate is the production version.)
//
// Make `TempDir::new` create a fresh, unique, empty directory and make dropping a `TempDir`
// remove it with everything inside. `save_upload` is the code under test.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Saves an uploaded file as `dir/name`. Names that could escape `dir` are refused.
pub fn save_upload(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let safe = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\'])
        && !name.starts_with('.');
    if !safe {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing the file name {name:?}"),
        ));
    }
    let path = dir.join(name);
    fs::write(&path, bytes)?;
    Ok(path)
}

/// A directory that exists as long as this value does.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a new, empty directory in the system's temp dir, named from `prefix`, the process
    /// id and a counter, so that no other test and no other test run picks the same name.
    pub fn new(prefix: &str) -> io::Result<TempDir> {
        // TODO: every call must create a new directory of its own, even when two tests run at
        // the same moment with the same prefix, or another test process runs too.
        let path = std::env::temp_dir().join(format!("backlings-{prefix}"));
        fs::create_dir_all(&path)?;
        Ok(TempDir { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

// TODO: when a `TempDir` is dropped, remove its directory and everything in it.

fn main() -> io::Result<()> {
    let dir = TempDir::new("demo")?;
    let saved = save_upload(dir.path(), "hello.txt", b"hello")?;
    println!("saved {}", saved.display());
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::thread;

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn each_temp_dir_is_new_and_empty() {
        let a = TempDir::new("same-prefix").unwrap();
        let b = TempDir::new("same-prefix").unwrap();
        assert_ne!(a.path(), b.path());
        for dir in [&a, &b] {
            assert!(dir.path().is_dir());
            assert!(dir.path().starts_with(std::env::temp_dir()));
            assert_eq!(
                entries(dir.path()),
                0,
                "{} is not empty",
                dir.path().display()
            );
        }
    }

    #[test]
    fn dropping_removes_the_dir_and_everything_in_it() {
        let dir = TempDir::new("drop").unwrap();
        let path = dir.path().to_path_buf();
        save_upload(&path, "a.txt", b"a").unwrap();
        fs::create_dir(path.join("nested")).unwrap();
        fs::write(path.join("nested").join("b.txt"), b"b").unwrap();

        drop(dir);
        assert!(!path.exists(), "{} is still there", path.display());
    }

    #[test]
    fn the_dir_is_removed_even_when_the_test_panics() {
        let (path_tx, path_rx) = mpsc::channel();
        let failed_test = thread::spawn(move || {
            let dir = TempDir::new("panic").unwrap();
            save_upload(dir.path(), "report.csv", b"1,2,3").unwrap();
            path_tx.send(dir.path().to_path_buf()).unwrap();
            panic!("this test fails on purpose, half-way through");
        });
        assert!(failed_test.join().is_err());
        let path = path_rx.recv().unwrap();
        assert!(!path.exists(), "{} survived the panic", path.display());
    }

    #[test]
    fn parallel_tests_do_not_see_each_others_files() {
        thread::scope(|s| {
            for i in 0..16 {
                s.spawn(move || {
                    let dir = TempDir::new("parallel").unwrap();
                    let mine = format!("written by thread {i}");
                    let path = save_upload(dir.path(), "data.txt", mine.as_bytes()).unwrap();
                    assert_eq!(fs::read_to_string(path).unwrap(), mine);
                    assert_eq!(entries(dir.path()), 1);
                });
            }
        });
    }

    #[test]
    fn save_upload_writes_the_file() {
        let dir = TempDir::new("upload").unwrap();
        let path = save_upload(dir.path(), "cat.png", b"\x89PNG").unwrap();
        assert_eq!(path, dir.path().join("cat.png"));
        assert_eq!(fs::read(&path).unwrap(), b"\x89PNG");
    }

    #[test]
    fn save_upload_refuses_names_that_escape_the_dir() {
        let dir = TempDir::new("escape").unwrap();
        for name in [
            "",
            ".",
            "..",
            "../evil.sh",
            "a/b.txt",
            "a\\b.txt",
            ".bashrc",
        ] {
            let err = save_upload(dir.path(), name, b"x").unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{name:?}");
        }
        assert_eq!(entries(dir.path()), 0);
    }
}

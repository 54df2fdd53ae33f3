// tempdir1: a temporary directory per test
//
// Tests of code that writes files need somewhere to write. A fixed path like
// `/tmp/test-uploads` goes wrong fast: `cargo test` runs tests in parallel threads, so two
// tests write into one directory at once, and what a failed test left behind breaks the next
// run. Each test needs a directory of its own, with a name no other test (in this process or
// another) picks, removed when the test ends, whether it passes or panics. That last part is
// RAII: clean-up in `Drop` runs when the value goes out of scope, also while a panic unwinds.
//
// Make `TempDir::new` create a new, unique, empty directory, and dropping one remove it.
// (The `tempfile` crate is the production version.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::{fs, io};

#[path = "support/uploads.rs"]
mod uploads;

/// A directory that exists as long as this value does.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A new, empty directory in the system's temp dir, named from `prefix`, the process id
    /// and a counter, so that no other test and no other test run picks the same name.
    pub fn new(prefix: &str) -> io::Result<TempDir> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!("backlings-{prefix}-{}-{n}", std::process::id());
            let path = std::env::temp_dir().join(name);
            // `create_dir`, not `create_dir_all`: it fails if the directory exists (left over
            // from a crashed run with the same process id), and then we try the next name.
            match fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // `drop` cannot return an error, and a leftover directory is not worth a panic.
        let _ = fs::remove_dir_all(&self.path);
    }
}

fn main() -> io::Result<()> {
    let dir = TempDir::new("demo")?;
    let saved = uploads::save_upload(dir.path(), "hello.txt", b"hello")?;
    println!("saved {}", saved.display());
    Ok(())
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::uploads::save_upload;
    use std::thread;

    fn entries(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn each_temp_dir_is_new_and_empty() {
        let a = TempDir::new("same-prefix").unwrap();
        let b = TempDir::new("same-prefix").unwrap();
        assert_ne!(a.path(), b.path(), "two calls, two directories");
        for dir in [&a, &b] {
            let shown = dir.path().display();
            assert!(dir.path().is_dir(), "{shown} was created");
            assert_eq!(entries(dir.path()), 0, "{shown} starts empty");
        }
    }

    #[test]
    fn dropping_removes_the_dir_and_everything_in_it() {
        let dir = TempDir::new("drop").unwrap();
        let path = dir.path().to_path_buf();
        fs::create_dir(path.join("nested")).unwrap();
        save_upload(&path.join("nested"), "a.txt", b"a").unwrap();
        drop(dir);
        assert!(!path.exists(), "{} outlived its TempDir", path.display());
    }

    #[test]
    fn the_dir_is_removed_even_when_the_test_panics() {
        let failed_test = thread::spawn(move || {
            let dir = TempDir::new("panic").unwrap();
            save_upload(dir.path(), "report.csv", b"1,2,3").unwrap();
            // A test that fails half-way: its panic message carries the path.
            panic!("{}", dir.path().display());
        });
        let panic = failed_test
            .join()
            .expect_err("the thread panics on purpose");
        let path = PathBuf::from(*panic.downcast::<String>().unwrap());
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
                    let read = fs::read_to_string(path).unwrap();
                    assert_eq!(
                        read, mine,
                        "another thread wrote into this test's directory"
                    );
                });
            }
        });
    }
}

//! `.backlings-state.toml`: the learner's position and finished exercises. Written
//! atomically under a file lock and re-read before each write, so two runner processes lose
//! no progress. Keyed by exercise name, so reordering or adding exercises keeps it.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::UserError;
use crate::fsutil::{open_regular, write_atomic};

/// The state file's name at the course root.
pub const STATE_FILE: &str = ".backlings-state.toml";

/// The newest state format this runner writes and understands.
pub const STATE_FORMAT_VERSION: u32 = 1;

/// The learner's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The state format the file was written in.
    pub format_version: u32,
    /// The learner's position: the exercise `run` and `hint` use without a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// Names of the exercises that passed their last check (unknown names are kept).
    #[serde(default)]
    pub done: Vec<String>,
    /// Whether the welcome message was shown.
    #[serde(default)]
    pub welcomed: bool,
}

impl Default for State {
    fn default() -> State {
        State {
            format_version: STATE_FORMAT_VERSION,
            current: None,
            done: Vec::new(),
            welcomed: false,
        }
    }
}

impl State {
    /// Whether an exercise is done.
    pub fn is_done(&self, name: &str) -> bool {
        self.done.iter().any(|d| d == name)
    }

    /// Records a check's result: a pass marks the exercise done, a failure pending.
    pub fn record(&mut self, name: &str, passed: bool) {
        if passed {
            if !self.is_done(name) {
                self.done.push(name.to_owned());
            }
        } else {
            self.done.retain(|d| d != name);
        }
    }
}

/// The state file of one course.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
}

/// A loaded state, and a message to show if the file had to be moved aside.
#[derive(Debug)]
pub struct Loaded {
    /// The state (empty if there was none or it was unreadable).
    pub state: State,
    /// Said once when an unreadable file was moved to `.bak`.
    pub notice: Option<String>,
}

impl StateFile {
    /// The state file at a course root.
    pub fn at(course_root: &Path) -> StateFile {
        StateFile {
            path: course_root.join(STATE_FILE),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("toml.lock")
    }

    fn backup_path(&self) -> PathBuf {
        self.path.with_extension("toml.bak")
    }

    /// Reads the state. A missing file is empty progress; an unreadable one is moved aside
    /// to `.bak` with a notice; a newer format is an error and the file is left alone.
    ///
    /// # Errors
    /// The file is not a regular file, cannot be read, or is from a newer backlings.
    pub fn load(&self) -> Result<Loaded, UserError> {
        let file = open_regular(&self.path, OpenOptions::new().read(true), "state file")?;
        let Some(mut file) = file else {
            return Ok(Loaded {
                state: State::default(),
                notice: None,
            });
        };
        let mut text = Vec::new();
        file.read_to_end(&mut text)
            .map_err(|e| UserError::io("read", &self.path, &e))?;
        match parse(&text) {
            Parsed::Good(state) => Ok(Loaded {
                state,
                notice: None,
            }),
            Parsed::Newer(version) => Err(UserError::new(format!(
                "{}: written by a newer backlings (state format {version}, this one reads \
                 {STATE_FORMAT_VERSION}): update backlings; the file was left as it is",
                self.path.display()
            ))),
            Parsed::Unreadable(why) => {
                let backup = self.backup_path();
                fs::rename(&self.path, &backup)
                    .map_err(|e| UserError::io("move aside", &self.path, &e))?;
                Ok(Loaded {
                    state: State::default(),
                    notice: Some(format!(
                        "{}: could not be read ({why}); it was moved to {} and progress \
                         starts empty (check the exercises again to restore it)",
                        self.path.display(),
                        backup.display()
                    )),
                })
            }
        }
    }

    /// Applies `change` to the newest state on disk and writes the result atomically, all
    /// under a lock, so concurrent runners never overwrite each other's progress.
    ///
    /// # Errors
    /// As [`StateFile::load`], or the lock or the write fails.
    pub fn update(&self, change: impl FnOnce(&mut State)) -> Result<Loaded, UserError> {
        let lock_path = self.lock_path();
        let lock = open_regular(
            &lock_path,
            OpenOptions::new().create(true).truncate(false).write(true),
            "state file's lock",
        )?
        .ok_or_else(|| UserError::new(format!("{}: could not be created", lock_path.display())))?;
        lock_exclusive(&lock, &self.lock_path())?;
        let mut loaded = self.load()?;
        change(&mut loaded.state);
        loaded.state.format_version = STATE_FORMAT_VERSION;
        let text = toml::to_string(&loaded.state).map_err(|e| {
            UserError::new(format!("{}: could not encode: {e}", self.path.display()))
        })?;
        write_atomic(&self.path, text.as_bytes())?;
        // Dropping the file releases the lock.
        drop(lock);
        Ok(loaded)
    }
}

fn lock_exclusive(file: &File, path: &Path) -> Result<(), UserError> {
    file.lock().map_err(|e| UserError::io("lock", path, &e))
}

enum Parsed {
    Good(State),
    Newer(u32),
    Unreadable(String),
}

fn parse(bytes: &[u8]) -> Parsed {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::Unreadable("not UTF-8 text".to_owned());
    };
    // Look at the version first, so a newer file with fields we do not know is not
    // mistaken for a corrupt one.
    if let Ok(table) = text.parse::<toml::Table>()
        && let Some(version) = table
            .get("format_version")
            .and_then(toml::Value::as_integer)
        && version > i64::from(STATE_FORMAT_VERSION)
    {
        return Parsed::Newer(u32::try_from(version).unwrap_or(u32::MAX));
    }
    match toml::from_str::<State>(text) {
        Ok(state) => Parsed::Good(state),
        Err(e) => Parsed::Unreadable(e.message().trim_end().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::{State, StateFile};

    #[test]
    fn round_trips_and_keeps_unknown_names() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = StateFile::at(dir.path());
        file.update(|s| {
            s.record("a", true);
            s.record("gone_from_the_course", true);
            s.current = Some("b".into());
        })
        .expect("write");
        let loaded = file.load().expect("read").state;
        assert_eq!(loaded.done, ["a", "gone_from_the_course"]);
        assert_eq!(loaded.current.as_deref(), Some("b"));
        file.update(|s| s.record("a", false)).expect("write");
        assert_eq!(
            file.load().expect("read").state.done,
            ["gone_from_the_course"]
        );
    }

    #[test]
    fn a_corrupt_file_is_moved_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = StateFile::at(dir.path());
        std::fs::write(file.path(), "done = [unclosed").expect("write");
        let loaded = file.load().expect("load goes on");
        assert_eq!(loaded.state, State::default());
        assert!(loaded.notice.expect("a notice").contains(".bak"));
        assert!(!file.path().exists());
        assert!(dir.path().join(".backlings-state.toml.bak").exists());
    }

    #[test]
    fn a_newer_format_is_an_error_and_the_file_stays() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = StateFile::at(dir.path());
        std::fs::write(file.path(), "format_version = 9\nnew_thing = 1\n").expect("write");
        let error = file.load().expect_err("newer");
        assert!(error.0.contains("newer backlings"), "{error}");
        assert!(file.path().exists());
    }
}

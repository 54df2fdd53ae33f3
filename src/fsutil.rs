//! Writing files so that a crash or a full disk never leaves half a file behind, a rewritten
//! file keeps its mode, a new one follows the umask, and a leftover temporary file is one git
//! ignores; and opening files that must be regular without ever blocking on a FIFO.

use std::fs::{File, OpenOptions};
use std::hash::BuildHasher;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::UserError;

/// What every temporary file's name contains; the generated `.gitignore` ignores it
/// (`*.backlings-tmp*`), so a write killed half-way leaves nothing git sees.
pub const TEMP_MARK: &str = ".backlings-tmp";

/// The `.gitignore` line that covers temporary files.
pub const TEMP_IGNORE: &str = "*.backlings-tmp*";

/// A temporary file left by a killed write is removed when older than this.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Writes `contents` to `path` through a temporary file in the same directory and a rename.
/// An existing file keeps its permission bits; a new one gets 0666 less the umask, like any
/// file a program creates.
///
/// # Errors
/// The directory cannot be created or written, or the rename fails; the message names the
/// file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), UserError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| UserError::io("create the directory of", path, &e))?;
    remove_stale_temps(path);
    let old_mode = std::fs::metadata(path).ok().map(|m| m.permissions());
    let temp = temp_path(path);
    let result = (|| -> io::Result<()> {
        // create_new with the default mode: the kernel applies the umask.
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        if let Some(mode) = old_mode {
            file.set_permissions(mode)?;
        }
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(UserError::io("write", path, &e));
    }
    Ok(())
}

/// `dir/.name.backlings-tmp.RANDOM`, beside the file it will replace.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let random = std::collections::hash_map::RandomState::new().hash_one(SystemTime::now());
    path.with_file_name(format!(".{name}{TEMP_MARK}.{random:016x}"))
}

/// Removes temporary files for `path` that a killed write left, once they are old enough
/// that no running write can own them.
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}{TEMP_MARK}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Opens a file that must be a regular file, without blocking if it is a FIFO or a device
/// (`O_NONBLOCK`, then `fstat`). `Ok(None)` when it does not exist.
///
/// # Errors
/// It is not a regular file (the message says what to do), or it cannot be opened.
pub fn open_regular(
    path: &Path,
    options: &mut OpenOptions,
    what: &str,
) -> Result<Option<File>, UserError> {
    let file = match options.custom_flags(libc::O_NONBLOCK).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        // A FIFO with no reader refuses a non-blocking open for writing (ENXIO).
        Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
            return Err(not_regular(path, what));
        }
        Err(e) => return Err(UserError::io("open", path, &e)),
    };
    let metadata = file
        .metadata()
        .map_err(|e| UserError::io("inspect", path, &e))?;
    if !metadata.is_file() {
        return Err(not_regular(path, what));
    }
    Ok(Some(file))
}

fn not_regular(path: &Path, what: &str) -> UserError {
    UserError::new(format!(
        "{}: the {what} is not a regular file (a FIFO, a device or a directory?): remove it \
         (`rm {}`) and run the command again",
        path.display(),
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::write_atomic;

    #[test]
    fn a_rewritten_file_keeps_its_mode() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("exercise.rs");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, b"new").expect("rewrite");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["exercise.rs"], "no temporary file is left");
    }
}

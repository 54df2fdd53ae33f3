//! Writing files so that a crash or a full disk never leaves half a file behind.

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

use crate::error::UserError;

/// Writes `contents` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), UserError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| UserError::io("create the directory of", path, &e))?;
    let mut file = NamedTempFile::new_in(dir).map_err(|e| UserError::io("write", path, &e))?;
    file.write_all(contents)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| UserError::io("write", path, &e))?;
    file.persist(path)
        .map_err(|e| UserError::io("write", path, &e.error))?;
    Ok(())
}

//! The code under test for tempdir1: `save_upload`, which writes an uploaded file into a
//! directory. You don't need to edit it.
#![allow(dead_code)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Saves an uploaded file as `dir/name`. Names that could escape `dir` are refused.
pub fn save_upload(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let safe = !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\']);
    if !safe {
        let refused = format!("refusing the file name {name:?}");
        return Err(io::Error::new(io::ErrorKind::InvalidInput, refused));
    }
    let path = dir.join(name);
    fs::write(&path, bytes)?;
    Ok(path)
}

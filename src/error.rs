//! The error every command can end with: something about the arguments, the course or the
//! environment is wrong. It always means exit code 2 and one message that says what to do.

use std::fmt;
use std::io;
use std::path::Path;

use crate::manifest::ManifestError;

/// A problem the user can fix; the message names the file and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError(pub String);

impl UserError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> UserError {
        UserError(message.into())
    }

    /// An I/O failure on `path` while doing `action` ("read", "write", ...).
    pub fn io(action: &str, path: &Path, error: &io::Error) -> UserError {
        UserError(format!(
            "{}: could not {action} it: {error}",
            path.display()
        ))
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

impl From<ManifestError> for UserError {
    fn from(e: ManifestError) -> UserError {
        UserError(e.to_string())
    }
}

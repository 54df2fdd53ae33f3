//! Instructor commands: `dev sync`, `dev new`, `dev check`.

use std::path::Path;

use crate::cli::Finished;
use crate::cli::args::NewMode;
use crate::cli::print;
use crate::course::Course;
use crate::error::UserError;
use crate::ui::Theme;
use crate::workspace;

/// `dev sync`: bring the workspace in line with the manifest.
pub fn sync(root: &Path) -> Result<Finished, UserError> {
    let course = Course::load(root)?;
    let changes = workspace::sync(&course)?;
    if changes.is_empty() {
        print("The exercise packages already match info.toml.\n");
    }
    for change in changes {
        print(&format!("{change}\n"));
    }
    Ok(Finished::Success)
}

/// `dev new`.
pub fn new(_root: &Path, _name: &str, _stage: &str, _mode: NewMode) -> Result<Finished, UserError> {
    Err(UserError::new("dev new is not built yet"))
}

/// `dev check`.
pub fn check(_root: &Path, _theme: &Theme) -> Result<Finished, UserError> {
    Err(UserError::new("dev check is not built yet"))
}

//! Watch mode.

use crate::cli::args::WatchArgs;
use crate::cli::{Context, Finished};
use crate::error::UserError;

/// Runs watch mode until the learner quits.
pub fn run(_context: &Context, _options: &WatchArgs) -> Result<Finished, UserError> {
    Err(UserError::new("watch mode is not built yet"))
}

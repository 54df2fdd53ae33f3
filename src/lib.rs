//! backlings: an exercise runner that teaches backend development in Rust.
//!
//! [`run`] takes the command line and returns the process's exit code; every exit code is
//! decided here: 0 success, 1 a check did not pass, 2 the arguments, the course or the
//! environment is wrong.

mod anatomy;
mod checks;
mod cli;
mod course;
mod dev;
mod editor;
mod error;
#[cfg(test)]
mod fixtures;
mod fsutil;
mod manifest;
mod progress;
mod runner;
mod session;
mod shipped;
mod signals;
mod text;
mod ui;
mod watch;
mod workspace;

use std::ffi::OsString;

use clap::Parser;

use cli::args::Cli;
use session::Finished;

/// Exit code: everything asked for succeeded.
pub const EXIT_SUCCESS: i32 = 0;
/// Exit code: an exercise (or a course check) did not pass.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: the arguments, the course or the environment is wrong.
pub const EXIT_USAGE: i32 = 2;

/// Runs backlings with these arguments (the first is the program name) and returns the exit
/// code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are printed on stdout and succeed; usage errors are exit 2.
            let _ = e.print();
            return if e.use_stderr() {
                EXIT_USAGE
            } else {
                EXIT_SUCCESS
            };
        }
    };
    match cli::execute(cli) {
        Ok(Finished::Success) => EXIT_SUCCESS,
        Ok(Finished::Failure) => EXIT_FAILURE,
        Ok(Finished::Environment) => EXIT_USAGE,
        // The shell's convention for a command ended by a signal: 128 + its number.
        Ok(Finished::Interrupted(signal)) => 128 + signal,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}

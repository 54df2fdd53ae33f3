//! The commands: each loads what it needs, does its work, and says whether it succeeded.

pub mod args;
mod doctor;
mod learner;

use std::io::IsTerminal;

use crate::course::{self, Course};
use crate::dev;
use crate::error::UserError;
pub use crate::session::{Context, Finished, command_name, dumb_terminal, print};
use crate::shipped::{self, Pristine};
use crate::ui::Theme;
use crate::watch;
use args::{Cli, ColorChoice, Command, DevCommand};

/// Whether a stream gets colors: `--color always` or `never`, else a terminal that is not
/// `TERM=dumb` (a terminal without capabilities) and no `NO_COLOR` (no-color.org).
fn color_enabled(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none() && !dumb_terminal()
        }
    }
}

/// Runs a parsed command line.
///
/// # Errors
/// The course cannot be found or loaded, or the command's own error.
pub fn execute(cli: Cli) -> Result<Finished, UserError> {
    let locate = || course::locate(cli.course.as_deref());
    let out = Theme::new(color_enabled(cli.color, std::io::stdout().is_terminal()));
    let err = Theme::new(color_enabled(cli.color, std::io::stderr().is_terminal()));
    let open = || -> Result<Context, UserError> {
        // A missing exercise file is not an error here: list, progress and hint show it as
        // missing, reset restores it, and a check of its stage says so.
        let course = Course::load_manifest(&locate()?)?;
        shipped::save_pristine(&course, Pristine::KeepFirst)?;
        Ok(Context {
            course,
            out: out.clone(),
            err: err.clone(),
            backtrace: cli.backtrace,
            command: command_name(),
        })
    };
    match cli.command.unwrap_or(Command::Watch(cli.watch)) {
        Command::Watch(options) => watch::run(
            &open()?,
            &watch::Options {
                poll: options.poll,
                edit_cmd: options.edit_cmd,
            },
        ),
        Command::Run { name } => learner::run(&open()?, name.as_deref()),
        Command::Verify { names, format } => learner::verify(&open()?, &names, format),
        Command::Progress { format } => learner::progress(&open()?, format),
        Command::Doctor { format } => doctor::doctor(&open()?, format),
        Command::Completions { shell } => {
            // No course needed: a shell's start-up script runs it anywhere.
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "backlings", &mut script);
            print(&String::from_utf8_lossy(&script));
            Ok(Finished::Success)
        }
        Command::List { format } => learner::list(&open()?, format),
        Command::Hint { name, all } => learner::hint(&open()?, name.as_deref(), all),
        Command::Reset { name } => learner::reset(&open()?, &name),
        Command::Dev(dev_command) => {
            let root = locate()?;
            // An instructor's working files are what ships: refresh the pristine copies. A
            // course that does not load is reported by the command itself.
            if let Ok(course) = Course::load(&root) {
                shipped::save_pristine(&course, Pristine::Refresh)?;
            }
            match dev_command {
                DevCommand::Sync => dev::sync(&root),
                DevCommand::New { name, stage, mode } => dev::new(&root, &name, &stage, mode),
                DevCommand::Check { strict, stages } => dev::check(&root, &err, strict, &stages),
            }
        }
    }
}

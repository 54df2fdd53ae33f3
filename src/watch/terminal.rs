//! Giving the terminal back as it was, on every way out: quit, Ctrl-C, SIGTERM, a panic.
//! crossterm keeps the settings it found when raw mode began and puts them back.

use std::io::Write;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The terminal in watch mode's state (raw, alternate screen, cursor hidden) while it lives.
#[derive(Debug)]
pub struct TerminalGuard;

fn restore() {
    let mut stdout = std::io::stdout();
    let _ = execute!(stdout, Show, LeaveAlternateScreen);
    let _ = stdout.flush();
    let _ = disable_raw_mode();
}

impl TerminalGuard {
    /// Makes the terminal raw, switches to the alternate screen, hides the cursor, and makes
    /// a panic restore the terminal before its message is printed.
    ///
    /// # Errors
    /// The terminal refused raw mode.
    pub fn take() -> std::io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        let mut stdout = std::io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, Hide) {
            restore();
            return Err(e);
        }
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

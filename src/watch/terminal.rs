//! Giving the terminal back as it was, on every way out: quit, Ctrl-C, SIGTERM, a panic.
//! The key reader leaves the terminal raw while it waits for a key and cannot be
//! interrupted, so the settings saved at start are put back explicitly.

use std::io::Write;
use std::os::fd::AsRawFd;

/// The terminal's settings at start; restored when dropped.
#[derive(Debug)]
pub struct TerminalGuard {
    saved: Option<libc::termios>,
}

fn restore(saved: Option<&libc::termios>) {
    if let Some(termios) = saved {
        let fd = std::io::stdin().as_raw_fd();
        // SAFETY: tcsetattr reads the termios we saved from this same descriptor.
        unsafe {
            libc::tcsetattr(fd, libc::TCSANOW, termios);
        }
    }
    // Show the cursor again and leave the alternate screen.
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(b"\x1b[?25h\x1b[?1049l");
    let _ = stdout.flush();
}

impl TerminalGuard {
    /// Saves the settings, switches to the alternate screen, hides the cursor, and makes a
    /// panic restore the terminal before its message is printed.
    pub fn take() -> TerminalGuard {
        let fd = std::io::stdin().as_raw_fd();
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr writes a termios into the buffer we own; we only read it on success.
        let saved = unsafe {
            if libc::tcgetattr(fd, termios.as_mut_ptr()) == 0 {
                Some(termios.assume_init())
            } else {
                None
            }
        };
        let previous = std::panic::take_hook();
        let for_panic = saved;
        std::panic::set_hook(Box::new(move |info| {
            restore(for_panic.as_ref());
            previous(info);
        }));
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(b"\x1b[?1049h\x1b[?25l");
        let _ = stdout.flush();
        TerminalGuard { saved }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.saved.as_ref());
    }
}

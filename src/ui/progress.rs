//! Progress on stderr while a check runs: a bar on terminals, a notice when cargo waits.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

use crate::runner::{CheckResult, Observer};

/// Said while cargo waits for another process's lock on the target directory.
pub const LOCK_WAIT_MESSAGE: &str = "waiting for another cargo process in this course (a second backlings, a cargo command, an editor) to release the build directory";

/// Says once on stderr that cargo waits for a lock.
#[derive(Debug, Default)]
pub struct LockNotice {
    said: AtomicBool,
}

impl Observer for LockNotice {
    fn lock_wait(&self) {
        if !self.said.swap(true, Ordering::SeqCst) {
            eprintln!("{LOCK_WAIT_MESSAGE}…");
        }
    }
}

/// A progress bar over the exercises being checked, on stderr when it is a terminal.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
    /// Without a terminal the bar is hidden; the lock notice is then a line.
    notice: LockNotice,
}

impl Bar {
    /// A bar for `total` exercises (hidden when stderr is not a terminal).
    pub fn new(total: usize) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar {
                bar: ProgressBar::hidden(),
                notice: LockNotice::default(),
            };
        }
        let bar = ProgressBar::new(total as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("compiling");
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Bar {
            bar,
            notice: LockNotice::default(),
        }
    }

    /// Sets the text beside the bar.
    pub fn message(&self, text: &str) {
        self.bar.set_message(text.to_owned());
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for Bar {
    fn lock_wait(&self) {
        if self.bar.is_hidden() {
            self.notice.lock_wait();
        } else {
            self.bar.set_message(LOCK_WAIT_MESSAGE);
        }
    }
    fn built(&self) {
        self.bar.set_message("running");
    }
    fn finished(&self, result: &CheckResult) {
        self.bar.set_message(result.name.clone());
        self.bar.inc(1);
    }
}

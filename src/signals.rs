//! The signals that end a command (Ctrl-C's SIGINT, SIGTERM, SIGHUP when the terminal
//! closes), turned into a cancel flag, so a command first ends the learner's processes and
//! then exits instead of dying and leaving them running.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::thread::{self, JoinHandle};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use signal_hook::iterator::backend::Handle;

use crate::error::UserError;
use crate::runner::process::Cancel;

/// The signals that end a command.
pub const ENDING: [i32; 3] = [SIGINT, SIGTERM, SIGHUP];

/// Listens for [`ENDING`] signals while it lives; the first one cancels [`Interrupts::cancel`].
#[derive(Debug)]
pub struct Interrupts {
    cancel: Cancel,
    received: Arc<AtomicI32>,
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

impl Interrupts {
    /// Starts listening.
    ///
    /// # Errors
    /// The signal handlers could not be installed.
    pub fn listen() -> Result<Interrupts, UserError> {
        let mut signals = Signals::new(ENDING)
            .map_err(|e| UserError::new(format!("cannot listen for signals: {e}")))?;
        let handle = signals.handle();
        let cancel = Cancel::new();
        let received = Arc::new(AtomicI32::new(0));
        let thread = {
            let cancel = cancel.clone();
            let received = Arc::clone(&received);
            thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    received.store(signal, Ordering::SeqCst);
                    cancel.cancel();
                }
            })
        };
        Ok(Interrupts {
            cancel,
            received,
            handle,
            thread: Some(thread),
        })
    }

    /// The flag the first signal sets.
    pub fn cancel(&self) -> &Cancel {
        &self.cancel
    }

    /// The signal that arrived, if one did.
    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

//! Running a learner's program with bounds that nothing it does can break: its own process
//! group (killed at the timeout and when the program exits), a null stdin, capped output
//! that is still drained, and a short grace period for pipes held open by escaped children.

use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How much output is kept per run; the rest is read and dropped.
pub const OUTPUT_CAP: usize = 1 << 20;

/// How long output is still read after the program exited or was killed. A grandchild
/// that left the process group may hold the pipes open forever; it must not hold us.
const DRAIN_GRACE: Duration = Duration::from_millis(150);

/// How often a blocked wait looks at the cancel flag.
const POLL: Duration = Duration::from_millis(20);

/// A flag another thread sets to stop a run early (watch mode: a newer save, or quit).
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag that is not set.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks every run watching this flag to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// How a bounded run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The program exited by itself with this status.
    Exited(ExitStatus),
    /// It ran past its time bound and was killed.
    TimedOut,
    /// The run was cancelled and killed.
    Cancelled,
}

/// What a bounded run produced.
#[derive(Debug, Clone)]
pub struct RunOutput {
    /// How it ended.
    pub ending: Ending,
    /// Standard output alone (capped), for comparing with expected output and parsing.
    pub stdout: Vec<u8>,
    /// Standard output and error interleaved as they arrived (capped), for showing.
    pub combined: Vec<u8>,
    /// Wall time from start to exit or kill.
    pub elapsed: Duration,
}

impl RunOutput {
    /// Whether the program exited by itself with status 0.
    pub fn success(&self) -> bool {
        matches!(self.ending, Ending::Exited(s) if s.success())
    }

    /// A short description of a failed ending ("exit code 3", "killed by signal 9").
    pub fn describe_ending(&self) -> String {
        match self.ending {
            Ending::Exited(status) => match (status.code(), status.signal()) {
                (Some(code), _) => format!("exit code {code}"),
                (None, Some(signal)) => format!("killed by signal {signal}"),
                (None, None) => "an unknown exit status".to_owned(),
            },
            Ending::TimedOut => "timed out".to_owned(),
            Ending::Cancelled => "cancelled".to_owned(),
        }
    }
}

#[derive(Debug, Default)]
struct Captured {
    stdout: Vec<u8>,
    combined: Vec<u8>,
    dropped: usize,
}

impl Captured {
    fn push(&mut self, bytes: &[u8], is_stdout: bool) {
        if is_stdout {
            let room = OUTPUT_CAP.saturating_sub(self.stdout.len());
            self.stdout
                .extend_from_slice(&bytes[..bytes.len().min(room)]);
        }
        let room = OUTPUT_CAP.saturating_sub(self.combined.len());
        let kept = bytes.len().min(room);
        self.combined.extend_from_slice(&bytes[..kept]);
        self.dropped += bytes.len() - kept;
    }
}

/// Runs `command` with a null stdin in its own process group, bounded by `timeout`.
/// The whole group is killed at the bound, on cancel, and as soon as the program exits.
pub fn run_bounded(
    mut command: Command,
    timeout: Duration,
    cancel: &Cancel,
) -> io::Result<RunOutput> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let started = Instant::now();
    let mut child = command.spawn()?;
    let pid = child.id();
    let captured = Arc::new(Mutex::new(Captured::default()));
    let drain_until: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let readers = [
        child.stdout.take().map(|out| {
            spawn_reader(
                Pipe::Out(out),
                Arc::clone(&captured),
                Arc::clone(&drain_until),
            )
        }),
        child.stderr.take().map(|err| {
            spawn_reader(
                Pipe::Err(err),
                Arc::clone(&captured),
                Arc::clone(&drain_until),
            )
        }),
    ];

    let (exited_tx, exited_rx) = mpsc::channel();
    let waiter = thread::spawn(move || {
        let status = child.wait();
        // The receiver may be gone if the run was already decided; nothing to do then.
        let _ = exited_tx.send(status);
    });

    let deadline = started + timeout;
    let ending = loop {
        let now = Instant::now();
        if now >= deadline {
            break Ending::TimedOut;
        }
        if cancel.is_cancelled() {
            break Ending::Cancelled;
        }
        match exited_rx.recv_timeout(POLL.min(deadline - now)) {
            Ok(status) => break Ending::Exited(status?),
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("lost the wait for the learner's program"));
            }
        }
    };
    let elapsed = started.elapsed();
    kill_group(pid);
    if !matches!(ending, Ending::Exited(_)) {
        // Reap the killed leader so it does not linger as a zombie.
        let _ = exited_rx.recv_timeout(Duration::from_secs(5));
    }
    let _ = waiter.join();
    if let Ok(mut until) = drain_until.lock() {
        *until = Some(Instant::now() + DRAIN_GRACE);
    }
    for reader in readers.into_iter().flatten() {
        let _ = reader.join();
    }
    let captured = std::mem::take(&mut *captured.lock().unwrap_or_else(|p| p.into_inner()));
    let mut combined = captured.combined;
    if captured.dropped > 0 {
        combined.extend_from_slice(
            format!(
                "\n[backlings: output cut at {} KiB; {} more bytes were dropped]\n",
                OUTPUT_CAP / 1024,
                captured.dropped
            )
            .as_bytes(),
        );
    }
    Ok(RunOutput {
        ending,
        stdout: captured.stdout,
        combined,
        elapsed,
    })
}

/// Kills every process in the group led by `pid` (ours, made by `process_group(0)`).
pub(super) fn kill_group(pid: u32) {
    let Ok(pgid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: killpg only sends a signal; the group id is the one we created for this child.
    unsafe {
        libc::killpg(pgid, libc::SIGKILL);
    }
}

enum Pipe {
    Out(ChildStdout),
    Err(ChildStderr),
}

fn spawn_reader(
    pipe: Pipe,
    captured: Arc<Mutex<Captured>>,
    drain_until: Arc<Mutex<Option<Instant>>>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let is_stdout = matches!(pipe, Pipe::Out(_));
        let (fd, mut reader): (i32, Box<dyn Read + Send>) = match pipe {
            Pipe::Out(p) => (p.as_raw_fd(), Box::new(p)),
            Pipe::Err(p) => (p.as_raw_fd(), Box::new(p)),
        };
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            if !wait_readable(fd, POLL) {
                let until = drain_until.lock().ok().and_then(|u| *u);
                if until.is_some_and(|u| Instant::now() >= u) {
                    return;
                }
                continue;
            }
            match reader.read(&mut buffer) {
                Ok(0) => return,
                Ok(n) => {
                    if let Ok(mut c) = captured.lock() {
                        c.push(&buffer[..n], is_stdout);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return,
            }
        }
    })
}

/// Waits until `fd` has data or end of file, for at most `timeout`.
fn wait_readable(fd: i32, timeout: Duration) -> bool {
    let mut poll_fd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, owned by this frame, for the duration of the call.
    let ready = unsafe { libc::poll(&mut poll_fd, 1, millis) };
    ready > 0
}

#[cfg(test)]
mod tests {
    use super::{Cancel, Ending, run_bounded};
    use std::process::Command;
    use std::time::Duration;

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c").arg(script);
        c
    }

    #[test]
    fn captures_both_streams_and_the_status() {
        let out = run_bounded(
            sh("echo out; echo err >&2; exit 3"),
            Duration::from_secs(5),
            &Cancel::new(),
        )
        .expect("runs");
        assert_eq!(out.stdout, b"out\n");
        let combined = String::from_utf8_lossy(&out.combined);
        assert!(combined.contains("out\n") && combined.contains("err\n"));
        assert!(!out.success());
        assert_eq!(out.describe_ending(), "exit code 3");
    }

    #[test]
    fn a_loop_is_killed_at_the_bound() {
        let out = run_bounded(
            sh("while :; do :; done"),
            Duration::from_millis(200),
            &Cancel::new(),
        )
        .expect("runs");
        assert_eq!(out.ending, Ending::TimedOut);
    }

    #[test]
    fn a_flood_is_capped_and_drained() {
        let out = run_bounded(
            sh("head -c 5000000 /dev/zero; echo done >&2"),
            Duration::from_secs(10),
            &Cancel::new(),
        )
        .expect("runs");
        assert!(out.success(), "{}", out.describe_ending());
        assert!(out.stdout.len() <= super::OUTPUT_CAP);
        let tail = String::from_utf8_lossy(&out.combined[out.combined.len() - 200..]);
        assert!(tail.contains("output cut"), "{tail}");
    }

    #[test]
    fn an_escaped_grandchild_does_not_hold_the_run() {
        // setsid moves the sleeper out of the group; it keeps stdout open for 30 s.
        let started = std::time::Instant::now();
        let out = run_bounded(
            sh("setsid sleep 30 & echo started"),
            Duration::from_secs(10),
            &Cancel::new(),
        )
        .expect("runs");
        assert!(out.success());
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn cancel_stops_a_run() {
        let cancel = Cancel::new();
        cancel.cancel();
        let out = run_bounded(sh("sleep 30"), Duration::from_secs(60), &cancel).expect("runs");
        assert_eq!(out.ending, Ending::Cancelled);
    }
}

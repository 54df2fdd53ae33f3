//! Running a learner's program with bounds that nothing it does can break: its own process
//! group (killed at the timeout and when the program exits), killed by pid as well (it may
//! have left its group), a null stdin, capped output that is still drained, a drain deadline
//! that holds while data keeps coming, and on Linux every process the run left behind,
//! found by a mark in its environment, killed and reaped (the runner is a child subreaper).

use std::hash::BuildHasher;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::process::{Pid, Signal, kill_process, kill_process_group};

use super::reaper;

/// How much output is kept per run; the rest is read and dropped.
pub const OUTPUT_CAP: usize = 1 << 20;

/// How long output is still read after the program exited or was killed. A grandchild
/// that left the process group may hold the pipes open forever; it must not hold us.
const DRAIN_GRACE: Duration = Duration::from_millis(150);

/// How often a blocked wait looks at the cancel flag.
const POLL: Duration = Duration::from_millis(20);

/// The longest any run may take, whatever it asks for (the manifest allows 600 s).
pub const MAX_TIMEOUT: Duration = Duration::from_secs(600);

/// How long a killed program's exit is awaited before the runner stops waiting for it.
const REAP_WAIT: Duration = Duration::from_secs(5);

/// The environment variable that marks every process of one run, so the runner can find
/// the ones that left the process group.
pub const RUN_MARK: &str = "BACKLINGS_RUN";

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

/// How much of the end of the output is kept when the middle is cut: a test harness's
/// failures and summary come last.
const TAIL_CAP: usize = 64 * 1024;

#[derive(Debug, Default)]
struct Captured {
    stdout: Vec<u8>,
    /// The first `OUTPUT_CAP - TAIL_CAP` bytes of both streams.
    head: Vec<u8>,
    /// The latest bytes after the head filled up: at most `2 * TAIL_CAP`, trimmed to the
    /// last `TAIL_CAP` at the end.
    tail: Vec<u8>,
    /// Bytes that went past the head, in all.
    overflow: usize,
}

impl Captured {
    fn push(&mut self, bytes: &[u8], is_stdout: bool) {
        if is_stdout {
            let room = OUTPUT_CAP.saturating_sub(self.stdout.len());
            self.stdout
                .extend_from_slice(&bytes[..bytes.len().min(room)]);
        }
        let room = (OUTPUT_CAP - TAIL_CAP).saturating_sub(self.head.len());
        let kept = bytes.len().min(room);
        self.head.extend_from_slice(&bytes[..kept]);
        let rest = &bytes[kept..];
        self.overflow += rest.len();
        self.tail.extend_from_slice(rest);
        if self.tail.len() > 2 * TAIL_CAP {
            self.tail.drain(..self.tail.len() - TAIL_CAP);
        }
    }

    /// Both streams as shown: the head, then a line saying what was cut, then the tail.
    fn combined(mut self) -> (Vec<u8>, Vec<u8>) {
        let mut combined = self.head;
        if self.overflow > TAIL_CAP {
            let tail_start = self.tail.len().saturating_sub(TAIL_CAP);
            let tail = self.tail.split_off(tail_start);
            combined.extend_from_slice(
                format!(
                    "\n[backlings: output cut at {} KiB; {} bytes were dropped here; the last \
                     {} KiB follow]\n",
                    (OUTPUT_CAP - TAIL_CAP) / 1024,
                    self.overflow - tail.len(),
                    TAIL_CAP / 1024
                )
                .as_bytes(),
            );
            combined.extend_from_slice(&tail);
        } else {
            combined.extend_from_slice(&self.tail);
        }
        (self.stdout, combined)
    }
}

/// Runs `command` with a null stdin in its own process group, bounded by `timeout` (at most
/// [`MAX_TIMEOUT`]). The group and the program are killed at the bound, on cancel, and as
/// soon as the program exits; on Linux so is every process the run left (see
/// [`reaper`]). Every wait here has a bound.
///
/// # Errors
/// The program could not be started, or its exit could not be awaited.
pub fn run_bounded(
    mut command: Command,
    timeout: Duration,
    cancel: &Cancel,
) -> io::Result<RunOutput> {
    let mark = format!(
        "{}-{:x}",
        std::process::id(),
        std::collections::hash_map::RandomState::new().hash_one(Instant::now())
    );
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env(RUN_MARK, &mark)
        .process_group(0);
    reaper::become_subreaper();
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
    // Detached: if the program cannot be reaped (it is stuck in the kernel), the run still
    // ends; the thread ends with the program.
    thread::spawn(move || {
        let status = child.wait();
        // The receiver may be gone if the run was already decided; nothing to do then.
        let _ = exited_tx.send(status);
    });

    let deadline = started + timeout.min(MAX_TIMEOUT);
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
    // It may have moved itself out of its group (even into ours): kill it by pid too.
    kill_pid(pid);
    if !matches!(ending, Ending::Exited(_)) {
        // Reap the killed program so it does not linger as a zombie; bounded.
        let _ = exited_rx.recv_timeout(REAP_WAIT);
    }
    reaper::end_marked(&mark, pid);
    if let Ok(mut until) = drain_until.lock() {
        *until = Some(Instant::now() + DRAIN_GRACE);
    }
    for reader in readers.into_iter().flatten() {
        let _ = reader.join();
    }
    let captured = std::mem::take(&mut *captured.lock().unwrap_or_else(|p| p.into_inner()));
    let (stdout, combined) = captured.combined();
    Ok(RunOutput {
        ending,
        stdout,
        combined,
        elapsed,
    })
}

/// Kills every process in the group led by `pid` (ours, made by `process_group(0)`).
pub(super) fn kill_group(pid: u32) {
    if let Some(pid) = to_pid(pid) {
        let _ = kill_process_group(pid, Signal::KILL);
    }
}

/// Kills one process.
pub(super) fn kill_pid(pid: u32) {
    if let Some(pid) = to_pid(pid) {
        let _ = kill_process(pid, Signal::KILL);
    }
}

fn to_pid(pid: u32) -> Option<Pid> {
    Pid::from_raw(i32::try_from(pid).ok()?)
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
        let mut reader: Box<dyn ReadFd> = match pipe {
            Pipe::Out(p) => Box::new(p),
            Pipe::Err(p) => Box::new(p),
        };
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            // The deadline holds whether or not data keeps arriving: a process that escaped
            // everything and writes forever must not hold the run.
            let until = drain_until.lock().ok().and_then(|u| *u);
            if until.is_some_and(|u| Instant::now() >= u) {
                return;
            }
            if !wait_readable(&*reader, POLL) {
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

/// A pipe end that can be read and polled.
trait ReadFd: Read + AsFd + Send {}

impl<T: Read + AsFd + Send> ReadFd for T {}

/// Waits until `pipe` has data or end of file, for at most `timeout`.
fn wait_readable(pipe: &dyn ReadFd, timeout: Duration) -> bool {
    let fd = pipe.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    poll(&mut fds, Some(&timeout)).is_ok_and(|ready| ready > 0)
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
            sh("head -c 5000000 /dev/zero; echo done"),
            Duration::from_secs(10),
            &Cancel::new(),
        )
        .expect("runs");
        assert!(out.success(), "{}", out.describe_ending());
        assert!(out.stdout.len() <= super::OUTPUT_CAP);
        let combined = String::from_utf8_lossy(&out.combined);
        assert!(combined.contains("output cut"), "the cut is said");
        assert!(
            combined.ends_with("done\n"),
            "the end of the output is kept: {:?}",
            &combined[combined.len() - 100..]
        );
        assert!(out.combined.len() <= super::OUTPUT_CAP + 200);
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

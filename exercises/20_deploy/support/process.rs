//! The exercise as a separate process, the way an operator runs it (support code: you do not
//! need to edit or read it).
//!
//! A test build has no separate binary for the program, so a test starts *the test binary
//! itself* again with `--exact tests::server_entry --nocapture` and `BACKLINGS_SERVE=1` in
//! its environment: libtest runs only `server_entry`, which sees the variable and becomes the
//! program (`entry`). Without the variable, `server_entry` does nothing and passes.
//!
//! Program side: `main`, `entry`, `sigterm`, `hold`. Test side: `Program`.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Set in the environment of a program started by a test.
pub const SERVE_VAR: &str = "BACKLINGS_SERVE";

/// How long a test waits for the program to do something it should do at once.
pub const PATIENCE: Duration = Duration::from_secs(1);

static UNDER_TEST: AtomicBool = AtomicBool::new(false);

// ---------------------------------------------------------------------------------------
// Program side
// ---------------------------------------------------------------------------------------

/// Runs `run` with the process environment on a tokio runtime, then exits with its code.
pub fn main<F, Fut>(run: F) -> !
where
    F: FnOnce(HashMap<String, String>) -> Fut,
    Fut: Future<Output = i32>,
{
    let vars: HashMap<String, String> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .filter(|(k, _)| k != SERVE_VAR)
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("could not start the tokio runtime");
    let code = runtime.block_on(run(vars));
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

/// The body of `tests::server_entry`: nothing, unless a test started this binary as the
/// program (then it never returns).
pub fn entry<F, Fut>(run: F)
where
    F: FnOnce(HashMap<String, String>) -> Fut,
    Fut: Future<Output = i32>,
{
    if std::env::var_os(SERVE_VAR).is_none() {
        return;
    }
    UNDER_TEST.store(true, Ordering::SeqCst);
    main(run)
}

/// Defines the test `tests::server_entry`: it becomes the program (`entry`) when a test
/// starts this binary with BACKLINGS_SERVE=1 (`Program::start`), and passes otherwise. Use it
/// once, inside `mod tests`: `process::server_entry!(run);`.
#[allow(unused_macros)]
macro_rules! server_entry {
    ($run:expr) => {
        #[test]
        fn server_entry() {
            $crate::process::entry($run);
        }
    };
}
#[allow(unused_imports)]
pub(crate) use server_entry;

/// Serves `app` on 127.0.0.1, on a port the system picks, after logging `listening` with the
/// address; returns the exit code (1 if it cannot listen or serve).
pub async fn serve(app: axum::Router) -> i32 {
    let Ok(listener) = tokio::net::TcpListener::bind("127.0.0.1:0").await else {
        return 1;
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let line = serde_json::json!({ "level": "info", "message": "listening", "addr": addr });
    println!("{line}");
    match axum::serve(listener, app).await {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// Starts listening for SIGTERM *now* (before the returned future is first polled), so a
/// signal sent any time later is caught. The future completes when SIGTERM arrives. Call it
/// inside the runtime.
pub fn sigterm() -> impl Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("could not listen for SIGTERM");
    async move {
        terminate.recv().await;
    }
}

/// Waits for something slow (a warm-up, a slow request, a pre-stop delay). Run by hand, it
/// waits `real`; under test it waits until the test says `word` (one line on stdin), so the
/// test decides exactly when it ends and no test depends on the clock.
pub async fn hold(word: &str, real: Duration) {
    if !UNDER_TEST.load(Ordering::SeqCst) {
        tokio::time::sleep(real).await;
        return;
    }
    let control = control();
    loop {
        let changed = control.changed.notified();
        tokio::pin!(changed);
        changed.as_mut().enable();
        if control.seen.lock().unwrap().contains(word) {
            return;
        }
        changed.await;
    }
}

struct Control {
    seen: Mutex<HashSet<String>>,
    changed: tokio::sync::Notify,
}

fn control() -> &'static Control {
    static CONTROL: OnceLock<&'static Control> = OnceLock::new();
    CONTROL.get_or_init(|| {
        let control: &'static Control = Box::leak(Box::new(Control {
            seen: Mutex::new(HashSet::new()),
            changed: tokio::sync::Notify::new(),
        }));
        std::thread::spawn(move || {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                control.seen.lock().unwrap().insert(line.trim().to_owned());
                control.changed.notify_waiters();
            }
        });
        control
    })
}

// ---------------------------------------------------------------------------------------
// Test side
// ---------------------------------------------------------------------------------------

/// The program, started by a test as a child process. Dropping it kills the child.
pub struct Program {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Every stdout line read so far.
    pub stdout: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl Program {
    /// Starts the program with exactly these environment variables (and no others).
    pub fn start(vars: &[(&str, &str)]) -> Program {
        let exe = std::env::current_exe().expect("cannot find the test binary");
        let mut command = Command::new(exe);
        command
            .args(["--exact", "tests::server_entry", "--nocapture", "--quiet"])
            .env_clear()
            .env(SERVE_VAR, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in vars {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("could not start the program");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("no stdout pipe");
        let mut err_pipe = child.stderr.take().expect("no stderr pipe");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Program {
            child,
            stdin,
            lines,
            stdout: Vec::new(),
            stderr,
        }
    }

    /// Runs the program to its end with these variables, checks that it exited 0, and gives
    /// back its stdout lines.
    #[track_caller]
    pub fn run_to_end(vars: &[(&str, &str)]) -> Vec<String> {
        let mut program = Program::start(vars);
        let lines = program.rest_of_stdout(PATIENCE);
        let status = program.status(PATIENCE);
        let report = program.report();
        assert_eq!(
            status, "exited with code 0",
            "the program should run to its end\n{report}"
        );
        lines
    }

    /// How the program ended (`exited with code 0`), or `still running` after `within`.
    pub fn status(&mut self, within: Duration) -> String {
        let status = self.wait(within).map(describe);
        status.unwrap_or_else(|| "still running".to_owned())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The next line the program writes to stdout (libtest's own lines skipped), if one
    /// comes within `within`.
    pub fn next_line(&mut self, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self.lines.recv_timeout(left).ok()?;
            if is_libtest_noise(&line) {
                continue;
            }
            self.stdout.push(line.clone());
            return Some(line);
        }
    }

    /// Every stdout line up to the program's exit (or `within`).
    pub fn rest_of_stdout(&mut self, within: Duration) -> Vec<String> {
        let mut rest = Vec::new();
        while let Some(line) = self.next_line(within) {
            rest.push(line);
        }
        rest
    }

    /// Reads stdout until a JSON log line whose `message` is `message`, and returns it.
    pub fn wait_for_log(&mut self, message: &str, within: Duration) -> Option<Value> {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self.next_line(left)?;
            if let Ok(value) = serde_json::from_str::<Value>(&line)
                && value["message"] == message
            {
                return Some(value);
            }
        }
    }

    /// The address from the program's `listening` log line (`{"message":"listening",
    /// "addr":"127.0.0.1:PORT",...}`). Panics, saying what the program did, if there is none.
    pub fn addr(&mut self) -> SocketAddr {
        let Some(line) = self.wait_for_log("listening", PATIENCE) else {
            panic!(
                "the program logged no `listening` line within {PATIENCE:?}\n{}",
                self.report()
            );
        };
        let addr = line["addr"].as_str().unwrap_or_default();
        addr.parse().unwrap_or_else(|_| {
            panic!(
                "the `listening` line's addr `{addr}` is not an address like 127.0.0.1:8080: {line}"
            )
        })
    }

    /// Writes `word` as one line to the program's stdin (see `hold`).
    pub fn say(&mut self, word: &str) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = writeln!(stdin, "{word}");
            let _ = stdin.flush();
        }
    }

    /// Sends SIGTERM, as an orchestrator does to stop a container: `kill -TERM <pid>`.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("could not run `kill`");
        assert!(status.success(), "`kill -TERM {}` failed", self.pid());
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits at most `within` for the program to exit.
    pub fn wait(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// What the program wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Its state, stdout and stderr, for a failure message.
    pub fn report(&mut self) -> String {
        while let Ok(line) = self.lines.try_recv() {
            if !is_libtest_noise(&line) {
                self.stdout.push(line);
            }
        }
        let state = match self.child.try_wait() {
            Ok(Some(status)) => describe(status),
            _ => "still running".to_owned(),
        };
        format!(
            "the program is {state}\n--- its stdout ---\n{}\n--- its stderr ---\n{}",
            self.stdout.join("\n"),
            self.stderr().trim_end()
        )
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `level: message` for each stdout line that is a JSON object (for tests): `info: starting`.
pub fn levels_and_messages(lines: &[String]) -> Vec<String> {
    let events = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok());
    let events = events.filter(Value::is_object);
    let text = |v: &Value| v.as_str().unwrap_or("?").to_owned();
    events
        .map(|e| format!("{}: {}", text(&e["level"]), text(&e["message"])))
        .collect()
}

/// `exited with code 0`, or `killed by signal 15 (SIGTERM)`.
pub fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(15)) => "killed by signal 15 (SIGTERM: nothing handled it)".to_owned(),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => format!("{status}"),
    }
}

/// Lines libtest itself prints in the child (`running 1 test`, blank lines).
fn is_libtest_noise(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with("running ") && line.ends_with(" test")
}

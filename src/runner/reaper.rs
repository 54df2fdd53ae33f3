//! Ending what a run left behind. On Linux the runner is a child subreaper
//! (`prctl(PR_SET_CHILD_SUBREAPER)`, prctl(2)): a process that escaped the run's process
//! group (`setsid`, a double-forking daemon) is re-parented to the runner when its parent
//! dies, instead of to PID 1. Every process of a run carries a mark in its environment
//! ([`super::process::RUN_MARK`]), so the runner kills and reaps those with this run's mark,
//! by pid, and no other: not its editor's orphans, not another run's processes, and never
//! with `waitpid(-1)`, which would take exit statuses that std's `Child` waits for.
//!
//! Other platforms have no subreaper: there the process group and the pid are killed, and a
//! process that left the group is left running (and its pipes stop being read after a short
//! grace period, so it cannot hold the runner).

use std::time::{Duration, Instant};

/// How many times the children are scanned: each round kills the marked ones, whose own
/// children are then re-parented to the runner and found in the next.
#[cfg(target_os = "linux")]
const ROUNDS: usize = 16;

/// How long a killed process's exit is awaited before giving up on reaping it.
#[cfg(target_os = "linux")]
const REAP_WAIT: Duration = Duration::from_secs(1);

/// Makes the runner the reaper of its descendants' orphans (Linux; elsewhere nothing).
pub fn become_subreaper() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::set_child_subreaper(Some(rustix::process::getpid()));
    }
}

/// Kills and reaps every child of the runner that carries `mark` in its environment, except
/// `main_pid` (the run's own program, which std's `Child` reaps), round after round until
/// none is left. Bounded in rounds and in time.
pub fn end_marked(mark: &str, main_pid: u32) {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Pid, Signal, WaitOptions, kill_process, waitpid};
        let wanted = format!("{}={mark}", super::process::RUN_MARK);
        for _ in 0..ROUNDS {
            let marked: Vec<u32> = children()
                .into_iter()
                .filter(|&pid| pid != main_pid && has_mark(pid, &wanted))
                .collect();
            if marked.is_empty() {
                return;
            }
            for &pid in &marked {
                if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
                    let _ = kill_process(pid, Signal::KILL);
                }
            }
            for &pid in &marked {
                let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
                    continue;
                };
                let started = Instant::now();
                while started.elapsed() < REAP_WAIT {
                    match waitpid(Some(pid), WaitOptions::NOHANG) {
                        Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                        _ => break,
                    }
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (mark, main_pid);
    }
}

/// The runner's children, from `/proc/self/task/*/children` (every thread's).
#[cfg(target_os = "linux")]
fn children() -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    let mut pids = Vec::new();
    for task in tasks.flatten() {
        if let Ok(text) = std::fs::read_to_string(task.path().join("children")) {
            pids.extend(
                text.split_whitespace()
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
    }
    pids.sort_unstable();
    pids.dedup();
    pids
}

/// Whether the process's environment holds exactly this `NAME=value` entry.
#[cfg(target_os = "linux")]
fn has_mark(pid: u32, wanted: &str) -> bool {
    std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| {
        env.split(|&b| b == 0)
            .any(|entry| entry == wanted.as_bytes())
    })
}

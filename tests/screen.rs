//! Watch mode's screen in a real terminal (tmux): what the learner sees, keys, and the
//! terminal given back as it was on `q` and on Ctrl-C.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::Fixture;

/// A tmux server of its own, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// None when tmux is not installed (CI installs it; elsewhere the test says so).
    fn start(fixture: &Fixture, name: &str) -> Option<Tmux> {
        Tmux::start_with(fixture, name, None)
    }

    /// Starts backlings in a pane; `term` overrides the pane's TERM.
    fn start_with(fixture: &Fixture, name: &str, term: Option<&str>) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is missing: .ci/run installs it"
            );
            eprintln!("skipping {name}: tmux is not installed");
            return None;
        }
        let socket = format!("backlings-test-{}-{name}", std::process::id());
        let binary = env!("CARGO_BIN_EXE_backlings");
        // After backlings exits, print its status and the terminal's settings.
        // CI runs these once more as a tmux user's shell is set up, with colors forced:
        // BACKLINGS_TEST_TERM sets TERM inside the pane, BACKLINGS_TEST_COLOR the --color.
        // A dumb terminal is tested as a learner has it: colors left to backlings (an
        // explicit `--color always` would win over TERM, as the learner asked for it).
        let color = match term {
            Some("dumb") => "auto".to_owned(),
            _ => std::env::var("BACKLINGS_TEST_COLOR").unwrap_or_else(|_| "auto".to_owned()),
        };
        let term = term
            .map(str::to_owned)
            .or_else(|| std::env::var("BACKLINGS_TEST_TERM").ok())
            .map(|t| format!("TERM={t}"))
            .unwrap_or_default();
        let script = format!(
            "cd '{}' && env -u NO_COLOR {term} RUST_BACKTRACE=0 '{binary}' --color {color}; \
             echo EXITED $?; stty -a; sleep 60",
            fixture.root().display()
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-x",
                "100",
                "-y",
                "40",
                &script,
            ])
            .status()
            .expect("tmux");
        assert!(status.success());
        Some(Tmux { socket })
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "no {text:?} on screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// After exit: status 0, and the terminal cooked again (canonical mode, echo on).
fn assert_restored(tmux: &Tmux) {
    let screen = tmux.wait_for("EXITED");
    assert!(screen.contains("EXITED 0"), "{screen}");
    let settings = tmux.wait_for(" icanon");
    assert!(!settings.contains("-icanon"), "{settings}");
    assert!(settings.contains(" echo "), "{settings}");
}

#[test]
fn the_screen_shows_the_exercise_hints_and_a_pass_and_q_restores_the_terminal() {
    let fixture = Fixture::new();
    let Some(tmux) = Tmux::start(&fixture, "pass") else {
        return;
    };
    let screen = tmux.wait_for("failed hello");
    assert!(
        screen.contains("Welcome to the fixture course."),
        "{screen}"
    );
    assert!(
        screen.contains("fixture · Stage 1/2 · Stage one · 1/6"),
        "{screen}"
    );
    assert!(screen.contains("exercises/01_one/hello.rs"), "{screen}");
    assert!(screen.contains("n next · h hint · l list"), "{screen}");

    tmux.keys(&["h"]);
    tmux.wait_for("Hint 1/2: Print the right greeting.");

    fixture.solve("01_one", "hello");
    let screen = tmux.wait_for("passed hello");
    assert!(screen.contains("solutions/01_one/hello.rs"), "{screen}");
    tmux.keys(&["n"]);
    tmux.wait_for("Stage 1/2 · Stage one · 2/6");

    tmux.keys(&["l"]);
    tmux.wait_for("pick an exercise");
    tmux.keys(&["Escape"]);
    tmux.wait_for("exercises/01_one/broken.rs");

    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let fixture = Fixture::new();
    let Some(tmux) = Tmux::start(&fixture, "ctrlc") else {
        return;
    };
    tmux.wait_for("failed hello");
    tmux.keys(&["C-c"]);
    assert_restored(&tmux);
}

#[test]
fn a_solved_test_exercise_passes_on_the_screen_and_stays_done() {
    let fixture = Fixture::new();
    fixture.solve("01_one", "failing");
    fixture.write(
        ".backlings-state.toml",
        "format_version = 1\ncurrent = \"failing\"\ndone = [\"failing\"]\nwelcomed = true\n",
    );
    let Some(tmux) = Tmux::start(&fixture, "testpass") else {
        return;
    };
    tmux.wait_for("passed failing");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    let state = fixture.read(".backlings-state.toml");
    assert!(state.contains("\"failing\""), "still done: {state}");
}

impl Tmux {
    /// Sets the window's size, as a terminal window being resized does.
    fn resize(&self, columns: u16, rows: u16) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "resize-window", "-x"])
            .arg(columns.to_string())
            .arg("-y")
            .arg(rows.to_string())
            .status()
            .expect("resize-window");
        assert!(status.success());
    }

    /// The pane's title, which an OSC title sequence would change.
    fn title(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "display-message", "-p", "#{pane_title}"])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

fn start_at(fixture: &Fixture, current: &str, name: &str) -> Option<Tmux> {
    fixture.write(
        ".backlings-state.toml",
        &format!("format_version = 1\ncurrent = \"{current}\"\nwelcomed = true\n"),
    );
    Tmux::start(fixture, name)
}

#[test]
fn the_header_verdict_and_keys_stay_through_a_flood_and_a_resize() {
    let fixture = Fixture::new();
    let Some(tmux) = start_at(&fixture, "flood", "flood") else {
        return;
    };
    let screen = tmux.wait_for("failed flood");
    assert!(screen.contains("fixture · Stage 1/2"), "{screen}");
    assert!(screen.contains("q quit"), "{screen}");
    tmux.resize(50, 20);
    // The frame is redrawn for the new size without a key: the keys wrap at 50 columns.
    let screen = tmux.wait_for("\nall · w warnings · q quit");
    assert!(screen.contains("fixture · Stage 1/2"), "{screen}");
    assert!(screen.contains("failed flood"), "{screen}");
    assert!(
        screen.lines().all(|l| l.chars().count() <= 50),
        "every row fits:\n{screen}"
    );
    tmux.keys(&["q"]);
    assert_restored(&tmux);
}

#[test]
fn learner_output_cannot_wipe_the_screen_or_retitle_the_terminal() {
    let fixture = Fixture::new();
    fixture.write(
        "exercises/01_one/hello.rs",
        "fn main() {\n    print!(\"\\x1b[2J\\x1b[Hwiped\\x1b]0;pwned\\x07\\x1b[?1049l\");\n    \
         std::process::exit(3);\n}\n",
    );
    let Some(tmux) = start_at(&fixture, "hello", "inert") else {
        return;
    };
    let before = tmux.title();
    let screen = tmux.wait_for("failed hello");
    assert!(screen.contains("fixture · Stage 1/2"), "{screen}");
    assert!(screen.contains("^[[2J^[[Hwiped"), "shown inert:\n{screen}");
    assert_eq!(tmux.title(), before, "the title is the terminal's own");
    tmux.keys(&["q"]);
    assert_restored(&tmux);
    assert_ne!(tmux.title(), "pwned");
}

#[test]
fn a_dumb_terminal_gets_the_line_protocol_and_no_escapes() {
    let fixture = Fixture::new();
    let Some(tmux) = Tmux::start_with(&fixture, "dumb", Some("dumb")) else {
        return;
    };
    let screen = tmux.wait_for("failed hello");
    assert!(
        screen.contains("checking hello"),
        "plain event lines:\n{screen}"
    );
    let raw = Command::new("tmux")
        .args(["-L", &tmux.socket, "capture-pane", "-p", "-e"])
        .output()
        .expect("capture-pane");
    let raw = String::from_utf8_lossy(&raw.stdout);
    assert!(
        !raw.contains('\u{1b}'),
        "no escape sequence reached the terminal:\n{raw:?}"
    );
    tmux.keys(&["q", "Enter"]);
    tmux.wait_for("EXITED 0");
}

//! What watch mode knows, and how it changes: pure, so the rules can be tested without a
//! terminal, a file watcher or cargo.

use crate::manifest::Manifest;
use crate::progress::{Report, State, next_pending, position};
use crate::runner::CheckResult;

/// Something that happened that the learner (or a script reading plain mode) hears about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A check of this exercise started.
    Checking(String),
    /// It passed.
    Passed(String),
    /// It failed (compile error, failed tests, wrong output, time out).
    Failed(String),
    /// The machine kept it from being checked (the reason goes to stderr).
    Error(String),
    /// Every exercise of this stage is done now.
    StageComplete(String),
    /// Every exercise of the course is done now.
    AllDone,
}

impl Notice {
    /// The plain-mode line for this notice.
    pub fn line(&self) -> String {
        match self {
            Notice::Checking(name) => format!("checking {name}"),
            Notice::Passed(name) => format!("passed {name}"),
            Notice::Failed(name) => format!("failed {name}"),
            Notice::Error(name) => format!("error {name}"),
            Notice::StageComplete(id) => format!("stage complete {id}"),
            Notice::AllDone => "all done".to_owned(),
        }
    }
}

/// Which screen the terminal shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The current exercise and its last check.
    Main,
    /// Every exercise; the learner picks one.
    List {
        /// The highlighted exercise (an index into the exercises).
        selected: usize,
        /// Typed after `/`: only exercises whose name or stage contains it are listed.
        filter: Option<String>,
    },
}

/// The outcome of the last batch of checks, as the screen shows it.
#[derive(Debug, Clone)]
pub enum LastCheck {
    /// One exercise was checked.
    One(CheckResult),
    /// Every exercise was checked (`c`).
    All {
        /// How many passed.
        passed: usize,
        /// The names that did not pass.
        failed: Vec<String>,
    },
}

/// Watch mode's state, owned by its loop.
#[derive(Debug)]
pub struct Model {
    /// The course's manifest.
    pub manifest: Manifest,
    /// Progress as last written.
    pub state: State,
    /// The learner's position (an index into the exercises).
    pub position: usize,
    /// How many hints of the current exercise are shown.
    pub hints_shown: usize,
    /// The last check's outcome.
    pub last: Option<LastCheck>,
    /// Names being checked now.
    pub checking: Vec<String>,
    /// The stage whose crates the running check builds first (they were not built yet).
    pub building: Option<String>,
    /// While many are checked: how many are judged so far, and the last one's name.
    pub progress: Option<(usize, String)>,
    /// A stage that was just completed (index), to announce with the next one's summary.
    pub completed_stage: Option<usize>,
    /// Whether the whole course was just completed.
    pub finished: bool,
    /// A short message for the learner (a key that does nothing now, a watcher fallback).
    pub message: Option<String>,
    /// What the background dependency build is doing, if anything.
    pub background: Option<String>,
    /// Which screen is shown.
    pub screen: Screen,
    /// Show the course's welcome (first start, until the learner moves on).
    pub show_welcome: bool,
    /// Show compiler warnings in full instead of their count (`w`).
    pub show_warnings: bool,
    /// Notices not yet delivered.
    pub outbox: Vec<Notice>,
}

impl Model {
    /// The model at start: the position from the state.
    pub fn new(manifest: Manifest, state: State) -> Model {
        let position = position(&manifest, &state);
        let state_welcomed = state.welcomed;
        Model {
            manifest,
            state,
            position,
            hints_shown: 0,
            last: None,
            checking: Vec::new(),
            progress: None,
            building: None,
            completed_stage: None,
            finished: false,
            message: None,
            background: None,
            screen: Screen::Main,
            show_welcome: !state_welcomed,
            show_warnings: false,
            outbox: Vec::new(),
        }
    }

    /// The current exercise's name.
    pub fn current_name(&self) -> &str {
        &self.manifest.exercises[self.position].name
    }

    /// The stage report for the current state.
    pub fn report(&self) -> Report {
        Report::new(&self.manifest, &self.state)
    }

    /// Whether the current exercise is done.
    pub fn current_done(&self) -> bool {
        self.state.is_done(self.current_name())
    }

    /// Moves the position; a new exercise starts with no hints shown and no old output.
    pub fn move_to(&mut self, index: usize) {
        if index != self.position {
            self.show_welcome = false;
            self.position = index;
            self.hints_shown = 0;
            self.last = None;
            // What was said about the last exercise is not current any more.
            self.completed_stage = None;
            self.message = None;
        }
    }

    /// The exercise after the current one that is still pending (wrapping), if any.
    pub fn next_pending(&self) -> Option<usize> {
        next_pending(&self.manifest, &self.state, self.position)
    }

    /// Shows one more hint of the current exercise (the last one stays).
    pub fn reveal_hint(&mut self) {
        let total = self.manifest.exercises[self.position].hints.len();
        self.hints_shown = (self.hints_shown + 1).min(total);
    }

    /// Checks of these exercises start.
    pub fn start_checks(&mut self, names: &[String]) {
        self.message = None;
        self.progress = None;
        self.checking = names.to_vec();
        for name in names {
            self.outbox.push(Notice::Checking(name.clone()));
        }
    }

    /// Checks ended with these results and this state (the one written with them).
    pub fn finish_checks(&mut self, results: Vec<CheckResult>, state: State) {
        let before = Report::new(&self.manifest, &self.state);
        let after = Report::new(&self.manifest, &state);
        self.state = state;
        self.checking.clear();
        for result in &results {
            self.outbox.push(if result.outcome.passed() {
                Notice::Passed(result.name.clone())
            } else if result.outcome.environment_problem().is_some() {
                Notice::Error(result.name.clone())
            } else {
                Notice::Failed(result.name.clone())
            });
        }
        for (index, (was, is)) in before.stages.iter().zip(&after.stages).enumerate() {
            if !was.complete() && is.complete() {
                self.outbox.push(Notice::StageComplete(
                    self.manifest.stages[index].id.clone(),
                ));
                self.completed_stage = Some(index);
            }
        }
        if !before.all_done() && after.all_done() {
            self.outbox.push(Notice::AllDone);
            self.finished = true;
        }
        self.last = match results.len() {
            1 => results.into_iter().next().map(LastCheck::One),
            _ => {
                let failed: Vec<String> = results
                    .iter()
                    .filter(|r| !r.outcome.passed())
                    .map(|r| r.name.clone())
                    .collect();
                Some(LastCheck::All {
                    passed: results.len() - failed.len(),
                    failed,
                })
            }
        };
    }

    /// Whether the last check was a pass of the current exercise.
    #[cfg(test)]
    pub fn current_just_passed(&self) -> bool {
        matches!(&self.last, Some(LastCheck::One(r))
            if r.name == self.current_name() && r.outcome.passed())
    }

    /// Takes the notices not yet delivered.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.outbox)
    }
}

#[cfg(test)]
mod tests {
    use super::{LastCheck, Model, Notice};
    use crate::fixtures::CourseText;
    use crate::progress::State;
    use crate::runner::{CheckResult, Outcome};

    fn model() -> Model {
        let manifest = CourseText::new("t")
            .stage("one", "One", &["a"])
            .stage("two", "Two", &["b"])
            .manifest();
        Model::new(manifest, State::default())
    }

    fn result(name: &str, passed: bool) -> CheckResult {
        CheckResult {
            name: name.to_owned(),
            outcome: if passed {
                Outcome::Passed
            } else {
                Outcome::CompileError
            },
            output: String::new(),
            seconds: None,
        }
    }

    fn state(done: &[&str]) -> State {
        crate::fixtures::state(done, None)
    }

    #[test]
    fn a_pass_that_completes_a_stage_says_so() {
        let mut m = model();
        m.start_checks(&["a".to_owned()]);
        m.finish_checks(vec![result("a", true)], state(&["a"]));
        assert_eq!(
            m.take_notices(),
            [
                Notice::Checking("a".into()),
                Notice::Passed("a".into()),
                Notice::StageComplete("one".into())
            ]
        );
        assert!(m.current_just_passed());
        assert_eq!(m.completed_stage, Some(0));
        assert_eq!(m.next_pending(), Some(1));
    }

    #[test]
    fn the_last_pass_is_all_done() {
        let mut m = model();
        m.finish_checks(
            vec![result("a", true), result("b", true)],
            state(&["a", "b"]),
        );
        let notices = m.take_notices();
        assert_eq!(notices.last(), Some(&Notice::AllDone));
        assert!(m.finished);
        assert!(matches!(m.last, Some(LastCheck::All { passed: 2, .. })));
        assert_eq!(m.next_pending(), None);
    }

    #[test]
    fn a_failure_is_a_failed_line_and_nothing_completes() {
        let mut m = model();
        m.finish_checks(vec![result("a", false)], state(&[]));
        assert_eq!(m.take_notices(), [Notice::Failed("a".into())]);
        assert!(!m.current_just_passed());
        assert_eq!(m.completed_stage, None);
    }

    #[test]
    fn hints_are_revealed_one_at_a_time_and_reset_on_moving() {
        let mut m = model();
        m.reveal_hint();
        m.reveal_hint();
        m.reveal_hint();
        assert_eq!(m.hints_shown, 2);
        m.move_to(1);
        assert_eq!(m.hints_shown, 0);
    }

    #[test]
    fn notice_lines_are_the_plain_mode_protocol() {
        assert_eq!(Notice::Checking("x".into()).line(), "checking x");
        assert_eq!(Notice::Passed("x".into()).line(), "passed x");
        assert_eq!(Notice::Failed("x".into()).line(), "failed x");
        assert_eq!(Notice::Error("x".into()).line(), "error x");
        assert_eq!(
            Notice::StageComplete("sql".into()).line(),
            "stage complete sql"
        );
        assert_eq!(Notice::AllDone.line(), "all done");
    }
}

//! Progress: the state file, the learner's position, and the stage report.

mod state;

pub use state::{Loaded, State, StateFile};

use crate::manifest::Manifest;

/// How far one stage is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageProgress {
    /// Exercises of the stage that are done.
    pub done: usize,
    /// Exercises in the stage.
    pub total: usize,
}

impl StageProgress {
    /// Every exercise of the stage is done.
    pub fn complete(&self) -> bool {
        self.done == self.total
    }
}

/// The stage report: where the learner is on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Per stage, in course order.
    pub stages: Vec<StageProgress>,
    /// Per exercise, in course order: done or not.
    pub exercise_done: Vec<bool>,
    /// The first stage that is not complete: the roadmap stage reached. None when all done.
    pub current_stage: Option<usize>,
    /// The learner's position. None when all done.
    pub current_exercise: Option<usize>,
    /// Exercises done.
    pub done: usize,
    /// Exercises in the course.
    pub total: usize,
}

impl Report {
    /// Builds the report for a manifest and a state.
    pub fn new(manifest: &Manifest, state: &State) -> Report {
        let exercise_done: Vec<bool> = manifest
            .exercises
            .iter()
            .map(|e| state.is_done(&e.name))
            .collect();
        let stages: Vec<StageProgress> = manifest
            .stages
            .iter()
            .map(|s| StageProgress {
                done: exercise_done[s.exercises.clone()]
                    .iter()
                    .filter(|d| **d)
                    .count(),
                total: s.exercises.len(),
            })
            .collect();
        let done = exercise_done.iter().filter(|d| **d).count();
        let all_done = done == exercise_done.len();
        Report {
            current_stage: stages.iter().position(|s| !s.complete()),
            current_exercise: (!all_done).then(|| position(manifest, state)),
            stages,
            exercise_done,
            done,
            total: manifest.exercises.len(),
        }
    }

    /// Every exercise is done.
    pub fn all_done(&self) -> bool {
        self.done == self.total
    }
}

/// The learner's position: the state's `current` if the course has it, else the first
/// exercise.
pub fn position(manifest: &Manifest, state: &State) -> usize {
    state
        .current
        .as_deref()
        .and_then(|name| manifest.index_of(name))
        .unwrap_or(0)
}

/// The next pending exercise after `from`, wrapping around; None if all are done.
pub fn next_pending(manifest: &Manifest, state: &State, from: usize) -> Option<usize> {
    let n = manifest.exercises.len();
    (1..=n)
        .map(|step| (from + step) % n)
        .find(|&i| !state.is_done(&manifest.exercises[i].name))
}

#[cfg(test)]
mod tests {
    use super::{Report, State, next_pending, position};
    use crate::fixtures::{CourseText, state};
    use crate::manifest::Manifest;

    fn manifest() -> Manifest {
        CourseText::new("t")
            .stage("one", "One", &["a", "b"])
            .stage("two", "Two", &["c"])
            .manifest()
    }

    #[test]
    fn an_empty_state_starts_at_the_first_exercise() {
        let report = Report::new(&manifest(), &State::default());
        assert_eq!(report.current_stage, Some(0));
        assert_eq!(report.current_exercise, Some(0));
        assert_eq!((report.done, report.total), (0, 3));
    }

    #[test]
    fn the_current_stage_is_the_first_incomplete_one() {
        let m = manifest();
        let report = Report::new(&m, &state(&["a", "b"], Some("c")));
        assert_eq!(report.current_stage, Some(1));
        assert!(report.stages[0].complete());
        assert_eq!(report.stages[1].done, 0);
        assert_eq!(report.current_exercise, Some(2));
        // A later stage done does not move the roadmap past an unfinished earlier one.
        let report = Report::new(&m, &state(&["c"], None));
        assert_eq!(report.current_stage, Some(0));
    }

    #[test]
    fn everything_done_has_no_current_stage_or_exercise() {
        let report = Report::new(&manifest(), &state(&["a", "b", "c", "old"], Some("c")));
        assert!(report.all_done());
        assert_eq!(report.current_stage, None);
        assert_eq!(report.current_exercise, None);
    }

    #[test]
    fn unknown_position_falls_back_to_the_first_exercise() {
        assert_eq!(position(&manifest(), &state(&[], Some("removed"))), 0);
    }

    #[test]
    fn next_pending_wraps_around() {
        let m = manifest();
        assert_eq!(next_pending(&m, &state(&["b"], None), 0), Some(2));
        assert_eq!(next_pending(&m, &state(&["b"], None), 2), Some(0));
        assert_eq!(next_pending(&m, &state(&["a", "b", "c"], None), 1), None);
        assert_eq!(next_pending(&m, &state(&[], None), 2), Some(0));
    }
}

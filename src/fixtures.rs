//! Test support for unit tests: small manifests and states built in a line, so each test says
//! only what matters to it.

use crate::manifest::Manifest;
use crate::progress::State;

/// A version-1 manifest built stage by stage; every exercise gets the hints `["1", "2"]`.
#[derive(Debug, Clone)]
pub struct CourseText {
    text: String,
}

impl CourseText {
    /// A course titled `title`, with no stages yet.
    pub fn new(title: &str) -> CourseText {
        CourseText {
            text: format!("format_version = 1\ntitle = \"{title}\"\n"),
        }
    }

    /// Adds a stage with these exercises (test mode).
    pub fn stage(mut self, id: &str, title: &str, exercises: &[&str]) -> CourseText {
        self.text
            .push_str(&format!("[[stages]]\nid = \"{id}\"\ntitle = \"{title}\"\n"));
        for name in exercises {
            self.text.push_str(&format!(
                "[[stages.exercises]]\nname = \"{name}\"\nhints = [\"1\", \"2\"]\n"
            ));
        }
        self
    }

    /// The parsed manifest.
    ///
    /// # Panics
    /// The text is not a valid manifest (a mistake in the test).
    #[track_caller]
    pub fn manifest(&self) -> Manifest {
        Manifest::parse(&self.text)
            .unwrap_or_else(|e| panic!("the test's manifest is invalid: {e}\n{}", self.text))
    }
}

/// A state with these exercises done and this one current.
pub fn state(done: &[&str], current: Option<&str>) -> State {
    State {
        done: done.iter().map(|s| (*s).to_owned()).collect(),
        current: current.map(str::to_owned),
        ..State::default()
    }
}

//! Watch mode and the files around it: the exercises directory replaced while watched, the
//! state file written by another backlings process, and the learner's editor.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;

use super::Watch;
use super::events::{self, ExerciseFiles, FileWatcher};
use super::scheduler::Batch;
use crate::course::EXERCISES_DIR;
use crate::error::UserError;

impl Watch<'_> {
    /// Makes the watches again after the exercises directory was replaced or a symlinked
    /// exercise was pointed elsewhere, and says so.
    pub(super) fn rewatch(&mut self, watcher: &mut FileWatcher, files: &mut ExerciseFiles) {
        let course = &self.context.course;
        let paths = course
            .manifest
            .exercises
            .iter()
            .map(|e| course.exercise_path(e))
            .collect();
        *files = ExerciseFiles::new(paths);
        let poll = matches!(watcher, FileWatcher::Poll { .. });
        let dir = course.root.join(EXERCISES_DIR);
        match events::watch_files(&dir, files, &self.events, poll) {
            Ok((fresh, _)) => {
                *watcher = fresh;
                self.say(format!(
                    "{} was replaced (or a linked exercise moved); watching it again",
                    dir.display()
                ));
            }
            Err(e) => self.say(format!("{e}; saves are not noticed until it is back")),
        }
    }

    /// Another process wrote the state file: take its passes, and follow a position it moved
    /// (`run NAME` in another terminal), saying so.
    pub(super) fn state_changed(&mut self) -> Result<(), UserError> {
        let loaded = self.context.state_file().load()?;
        if let Some(notice) = loaded.notice {
            self.say(notice);
        }
        let state = loaded.state;
        let moved = state
            .current
            .as_deref()
            .filter(|name| *name != self.model.current_name())
            .and_then(|name| self.model.manifest.index_of(name));
        self.model.state = state;
        if let Some(index) = moved {
            self.model.move_to(index);
            self.say(format!(
                "moved to {}, as another backlings command did",
                self.model.current_name()
            ));
            self.open_in_editor();
            self.scheduler.push(Batch::One(index));
        }
        Ok(())
    }

    /// Runs `--edit-cmd` for the current exercise at its first TODO, without waiting for it.
    pub(super) fn open_in_editor(&self) {
        let Some(command) = &self.edit_cmd else {
            return;
        };
        let exercise = &self.model.manifest.exercises[self.model.position];
        let path: PathBuf = self.context.course.exercise_path(exercise);
        let line = self.context.course.first_todo(exercise);
        let Some((program, args)) = crate::editor::command(command, &path, line) else {
            return;
        };
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            thread::spawn(move || child.wait());
        }
    }
}

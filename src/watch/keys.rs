//! What a key does: a pure function from the model and the key to the model's new screen and
//! the effects the loop carries out (checks, moves, messages, quitting).

use crate::ui::model::{Model, Screen};
use crate::ui::watch::visible;

/// A key, as the terminal or a line of standard input gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// A printable character (`n`, `h`, `l`, `r`, `c`, `w`, `q`, `/`, or text for the filter).
    Char(char),
    /// Up arrow.
    Up,
    /// Down arrow.
    Down,
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Ctrl-C: quit, wherever the learner is.
    Interrupt,
}

/// What the loop must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// End watch mode.
    Quit,
    /// Move the position to this exercise (saved in the state file) and check it.
    MoveAndCheck(usize),
    /// Check the current exercise again.
    Recheck,
    /// Check every exercise.
    CheckAll,
    /// Tell the learner (on the screen, or stderr in plain mode).
    Say(String),
    /// Plain mode: print the exercise list on stderr.
    PrintList,
    /// Plain mode: print the hint just revealed on stderr.
    PrintHint,
}

/// Applies `press` to the model; returns what the loop must do. `screen` is whether the
/// screen frontend is on (the list is a screen of its own there, a printout in plain mode).
pub fn handle(model: &mut Model, press: Press, screen: bool) -> Vec<Effect> {
    if press == Press::Interrupt {
        return vec![Effect::Quit];
    }
    if let Screen::List { selected, filter } = &model.screen {
        return list_key(model, *selected, filter.clone(), press);
    }
    let Press::Char(key) = press else {
        return Vec::new();
    };
    match key {
        'q' => vec![Effect::Quit],
        'n' if !model.current_done() => vec![Effect::Say(format!(
            "{} is not done yet: fix it first, or press l to pick another exercise",
            model.current_name()
        ))],
        'n' => match model.next_pending() {
            Some(next) => vec![Effect::MoveAndCheck(next)],
            None => vec![Effect::Say(
                "every exercise is done; press l to revisit one".to_owned(),
            )],
        },
        'h' => {
            model.reveal_hint();
            if screen {
                Vec::new()
            } else {
                vec![Effect::PrintHint]
            }
        }
        'l' if screen => {
            model.screen = Screen::List {
                selected: model.position,
                filter: None,
            };
            Vec::new()
        }
        'l' => vec![Effect::PrintList],
        'r' => vec![Effect::Recheck],
        'c' => vec![Effect::CheckAll],
        'w' => {
            model.show_warnings = !model.show_warnings;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn list_key(
    model: &mut Model,
    selected: usize,
    filter: Option<String>,
    press: Press,
) -> Vec<Effect> {
    let shown = visible(model, filter.as_deref());
    let at = shown.iter().position(|&i| i == selected);
    let set = |model: &mut Model, selected: usize, filter: Option<String>| {
        model.screen = Screen::List { selected, filter };
    };
    match (press, filter) {
        (Press::Up, filter) => {
            let to = at.map_or(shown.first().copied(), |a| {
                shown.get(a.saturating_sub(1)).copied()
            });
            set(model, to.unwrap_or(selected), filter);
        }
        (Press::Down, filter) => {
            let to = at.map_or(shown.first().copied(), |a| {
                shown
                    .get((a + 1).min(shown.len().saturating_sub(1)))
                    .copied()
            });
            set(model, to.unwrap_or(selected), filter);
        }
        (Press::Enter, _) => {
            let pick = at.map(|_| selected).or_else(|| shown.first().copied());
            model.screen = Screen::Main;
            if let Some(index) = pick {
                return vec![Effect::MoveAndCheck(index)];
            }
        }
        (Press::Char('/'), None) => set(model, selected, Some(String::new())),
        (Press::Char(c), Some(mut text)) => {
            text.push(c);
            let first = visible(model, Some(&text)).first().copied();
            set(model, first.unwrap_or(selected), Some(text));
        }
        (Press::Backspace, Some(mut text)) => {
            text.pop();
            set(model, selected, Some(text));
        }
        (Press::Esc, Some(_)) => set(model, selected, None),
        (Press::Esc | Press::Char('q' | 'l'), None) => model.screen = Screen::Main,
        (Press::Char('k'), filter) => return list_key(model, selected, filter, Press::Up),
        (Press::Char('j'), filter) => return list_key(model, selected, filter, Press::Down),
        _ => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::{Effect, Press, handle};
    use crate::fixtures::{CourseText, state};
    use crate::ui::model::{Model, Screen};

    fn model(done: &[&str]) -> Model {
        let manifest = CourseText::new("t")
            .stage("http", "HTTP", &["request1", "server1"])
            .stage("sql", "SQL", &["select1"])
            .manifest();
        Model::new(manifest, state(done, None))
    }

    #[test]
    fn next_moves_only_after_a_pass() {
        let mut m = model(&[]);
        assert!(matches!(
            handle(&mut m, Press::Char('n'), true)[..],
            [Effect::Say(_)]
        ));
        let mut m = model(&["request1"]);
        assert_eq!(
            handle(&mut m, Press::Char('n'), true),
            [Effect::MoveAndCheck(1)]
        );
    }

    #[test]
    fn keys_of_the_main_screen() {
        let mut m = model(&[]);
        assert_eq!(handle(&mut m, Press::Char('q'), true), [Effect::Quit]);
        assert_eq!(handle(&mut m, Press::Interrupt, true), [Effect::Quit]);
        assert_eq!(handle(&mut m, Press::Char('r'), true), [Effect::Recheck]);
        assert_eq!(handle(&mut m, Press::Char('c'), true), [Effect::CheckAll]);
        assert!(handle(&mut m, Press::Char('h'), true).is_empty());
        assert_eq!(m.hints_shown, 1);
        assert_eq!(handle(&mut m, Press::Char('h'), false), [Effect::PrintHint]);
        handle(&mut m, Press::Char('w'), true);
        assert!(m.show_warnings);
        assert_eq!(handle(&mut m, Press::Char('l'), false), [Effect::PrintList]);
    }

    #[test]
    fn the_list_filters_as_the_learner_types_and_opens_the_pick() {
        let mut m = model(&[]);
        handle(&mut m, Press::Char('l'), true);
        assert_eq!(
            m.screen,
            Screen::List {
                selected: 0,
                filter: None
            }
        );
        handle(&mut m, Press::Char('/'), true);
        for c in "sql".chars() {
            handle(&mut m, Press::Char(c), true);
        }
        assert_eq!(
            m.screen,
            Screen::List {
                selected: 2,
                filter: Some("sql".to_owned())
            },
            "typing filters by stage and moves to the first match"
        );
        handle(&mut m, Press::Backspace, true);
        assert_eq!(
            m.screen,
            Screen::List {
                selected: 2,
                filter: Some("sq".to_owned())
            }
        );
        assert_eq!(
            handle(&mut m, Press::Enter, true),
            [Effect::MoveAndCheck(2)]
        );
        assert_eq!(m.screen, Screen::Main);

        handle(&mut m, Press::Char('l'), true);
        handle(&mut m, Press::Down, true);
        handle(&mut m, Press::Esc, true);
        assert_eq!(
            m.screen,
            Screen::Main,
            "Esc without a filter leaves the list"
        );
    }
}

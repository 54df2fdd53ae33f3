//! Rendering: every function writes to any `impl Write`, so the text can be tested.

pub mod excerpt;
pub mod json;
pub mod junit;
pub mod model;
pub mod progress;
pub mod report;
pub mod watch;

use console::Style;

/// Styles for one output stream, plain when colors are off.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Whether colors are on.
    pub color: bool,
}

impl Theme {
    /// A theme with colors on or off.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        style.force_styling(self.color).apply_to(text).to_string()
    }

    /// Good news.
    pub fn good(&self, text: &str) -> String {
        self.paint(Style::new().green().bold(), text)
    }

    /// Bad news.
    pub fn bad(&self, text: &str) -> String {
        self.paint(Style::new().red().bold(), text)
    }

    /// Something to notice.
    pub fn warn(&self, text: &str) -> String {
        self.paint(Style::new().yellow(), text)
    }

    /// A heading.
    pub fn strong(&self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    /// Less important text.
    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().dim(), text)
    }
}

/// `1 exercise`, `2 exercises`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

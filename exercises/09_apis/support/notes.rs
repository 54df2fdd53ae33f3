//! The notes of the json exercises: what a client sends to create one (`NewNote`), what the
//! API answers (`Note`), and the slug that names a note in its URL. You don't need to edit it.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct NewNote {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct Note {
    pub slug: String,
    pub title: String,
    pub body: String,
}

impl Note {
    pub fn new(new: NewNote) -> Note {
        Note {
            slug: slugify(&new.title),
            title: new.title,
            body: new.body,
        }
    }
}

/// The note's name in its URL: "Hello, World!" becomes "hello-world".
pub fn slugify(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

//! The user table of the tracing exercises. It holds password hashes, so it must never be
//! logged. `toy_hash` stands in for a real password hash such as Argon2 (the auth stage).
//! You don't need to edit it.
#![allow(dead_code)]

use std::collections::HashMap;

pub struct User {
    pub id: u64,
    pub password_hash: String,
}

#[derive(Default)]
pub struct Users {
    by_name: HashMap<String, User>,
}

impl Users {
    /// A table with one user: alice, id 7, password "correct horse".
    pub fn sample() -> Users {
        let mut users = Users::default();
        let password_hash = toy_hash("correct horse");
        users.by_name.insert(
            "alice".to_string(),
            User {
                id: 7,
                password_hash,
            },
        );
        users
    }

    pub fn find(&self, username: &str) -> Option<&User> {
        self.by_name.get(username)
    }
}

pub fn toy_hash(password: &str) -> String {
    let reversed: String = password.chars().rev().collect();
    format!("toyhash${reversed}")
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    UnknownUser,
    BadPassword,
}

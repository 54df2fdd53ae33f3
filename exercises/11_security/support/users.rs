//! The user store of the signup exercise (support code: you do not need to edit it).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

/// A stored user. `id`, `is_admin` and `credits` are the server's to choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: u64,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub credits: u64,
}

pub struct Users {
    pub by_id: BTreeMap<u64, User>,
    pub next_id: u64,
}

pub type Store = Arc<Mutex<Users>>;

impl Users {
    /// Stores a new ordinary user: the next id, no admin rights, no credits.
    pub fn add(&mut self, name: String, email: String) -> User {
        let user = User {
            id: self.next_id,
            name,
            email,
            is_admin: false,
            credits: 0,
        };
        self.next_id += 1;
        self.by_id.insert(user.id, user.clone());
        user
    }
}

/// A store with one user: alice, the administrator, with 500 credits.
pub fn store() -> Store {
    let alice = User {
        id: 1,
        name: "alice".to_string(),
        email: "alice@example.com".to_string(),
        is_admin: true,
        credits: 500,
    };
    Arc::new(Mutex::new(Users {
        by_id: BTreeMap::from([(1, alice)]),
        next_id: 2,
    }))
}

/// Every stored user, by id.
pub fn all(store: &Store) -> Vec<User> {
    store.lock().unwrap().by_id.values().cloned().collect()
}

/// Signups that set fields only the server may set: admin rights, someone else's id, credits.
pub const ATTACKS: [&str; 3] = [
    r#"{"id":2,"name":"mallory","email":"m@evil.example","is_admin":true,"credits":0}"#,
    r#"{"id":1,"name":"mallory","email":"m@evil.example","is_admin":false,"credits":0}"#,
    r#"{"name":"mallory","email":"m@evil.example","credits":1000000}"#,
];

/// POSTs a JSON body to /users.
pub async fn post(app: axum::Router, body: &str) -> crate::http::Reply {
    let json = [("content-type", "application/json")];
    crate::http::send(app, axum::http::Method::POST, "/users", &json, body).await
}

//! The todo list of the state and verbs exercises: `Todo`, and `TodoStore`, the in-memory
//! table that the handlers share (a real service keeps it in a database; see sqlite1). Ids
//! start at 1 and are never reused. You don't need to edit it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Todo {
    pub id: u64,
    pub title: String,
    pub done: bool,
}

#[derive(Debug, Deserialize)]
pub struct NewTodo {
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct TodoStore {
    last_id: u64,
    // A BTreeMap keeps the todos sorted by id, so the list comes out in a stable order.
    items: BTreeMap<u64, Todo>,
}

impl TodoStore {
    /// A store with two todos: 1 "Buy milk" (not done) and 2 "Walk the dog" (done).
    pub fn seeded() -> TodoStore {
        let mut store = TodoStore::default();
        store.create("Buy milk");
        store.create("Walk the dog").done = true;
        store
    }

    pub fn create(&mut self, title: &str) -> &mut Todo {
        self.last_id += 1;
        let id = self.last_id;
        let todo = Todo {
            id,
            title: title.to_string(),
            done: false,
        };
        self.items.entry(id).or_insert(todo)
    }

    pub fn get(&self, id: u64) -> Option<&Todo> {
        self.items.get(&id)
    }

    pub fn get_mut(&mut self, id: u64) -> Option<&mut Todo> {
        self.items.get_mut(&id)
    }

    /// Removes a todo; returns it if it was there.
    pub fn remove(&mut self, id: u64) -> Option<Todo> {
        self.items.remove(&id)
    }

    pub fn list(&self) -> Vec<Todo> {
        self.items.values().cloned().collect()
    }
}

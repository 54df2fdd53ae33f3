//! JSON-lines logging to stdout, as in json_logs1 (support code: you do not need to edit it).
//!
//! One event is one line: `{"level":"info","message":"listening","addr":"127.0.0.1:8080"}`.
//! The fields sit next to `level` and `message` (they cannot replace them). No timestamp:
//! see the stage README.
#![allow(dead_code)]

use serde_json::{Map, Value};

pub fn info(message: &str, fields: Value) {
    log("info", message, fields);
}

pub fn warn(message: &str, fields: Value) {
    log("warn", message, fields);
}

pub fn error(message: &str, fields: Value) {
    log("error", message, fields);
}

/// The line for one event.
pub fn line(level: &str, message: &str, fields: Value) -> String {
    let mut object = match fields {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        other => Map::from_iter([("fields".to_owned(), other)]),
    };
    object.insert("level".to_owned(), Value::from(level));
    object.insert("message".to_owned(), Value::from(message));
    Value::Object(object).to_string()
}

/// Writes one event to stdout (line-buffered: each line leaves the process at once).
pub fn log(level: &str, message: &str, fields: Value) {
    println!("{}", line(level, message, fields));
}

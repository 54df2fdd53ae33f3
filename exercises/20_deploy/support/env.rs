//! Test helpers for env_config1 (support code: you do not need to edit it).
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::{Debug, Display};

/// The environment `pairs` as the map that `Config::from_vars` takes.
pub fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    let pairs = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string()));
    pairs.collect()
}

/// A result as an operator would read it: the error's message, or `Ok(...)`.
pub fn outcome<T: Debug, E: Display>(result: Result<T, E>) -> String {
    match result {
        Ok(value) => format!("Ok({value:?})"),
        Err(e) => e.to_string(),
    }
}

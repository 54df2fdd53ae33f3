//! The service's configuration, read from environment variables as in env_config1 (support
//! code: you do not need to edit it).
#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    pub database_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Missing(&'static str),
    Invalid { var: &'static str, reason: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing(var) => write!(f, "{var} is not set"),
            ConfigError::Invalid { var, reason } => write!(f, "{var} is invalid: {reason}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let port = match vars.get("PORT") {
            None => 8080,
            Some(value) => value.parse().map_err(|_| ConfigError::Invalid {
                var: "PORT",
                reason: format!("{value:?} is not a port number (0 to 65535)"),
            })?,
        };
        let database_url = vars
            .get("DATABASE_URL")
            .filter(|v| !v.is_empty())
            .ok_or(ConfigError::Missing("DATABASE_URL"))?;
        if !database_url.starts_with("postgres://") && !database_url.starts_with("sqlite:") {
            // Never echo the value: a database URL may carry a password.
            return Err(ConfigError::Invalid {
                var: "DATABASE_URL",
                reason: "expected a URL starting with postgres:// or sqlite:".to_owned(),
            });
        }
        Ok(Config {
            port,
            database_url: database_url.clone(),
        })
    }
}

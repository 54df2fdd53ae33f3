// env_config1: configuration from the environment
//
// The same build runs on a laptop, in staging and in production; only its configuration
// differs, and it comes from environment variables (`PORT`, `DATABASE_URL`). Read them once,
// at startup, and fail loudly: a typo such as `PORT=80a0` must stop the program with an error
// naming the variable, not fall back to a default; a required variable may not be missing;
// and an error never echoes a secret (a database URL may carry a password).
//
// Fix `from_vars`: PORT is optional (default 8080) but must be a port number when set;
// DATABASE_URL is required and must start with `postgres://` or `sqlite:`.

#[cfg(test)]
#[path = "support/env.rs"]
mod env;

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    pub database_url: String,
}

impl Config {
    /// Takes the variables as a map, so tests need not touch the process environment.
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Config, ConfigError> {
        // TODO: when PORT is set but is not a number from 0 to 65535, return
        // `ConfigError::Invalid` with a reason that quotes the bad value.
        let port = vars
            .get("PORT")
            .and_then(|value| value.parse().ok())
            .unwrap_or(8080);
        // TODO: DATABASE_URL is required (`ConfigError::Missing` when absent or empty) and
        // must start with `postgres://` or `sqlite:` (`Invalid`, without the value).
        let database_url = vars.get("DATABASE_URL").cloned().unwrap_or_default();
        Ok(Config { port, database_url })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// A required variable is not set (or is empty).
    Missing(&'static str),
    /// A variable is set to something unusable; `reason` says what is wrong.
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

fn main() {
    match Config::from_vars(&std::env::vars().collect()) {
        Ok(config) => println!("would listen on port {}", config.port),
        Err(e) => {
            eprintln!("configuration error: {e}");
            std::process::exit(78); // EX_CONFIG, from sysexits.h
        }
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use env::{outcome, vars};

    const DB: &str = "postgres://app:s3cret@db:5432/app";

    #[test]
    fn a_complete_environment_is_read_and_port_defaults_to_8080() {
        let got = Config::from_vars(&vars(&[("PORT", "3000"), ("DATABASE_URL", DB)]));
        let config = got.expect("PORT=3000 and a postgres URL are a valid configuration");
        assert_eq!(
            (config.port, config.database_url.as_str()),
            (3000, DB),
            "both are read"
        );
        let got = Config::from_vars(&vars(&[("DATABASE_URL", "sqlite:app.db")]));
        let why = "PORT is optional; its default is 8080";
        assert_eq!(got.map(|c| c.port), Ok(8080), "{why}");
    }

    #[test]
    fn a_bad_port_is_an_error_naming_the_variable_and_the_value() {
        for bad in ["80a0", "70000", "-1", ""] {
            let env = vars(&[("PORT", bad), ("DATABASE_URL", DB)]);
            let got = outcome(Config::from_vars(&env));
            let ok = got.starts_with("PORT is invalid") && got.contains(&format!("{bad:?}"));
            let why = format!("PORT={bad:?} must be Invalid, quoting the value, not a default");
            assert!(ok, "{why}; got {got}");
        }
    }

    #[test]
    fn a_missing_or_foreign_database_url_is_an_error_that_keeps_the_secret() {
        for pairs in [&[("PORT", "3000")][..], &[("DATABASE_URL", "")]] {
            let got = outcome(Config::from_vars(&vars(pairs)));
            let why = "DATABASE_URL is required: without it the service cannot work";
            assert_eq!(got, "DATABASE_URL is not set", "{why}");
        }
        let mysql = vars(&[("DATABASE_URL", "mysql://root:hunter2@db/app")]);
        let got = outcome(Config::from_vars(&mysql));
        let ok = got.starts_with("DATABASE_URL is invalid") && !got.contains("hunter2");
        let why = "only postgres:// and sqlite: URLs are supported, and the error must not \
                   repeat the URL: it carries a password, and errors end up in logs";
        assert!(ok, "{why}; got {got}");
    }
}

// env_config1: configuration from the environment
//
// The same build runs on a laptop, in staging and in production; only its configuration
// differs. The twelve-factor rule: read it from environment variables (`PORT`,
// `DATABASE_URL`), which every platform can set without touching the image.
//
// Read them once, at startup, and fail loudly: a typo such as `PORT=80a0` must stop the
// program with a message naming the variable and saying what is wrong, not silently fall
// back to a default (the service would then listen somewhere nobody looks). A required
// variable that is missing is an error too. And never echo a secret: a database URL may
// carry a password, so its error says what is wrong without repeating the value.
//
// `Config::from_vars` takes the variables as a map, so tests need not change the process
// environment (which every test thread shares); `main` passes it `std::env::vars()`.
//
// Fix `from_vars`: PORT is optional (default 8080) but must be a port number when set;
// DATABASE_URL is required and must start with `postgres://` or `sqlite:`.

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    pub database_url: String,
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

impl Config {
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

fn main() {
    let vars: HashMap<String, String> = std::env::vars().collect();
    match Config::from_vars(&vars) {
        Ok(config) => println!("would listen on port {}", config.port),
        Err(e) => {
            eprintln!("configuration error: {e}");
            std::process::exit(78); // EX_CONFIG, from sysexits.h
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const DB: &str = "postgres://app:s3cret@db:5432/app";

    #[test]
    fn a_complete_environment_is_read() {
        let got = Config::from_vars(&vars(&[("PORT", "3000"), ("DATABASE_URL", DB)]));
        let want = Config {
            port: 3000,
            database_url: DB.to_owned(),
        };
        assert_eq!(
            got,
            Ok(want),
            "PORT=3000 and a postgres URL are a valid configuration"
        );
    }

    #[test]
    fn port_defaults_to_8080_when_unset() {
        let got = Config::from_vars(&vars(&[("DATABASE_URL", "sqlite:app.db")]));
        assert_eq!(
            got.map(|c| c.port),
            Ok(8080),
            "PORT is optional; its default is 8080"
        );
    }

    #[test]
    fn a_bad_port_is_an_error_naming_the_variable_and_the_value() {
        for bad in ["80a0", "70000", "-1", ""] {
            let got = Config::from_vars(&vars(&[("PORT", bad), ("DATABASE_URL", DB)]));
            let Err(ConfigError::Invalid { var, reason }) = &got else {
                panic!(
                    "PORT={bad:?} gave {got:?}: a bad PORT must be ConfigError::Invalid, not a silent default"
                );
            };
            assert_eq!(*var, "PORT", "the error names the variable that is wrong");
            assert!(
                reason.contains(&format!("{bad:?}")),
                "the reason quotes the bad value ({bad:?}) so the operator sees the typo; got {reason:?}"
            );
        }
    }

    #[test]
    fn a_missing_database_url_is_an_error() {
        for env in [vars(&[("PORT", "3000")]), vars(&[("DATABASE_URL", "")])] {
            let got = Config::from_vars(&env);
            assert_eq!(
                got,
                Err(ConfigError::Missing("DATABASE_URL")),
                "DATABASE_URL is required: without it the service cannot work, so it must not start"
            );
        }
        let message = ConfigError::Missing("DATABASE_URL").to_string();
        assert_eq!(
            message, "DATABASE_URL is not set",
            "the message names the variable"
        );
    }

    #[test]
    fn a_database_url_of_another_kind_is_invalid_and_not_echoed() {
        let url = "mysql://root:hunter2@db/app";
        let got = Config::from_vars(&vars(&[("DATABASE_URL", url)]));
        let Err(ConfigError::Invalid { var, reason }) = &got else {
            panic!(
                "DATABASE_URL={url:?} gave {got:?}: only postgres:// and sqlite: URLs are supported, so it must be ConfigError::Invalid"
            );
        };
        assert_eq!(
            *var, "DATABASE_URL",
            "the error names the variable that is wrong"
        );
        assert!(
            !got.clone().unwrap_err().to_string().contains("hunter2"),
            "the error must not repeat the URL: it carries a password, and errors end up in logs; got {reason:?}"
        );
    }
}

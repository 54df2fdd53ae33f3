// intro3: configuration, `Result` and `?`
//
// A server reads its settings from its environment when it starts: which address to listen
// on, which port, where the database is. Values from outside can be wrong, so parsing them
// returns a `Result`, and a server that gets a bad value should stop at once with a clear
// message instead of starting with a guess.
//
// The settings arrive here as a map of names to strings, like environment variables. `PORT`
// is optional (the default is 8080), but when it is set it must be a valid TCP port: a whole
// number from 1 to 65535. Fix `parse_port`, then make `load_config` use it.

use std::collections::HashMap;

#[derive(Debug, PartialEq)]
enum ConfigError {
    /// The value of `PORT` is not a port number. It holds the value, for the error message.
    InvalidPort(String),
}

#[derive(Debug, PartialEq)]
struct Config {
    host: String,
    port: u16,
}

/// Parses a TCP port: a number from 1 to 65535 (port 0 is not a real port).
fn parse_port(value: &str) -> Result<u16, ConfigError> {
    // TODO: `unwrap` crashes the whole program on bad input. Match on the result of `parse`
    // instead, and return `Err(ConfigError::InvalidPort(value.to_string()))` for text, for
    // numbers too big for a `u16`, and for 0.
    let port: u16 = value.parse().unwrap();
    Ok(port)
}

/// Builds the configuration from environment-like variables, with defaults.
fn load_config(vars: &HashMap<&str, &str>) -> Result<Config, ConfigError> {
    let host = vars.get("HOST").unwrap_or(&"127.0.0.1").to_string();
    // TODO: use `PORT` when it is set (parse it with `parse_port`, and end the value with `?`
    // so that an error is returned to the caller), and 8080 when it is not.
    let port = 8080;
    Ok(Config { host, port })
}

fn main() {
    let vars = HashMap::from([("PORT", "3000")]);
    match load_config(&vars) {
        Ok(config) => println!("listening on http://{}:{}", config.host, config.port),
        Err(error) => println!("bad configuration: {error:?}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(value: &str) -> Result<u16, ConfigError> {
        Err(ConfigError::InvalidPort(value.to_string()))
    }

    #[test]
    fn parses_valid_ports() {
        for (value, port) in [("80", 80), ("8080", 8080), ("1", 1), ("65535", 65535)] {
            assert_eq!(parse_port(value), Ok(port), "{value:?} is a valid port");
        }
    }

    #[test]
    fn rejects_what_is_not_a_port() {
        for value in ["http", "", "80 ", "0", "65536", "-1"] {
            let why = "a port is a whole number from 1 to 65535, with nothing around it";
            assert_eq!(parse_port(value), invalid(value), "{value:?}: {why}");
        }
    }

    #[test]
    fn uses_the_defaults_when_nothing_is_set() {
        let want = Config {
            host: "127.0.0.1".to_string(),
            port: 8080,
        };
        let why = "without HOST and PORT, the server listens on 127.0.0.1:8080";
        assert_eq!(load_config(&HashMap::new()), Ok(want), "{why}");
    }

    #[test]
    fn uses_the_configured_port() {
        let vars = HashMap::from([("HOST", "0.0.0.0"), ("PORT", "3000")]);
        let want = Config {
            host: "0.0.0.0".to_string(),
            port: 3000,
        };
        assert_eq!(load_config(&vars), Ok(want), "PORT=3000 sets the port");
    }

    #[test]
    fn refuses_to_start_with_a_bad_port() {
        let vars = HashMap::from([("PORT", "eighty")]);
        let why = "a bad PORT must stop the server, not fall back to the default";
        assert_eq!(
            load_config(&vars),
            Err(ConfigError::InvalidPort("eighty".into())),
            "{why}"
        );
    }
}

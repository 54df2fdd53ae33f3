// intro3: configuration, `Result` and `?`
//
// A server reads its settings from its environment when it starts: which address to listen
// on, which port, where the database is. Values from outside can be wrong, so parsing them
// returns a `Result`, and a server that gets a bad value should stop at once with a clear
// message instead of starting with a guess.
//
// The configuration arrives here as a map of names to strings, like environment variables.
// `PORT` is optional (the default is 8080), but when it is set it must be a valid TCP port:
// a whole number from 1 to 65535.
//
// 1. Make `parse_port` return `Err(ConfigError::InvalidPort(..))` for anything that is not a
//    valid port, instead of crashing.
// 2. Make `load_config` use `PORT` when it is set, passing any error up with the `?`
//    operator.

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

const DEFAULT_HOST: &str = "127.0.0.1";
const DEFAULT_PORT: u16 = 8080;

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
    let host = vars
        .get("HOST")
        .copied()
        .unwrap_or(DEFAULT_HOST)
        .to_string();
    // TODO: use `PORT` when it is set (parse it with `parse_port`, and end the value with `?`
    // so that an error is returned to the caller), and `DEFAULT_PORT` when it is not.
    let port = DEFAULT_PORT;
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

    #[test]
    fn parses_valid_ports() {
        assert_eq!(parse_port("80"), Ok(80));
        assert_eq!(parse_port("8080"), Ok(8080));
        assert_eq!(parse_port("1"), Ok(1));
        assert_eq!(parse_port("65535"), Ok(65535));
    }

    #[test]
    fn rejects_text() {
        assert_eq!(
            parse_port("http"),
            Err(ConfigError::InvalidPort("http".to_string()))
        );
        assert_eq!(parse_port(""), Err(ConfigError::InvalidPort(String::new())));
        assert_eq!(
            parse_port("80 "),
            Err(ConfigError::InvalidPort("80 ".to_string()))
        );
    }

    #[test]
    fn rejects_numbers_that_are_not_ports() {
        assert_eq!(
            parse_port("0"),
            Err(ConfigError::InvalidPort("0".to_string()))
        );
        assert_eq!(
            parse_port("65536"),
            Err(ConfigError::InvalidPort("65536".to_string()))
        );
        assert_eq!(
            parse_port("-1"),
            Err(ConfigError::InvalidPort("-1".to_string()))
        );
    }

    #[test]
    fn uses_defaults_when_nothing_is_set() {
        let vars = HashMap::new();
        let expected = Config {
            host: "127.0.0.1".to_string(),
            port: 8080,
        };
        assert_eq!(load_config(&vars), Ok(expected));
    }

    #[test]
    fn uses_the_configured_port() {
        let vars = HashMap::from([("HOST", "0.0.0.0"), ("PORT", "3000")]);
        let expected = Config {
            host: "0.0.0.0".to_string(),
            port: 3000,
        };
        assert_eq!(load_config(&vars), Ok(expected));
    }

    #[test]
    fn refuses_to_start_with_a_bad_port() {
        let vars = HashMap::from([("PORT", "eighty")]);
        assert_eq!(
            load_config(&vars),
            Err(ConfigError::InvalidPort("eighty".to_string())),
            "a bad PORT must stop the server, not fall back to the default",
        );
    }
}

// structured1: structured logs
//
// `2024-03-09 12:00:00 INFO order 42 placed by alice` is easy for a human to read and hard
// for a machine: finding every order above 100 euros takes a regular expression per message.
// Production services write *structured* logs: one JSON object per line, every value in its
// own typed field, which log stores (Loki, Elasticsearch, CloudWatch) index and search.
//
// One event must stay one line, whatever it contains: a user who can put a newline into a
// logged value can otherwise forge whole log entries ("log injection"). A JSON encoder
// escapes newlines and quotes; strings glued together by hand do not.
//
// Make `log` write one JSON object per line: `ts`, `level`, `service`, `msg`, then one key
// per field (numbers stay numbers). The clock is injected (support/clock.rs).

#[path = "support/clock.rs"]
mod clock;

use clock::{Clock, rfc3339_millis};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// The service this logger writes for; every event carries it.
const SERVICE: &str = "checkout";

pub struct Logger<C, W> {
    pub clock: C,
    pub out: W,
}

impl<C: Clock, W: Write> Logger<C, W> {
    /// Writes one event as one line of JSON; `level` is "INFO", "WARN" or "ERROR".
    pub fn log(&mut self, level: &str, msg: &str, fields: &[(&str, Value)]) -> io::Result<()> {
        let ts = rfc3339_millis(self.clock.now_unix_millis());
        // TODO: one JSON object instead of this text: build a `serde_json::Map` and let
        // `serde_json::to_string` do the escaping.
        let pairs: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let line = format!("{ts} {level} [{SERVICE}] {msg} {}", pairs.join(" "));
        writeln!(self.out, "{line}")
    }
}

fn main() -> io::Result<()> {
    let mut logger = Logger {
        clock: clock::SystemClock,
        out: io::stdout(),
    };
    logger.log("INFO", "order placed", &[("order_id", json!(42))])
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Logs `msg` with `fields` at 2023-11-14T22:13:20.123Z and returns the output.
    fn output_of(msg: &str, fields: &[(&str, Value)]) -> String {
        let clock = clock::FixedClock(1_700_000_000_123);
        let mut logger = Logger {
            clock,
            out: Vec::new(),
        };
        logger.log("WARN", msg, fields).unwrap();
        String::from_utf8_lossy(&logger.out).into_owned()
    }

    #[track_caller]
    fn parse(line: &str) -> Value {
        let parsed = serde_json::from_str(line);
        parsed.unwrap_or_else(|e| panic!("a log line is not JSON ({e}): {line}"))
    }

    #[test]
    fn one_json_object_per_line() {
        let out = output_of("slow query", &[("ms", json!(1250)), ("hit", json!(false))]);
        assert!(
            out.ends_with('\n'),
            "each event ends with a newline: {out:?}"
        );
        let want = json!({ "ts": "2023-11-14T22:13:20.123Z", "level": "WARN",
            "service": "checkout", "msg": "slow query", "ms": 1250, "hit": false });
        let why = "the fixed keys, then the fields, numbers as numbers";
        assert_eq!(parse(out.trim_end()), want, "{why}");
    }

    #[test]
    fn a_hostile_value_cannot_forge_a_log_line() {
        let username = "mallory\n{\"level\":\"ERROR\",\"msg\":\"disk full\"}";
        let out = output_of("login failed", &[("username", json!(username))]);
        assert_eq!(out.lines().count(), 1, "one event must be one line: {out}");
        let event = parse(out.trim_end());
        assert_eq!(
            event["username"],
            json!(username),
            "the value is kept, escaped"
        );
    }
}

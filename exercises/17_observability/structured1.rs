// structured1: structured logs
//
// A log line like `2024-03-09 12:00:00 INFO order 42 placed by alice` is easy for a human to
// read and hard for a machine: to find every order above 100 euros you would need a regular
// expression per message. Production services write *structured* logs instead: one JSON
// object per line, with the message and every value as its own typed field. Log pipelines
// (Loki, Elasticsearch, CloudWatch, Datadog) then index the fields, and you can ask
// "every ERROR with `order_id = 42`" without parsing prose.
//
// Two details make or break such a logger:
// - Each event must stay on exactly one line, whatever the message contains. If a user can
//   put a newline into a logged value, they can forge whole log entries ("log injection").
//   A JSON encoder escapes newlines and quotes for you; hand-built strings do not.
// - The timestamp comes from a clock you pass in, so tests can pin it. (The helper
//   `rfc3339_millis` turns milliseconds since 1970 into `2024-03-09T12:00:00.250Z`.)
//
// Make `Logger::log` write one JSON object per line, with the keys `ts`, `level`, `service`
// and `msg`, plus one key per field (numbers stay numbers, booleans stay booleans).

use serde_json::{Map, Value, json};
use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where the logger gets the time from.
pub trait Clock {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    fn now_unix_millis(&self) -> u64;
}

/// The real clock, for `main`. Tests use a fixed one.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix_millis(&self) -> u64 {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is before 1970");
        since_epoch.as_millis() as u64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "INFO",
            Level::Warn => "WARN",
            Level::Error => "ERROR",
        }
    }
}

pub struct Logger<C, W> {
    clock: C,
    out: W,
    service: &'static str,
}

impl<C: Clock, W: Write> Logger<C, W> {
    pub fn new(clock: C, out: W, service: &'static str) -> Self {
        Logger {
            clock,
            out,
            service,
        }
    }

    /// Writes one event as one line of JSON.
    pub fn log(&mut self, level: Level, msg: &str, fields: &[(&str, Value)]) -> io::Result<()> {
        // TODO: take the time from `self.clock`, so that tests can pin it.
        let now = SystemClock.now_unix_millis();
        // TODO: write one JSON object instead of this text line: the keys `ts`, `level`,
        // `service` and `msg`, then one key per field. Build a `serde_json::Map` (or a
        // `json!` object) and let `serde_json::to_string` do the escaping.
        let mut line = format!(
            "{} {} [{}] {}",
            rfc3339_millis(now),
            level.as_str(),
            self.service,
            msg
        );
        for (key, value) in fields {
            line.push_str(&format!(" {key}={value}"));
        }
        writeln!(self.out, "{line}")
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Formats milliseconds since 1970 as an RFC 3339 UTC timestamp: `2024-03-09T12:00:00.250Z`.
pub fn rfc3339_millis(unix_millis: u64) -> String {
    let secs = unix_millis / 1000;
    let millis = unix_millis % 1000;
    let days = (secs / 86_400) as i64;
    let secs_of_day = secs % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60,
        secs_of_day % 60
    )
}

fn main() -> io::Result<()> {
    let mut logger = Logger::new(SystemClock, io::stdout(), "checkout");
    logger.log(
        Level::Info,
        "order placed",
        &[("order_id", json!(42)), ("total_cents", json!(1999))],
    )
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    /// A clock that always says the same time.
    struct FixedClock(u64);

    impl Clock for FixedClock {
        fn now_unix_millis(&self) -> u64 {
            self.0
        }
    }

    // 2023-11-14T22:13:20.123Z
    const NOW: u64 = 1_700_000_000_123;

    fn output_of(events: impl FnOnce(&mut Logger<FixedClock, Vec<u8>>)) -> String {
        let mut logger = Logger::new(FixedClock(NOW), Vec::new(), "checkout");
        events(&mut logger);
        String::from_utf8(logger.into_inner()).expect("the log is not UTF-8")
    }

    fn parse(line: &str) -> Value {
        serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("this log line is not JSON ({e}):\n{line}"))
    }

    #[test]
    fn one_json_object_per_line() {
        let out = output_of(|log| {
            log.log(Level::Info, "order placed", &[("order_id", json!(42))])
                .unwrap();
            log.log(Level::Error, "payment failed", &[]).unwrap();
        });
        assert!(out.ends_with('\n'), "each event ends with a newline");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "two events, two lines:\n{out}");
        assert_eq!(
            parse(lines[0]),
            json!({
                "ts": "2023-11-14T22:13:20.123Z",
                "level": "INFO",
                "service": "checkout",
                "msg": "order placed",
                "order_id": 42,
            })
        );
        assert_eq!(
            parse(lines[1]),
            json!({
                "ts": "2023-11-14T22:13:20.123Z",
                "level": "ERROR",
                "service": "checkout",
                "msg": "payment failed",
            })
        );
    }

    #[test]
    fn fields_keep_their_types() {
        let out = output_of(|log| {
            log.log(
                Level::Warn,
                "slow query",
                &[
                    ("duration_ms", json!(1250)),
                    ("cached", json!(false)),
                    ("table", json!("orders")),
                    ("ratio", json!(0.5)),
                ],
            )
            .unwrap();
        });
        let event = parse(out.trim_end());
        assert_eq!(event["level"], json!("WARN"));
        assert_eq!(event["duration_ms"], json!(1250), "a number, not \"1250\"");
        assert_eq!(event["cached"], json!(false), "a boolean, not \"false\"");
        assert_eq!(event["table"], json!("orders"));
        assert_eq!(event["ratio"], json!(0.5));
    }

    #[test]
    fn the_time_comes_from_the_injected_clock() {
        let mut logger = Logger::new(FixedClock(1_000), Vec::new(), "checkout");
        logger.log(Level::Info, "tick", &[]).unwrap();
        let out = String::from_utf8(logger.into_inner()).unwrap();
        assert_eq!(
            parse(out.trim_end())["ts"],
            json!("1970-01-01T00:00:01.000Z")
        );
    }

    #[test]
    fn a_hostile_value_cannot_forge_a_log_line() {
        // A username typed by an attacker, trying to add a fake ERROR entry to the log.
        let username = "mallory\n{\"level\":\"ERROR\",\"msg\":\"disk full\"}";
        let out = output_of(|log| {
            log.log(
                Level::Warn,
                "login failed for \"someone\"",
                &[("username", json!(username))],
            )
            .unwrap();
        });
        assert_eq!(out.lines().count(), 1, "one event must be one line:\n{out}");
        let event = parse(out.trim_end());
        assert_eq!(event["msg"], json!("login failed for \"someone\""));
        assert_eq!(event["username"], json!(username));
        assert_eq!(event["level"], json!("WARN"));
    }
}

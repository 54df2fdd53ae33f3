// json_logs1: logs as JSON lines on stdout
//
// A program in a container does not manage log files. It writes its logs to stdout, one
// event per line, and the platform (Docker, Kubernetes, systemd) collects that stream and
// ships it to a log store. For the store to index the events, each line is one JSON object:
//
//     {"level":"warn","message":"slow query","sql":"SELECT *\nFROM orders","ms":812}
//
// `level` and `message` are always there; the event's fields sit next to them with their
// own JSON types (812 stays a number, so the store can ask `ms > 500`). A field may not
// replace `level` or `message`. One event must stay one line, even when a value contains a
// newline: JSON escapes it as `\n`. No timestamp here: the collector stamps each line as it
// arrives (real loggers add their own; see the README).
//
// Fix `log_line`. The tests start this program as a separate process and read its stdout.

#[path = "support/process.rs"]
mod process;

use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The line for one event. `fields` is a JSON object (or `Value::Null` for none).
pub fn log_line(level: &str, message: &str, fields: Value) -> String {
    // TODO: build one JSON object with "level", "message" and the fields, and return it
    // as compact JSON (`Value::to_string`); `level` and `message` win over any field.
    let _ = Map::new();
    format!("{} {message} {fields}", level.to_uppercase())
}

pub fn log(level: &str, message: &str, fields: Value) {
    println!("{}", log_line(level, message, fields));
}

async fn run(_vars: HashMap<String, String>) -> i32 {
    log(
        "info",
        "starting",
        json!({ "version": "1.4.2", "port": 8080 }),
    );
    log(
        "warn",
        "slow query",
        json!({ "sql": "SELECT *\nFROM orders", "ms": 812 }),
    );
    let fields = json!({ "order_id": 42, "reason": "card \"declined\"", "level": "debug" });
    log("error", "payment failed", fields);
    log("info", "stopped", Value::Null);
    0
}

fn main() {
    process::main(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use process::{PATIENCE, Program};

    /// Becomes the program when a test starts this binary with BACKLINGS_SERVE=1.
    #[test]
    fn server_entry() {
        process::entry(run);
    }

    /// Runs the program to its end and parses each line of its stdout.
    fn events() -> Vec<Value> {
        let mut program = Program::start(&[]);
        let lines = program.rest_of_stdout(PATIENCE);
        let status = program.wait(PATIENCE);
        assert!(
            status.is_some_and(|s| s.success()),
            "the program should exit 0\n{}",
            program.report()
        );
        assert_eq!(
            lines.len(),
            4,
            "4 events make 4 lines on stdout, one each; got:\n{}",
            lines.join("\n")
        );
        lines
            .iter()
            .map(|line| match serde_json::from_str::<Value>(line) {
                Ok(value) if value.is_object() => value,
                _ => panic!("each line on stdout must be one JSON object, so a log collector can parse it; got:\n{line}"),
            })
            .collect()
    }

    #[test]
    fn every_line_is_a_json_object_with_level_and_message() {
        let got: Vec<(Value, Value)> = events()
            .iter()
            .map(|e| (e["level"].clone(), e["message"].clone()))
            .collect();
        let want = vec![
            (json!("info"), json!("starting")),
            (json!("warn"), json!("slow query")),
            (json!("error"), json!("payment failed")),
            (json!("info"), json!("stopped")),
        ];
        assert_eq!(
            got, want,
            "each line carries the event's \"level\" (lowercase, as given) and \"message\""
        );
    }

    #[test]
    fn fields_keep_their_json_types_and_newlines_stay_escaped() {
        let events = events();
        assert_eq!(
            events[0]["port"],
            json!(8080),
            "a number field stays a JSON number, so the log store can compare it"
        );
        assert_eq!(
            events[1]["sql"],
            json!("SELECT *\nFROM orders"),
            "the newline is escaped inside the string, so the event is still one line"
        );
        assert_eq!(
            events[2]["reason"],
            json!("card \"declined\""),
            "quotes inside a value are escaped, not copied raw"
        );
    }

    #[test]
    fn a_field_cannot_replace_level_or_message() {
        let line = log_line(
            "error",
            "payment failed",
            json!({ "level": "debug", "message": "all good" }),
        );
        let event: Value = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("log_line must return one JSON object; got: {line}"));
        assert_eq!(
            event["level"],
            json!("error"),
            "a field named level must not hide an error as debug: {line}"
        );
        assert_eq!(
            event["message"],
            json!("payment failed"),
            "a field named message must not replace the message: {line}"
        );
    }
}

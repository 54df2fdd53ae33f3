// json_logs1: logs as JSON lines on stdout
//
// A program in a container writes its logs to stdout, one event per line, and the platform
// ships that stream to a log store, which indexes each line as one JSON object:
// `{"level":"warn","message":"slow query","ms":812}`. The event's fields keep their JSON
// types (812 stays a number, so the store can ask `ms > 500`) and may not replace `level` or
// `message`; a newline in a value is escaped as `\n`, so an event stays one line.
//
// Fix `log_line`. The tests also start this program as a separate process and read its stdout.

#[path = "support/process.rs"]
mod process;

use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The line for one event. `fields` is a JSON object (or `Value::Null` for none).
pub fn log_line(level: &str, message: &str, fields: Value) -> String {
    let mut object = match fields {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    object.insert("level".to_owned(), json!(level));
    object.insert("message".to_owned(), json!(message));
    Value::Object(object).to_string()
}

pub fn log(level: &str, message: &str, fields: Value) {
    println!("{}", log_line(level, message, fields));
}

async fn run(_vars: HashMap<String, String>) -> i32 {
    log("info", "starting", json!({ "version": "1.4.2" }));
    log(
        "warn",
        "slow query",
        json!({ "sql": "SELECT *\nFROM orders", "ms": 812 }),
    );
    log("info", "stopped", Value::Null);
    0
}

fn main() {
    process::main(run)
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    process::server_entry!(run);

    #[test]
    fn every_line_on_stdout_is_one_json_object() {
        let lines = process::Program::run_to_end(&[]);
        let events = process::levels_and_messages(&lines);
        let why = "3 events make 3 lines on stdout, each one JSON object with its level (as given) \
                   and message, which a log collector can parse";
        let want = ["info: starting", "warn: slow query", "info: stopped"];
        assert_eq!(events, want, "{why}; stdout:\n{}", lines.join("\n"));
    }

    #[test]
    fn fields_keep_their_types_and_cannot_replace_level_or_message() {
        let fields = json!({ "ms": 812, "sql": "a\n\"b\"", "level": "debug", "message": "ok" });
        let line = log_line("error", "payment failed", fields);
        let want = r#"{"level":"error","message":"payment failed","ms":812,"sql":"a\n\"b\""}"#;
        let why = "one line of compact JSON: a number stays a number, a newline and quotes are \
                   escaped, and a field named level or message does not replace the event's";
        assert!(line == want, "{why}\n got: {line}\nwant: {want}");
    }
}

// serde2: optional fields, defaults and tagged enums
//
// Real API documents are messier than a struct whose fields are all required:
//
// - Some fields may be left out. A client that sends no `tags` means "no tags", so the field
//   should get a default instead of failing: `#[serde(default)]` uses `Default::default()`,
//   and `#[serde(default = "some_function")]` calls a function of yours. (An `Option` field
//   may always be left out: it becomes `None`.)
// - A value that is absent is usually left out of the response rather than sent as `null`:
//   `#[serde(skip_serializing_if = "Option::is_none")]`.
// - By default serde ignores fields it does not know. A client that misspells `"titel"` then
//   believes it set a title, and gets a task without one. `#[serde(deny_unknown_fields)]` on
//   the struct turns that into an error the client can see.
// - When one field says what kind of object this is, `{"type": "email", "address": ...}`, the
//   object maps to a Rust enum with `#[serde(tag = "type")]` (an "internally tagged" enum).
//
// When a document is wrong, the client deserves to know why. serde's errors name the field and
// the place: "missing field `title` at line 1 column 14"; an API passes them on in its 400
// response instead of a bare "bad request".
//
// Add the serde attributes the TODOs ask for, and make `parse_task` pass serde's message on.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub title: String,
    #[serde(default = "default_priority")]
    pub priority: u8,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify: Option<Notify>,
}

fn default_priority() -> u8 {
    3
}

/// Whom to tell when the task is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Notify {
    Email { address: String },
    Webhook { url: String },
}

/// Parses a request body into a `Task`. The error is the message for the client.
pub fn parse_task(body: &str) -> Result<Task, String> {
    serde_json::from_str(body).map_err(|err| err.to_string())
}

fn main() {
    match parse_task(r#"{"title": "Water the plants"}"#) {
        Ok(task) => println!("{task:?}"),
        Err(message) => println!("400 Bad Request: {message}"),
    }
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn write_docs() -> Task {
        Task {
            title: "Write docs".to_string(),
            priority: 3,
            tags: vec![],
            due: None,
            notify: None,
        }
    }

    #[test]
    fn only_the_title_is_required() {
        assert_eq!(parse_task(r#"{"title":"Write docs"}"#), Ok(write_docs()));
    }

    #[test]
    fn every_field_given() {
        let body = r#"{
            "title": "Ship it",
            "priority": 1,
            "tags": ["release", "urgent"],
            "due": "2025-07-01",
            "notify": {"type": "webhook", "url": "https://example.com/hook"}
        }"#;
        let expected = Task {
            title: "Ship it".to_string(),
            priority: 1,
            tags: vec!["release".to_string(), "urgent".to_string()],
            due: Some("2025-07-01".to_string()),
            notify: Some(Notify::Webhook {
                url: "https://example.com/hook".to_string(),
            }),
        };
        assert_eq!(parse_task(body), Ok(expected));
    }

    #[test]
    fn absent_values_are_left_out() {
        assert_eq!(
            serde_json::to_string(&write_docs()).unwrap(),
            r#"{"title":"Write docs","priority":3,"tags":[]}"#
        );
    }

    #[test]
    fn a_tagged_enum_in_json() {
        let task = Task {
            due: Some("2025-07-01".to_string()),
            notify: Some(Notify::Email {
                address: "ops@example.com".to_string(),
            }),
            ..write_docs()
        };
        assert_eq!(
            serde_json::to_string(&task).unwrap(),
            r#"{"title":"Write docs","priority":3,"tags":[],"due":"2025-07-01","notify":{"type":"email","address":"ops@example.com"}}"#
        );
        let back = parse_task(&serde_json::to_string(&task).unwrap());
        assert_eq!(back, Ok(task));
    }

    #[test]
    fn a_misspelled_field_is_an_error() {
        assert_eq!(
            parse_task(r#"{"titel":"Write docs"}"#),
            Err(
                "unknown field `titel`, expected one of `title`, `priority`, `tags`, `due`, \
                 `notify` at line 1 column 8"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_missing_title_is_an_error() {
        assert_eq!(
            parse_task(r#"{"priority":2}"#),
            Err("missing field `title` at line 1 column 14".to_string())
        );
    }

    #[test]
    fn an_unknown_notify_type_is_an_error() {
        assert_eq!(
            parse_task(r#"{"title":"x","notify":{"type":"sms","to":"555"}}"#),
            Err(
                "unknown variant `sms`, expected `email` or `webhook` at line 1 column 35"
                    .to_string()
            )
        );
    }

    #[test]
    fn malformed_json_is_an_error() {
        assert_eq!(
            parse_task(r#"{"title":"Write docs""#),
            Err("EOF while parsing an object at line 1 column 21".to_string())
        );
        assert_eq!(
            parse_task(r#"{"title":"Write docs","priority":300}"#),
            Err("invalid value: integer `300`, expected u8 at line 1 column 36".to_string())
        );
        assert_eq!(
            parse_task(""),
            Err("EOF while parsing a value at line 1 column 0".to_string())
        );
    }
}

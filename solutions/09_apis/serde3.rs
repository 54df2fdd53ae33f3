// serde3: errors a client can act on
//
// By default serde ignores fields it does not know. A client that misspells `"titel"` then
// believes it set a title. `#[serde(deny_unknown_fields)]` on the struct turns that into an
// error. And when a document is wrong, say why: serde's errors name the field and the place
// ("missing field `title` at line 1 column 14"), and an API passes that on in its 400 instead
// of a bare "invalid".
//
// Reject unknown fields, and make `parse_task` return serde's message.

use serde::Deserialize;

// TODO: reject fields that are not in the struct.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub title: String,
    pub priority: Option<u8>,
}

/// Parses a request body into a `Task`. The error is the message for the client.
pub fn parse_task(body: &str) -> Result<Task, String> {
    // TODO: tell the client what is wrong: serde_json's error already says it.
    serde_json::from_str(body).map_err(|err| err.to_string())
}

fn main() {
    println!("{:?}", parse_task(r#"{"titel": "Water the plants"}"#));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn rejected(body: &str, message: &str) {
        assert_eq!(
            parse_task(body),
            Err(message.to_string()),
            "the client sent {body} and should learn exactly what is wrong"
        );
    }

    #[test]
    fn a_good_task() {
        let want = Task {
            title: "Write docs".to_string(),
            priority: Some(2),
        };
        let parsed = parse_task(r#"{"title":"Write docs","priority":2}"#);
        assert_eq!(parsed, Ok(want), "a valid document still parses");
    }

    #[test]
    fn a_misspelled_field_is_an_error() {
        let message = "unknown field `titel`, expected `title` or `priority` at line 1 column 8";
        rejected(r#"{"titel":"Write docs"}"#, message);
    }

    #[test]
    fn a_missing_or_wrong_field_is_named() {
        rejected(
            r#"{"priority":2}"#,
            "missing field `title` at line 1 column 14",
        );
        let too_big = "invalid value: integer `300`, expected u8 at line 1 column 27";
        rejected(r#"{"title":"x","priority":300}"#, too_big);
    }

    #[test]
    fn malformed_json_is_named() {
        rejected(
            r#"{"title":"x""#,
            "EOF while parsing an object at line 1 column 12",
        );
    }
}

// serde4: tagged enums
//
// When one field says what kind of object a document is, `{"type":"email","address":...}`
// or `{"type":"webhook","url":...}`, the document maps to a Rust enum: each variant is one
// kind, with its own fields. `#[serde(tag = "type")]` makes serde write the variant's name as
// a "type" field next to the others (an "internally tagged" enum), and `rename_all` spells
// the names the API's way. Without it, serde's default wraps the fields in an object named
// after the variant: `{"Email":{"address":...}}`.
//
// Make `Notify` internally tagged by "type", with lowercase variant names.

use serde::{Deserialize, Serialize};

/// Whom to tell when a task is done.
// TODO: tag the variants with a "type" field, spelled in lowercase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Notify {
    Email { address: String },
    Webhook { url: String },
}

fn main() {
    let notify = Notify::Email {
        address: "ops@example.com".to_string(),
    };
    println!("{}", serde_json::to_string(&notify).unwrap());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = r#"{"type":"email","address":"ops@example.com"}"#;

    fn email() -> Notify {
        Notify::Email {
            address: "ops@example.com".to_string(),
        }
    }

    #[test]
    fn the_variant_is_a_type_field() {
        let json = serde_json::to_string(&email()).unwrap();
        assert_eq!(
            json, EMAIL,
            "the kind is a \"type\" field beside the variant's fields"
        );
    }

    #[test]
    fn the_type_field_picks_the_variant() {
        let read = serde_json::from_str::<Notify>(EMAIL).ok();
        assert_eq!(
            read,
            Some(email()),
            "\"type\":\"email\" reads as Notify::Email"
        );
        let hook = r#"{"url":"https://example.com/hook","type":"webhook"}"#;
        let want = Notify::Webhook {
            url: "https://example.com/hook".to_string(),
        };
        let read = serde_json::from_str::<Notify>(hook).ok();
        assert_eq!(read, Some(want), "the tag may come anywhere in the object");
    }

    #[test]
    fn an_unknown_type_is_an_error() {
        let body = r#"{"type":"sms","to":"555"}"#;
        let err = serde_json::from_str::<Notify>(body)
            .err()
            .map(|err| err.to_string());
        let want = "unknown variant `sms`, expected `email` or `webhook` at line 1 column 13";
        assert_eq!(
            err.as_deref(),
            Some(want),
            "the client learns which kinds exist"
        );
    }
}

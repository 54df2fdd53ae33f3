// serde2: optional fields and absent values
//
// Clients leave fields out. `#[serde(default)]` on a field fills a missing one with
// `Default::default()` (an empty Vec, 0, false) instead of failing the whole document, and
// `#[serde(default = "a_function")]` calls a function of yours (see `priority`). An `Option`
// field may always be left out: it becomes `None`. Going the other way, an absent value is
// usually left out of the response rather than sent as `null`:
// `#[serde(skip_serializing_if = "Option::is_none")]`.
//
// Let clients leave out `tags`, and leave `due` out of the JSON when it is `None`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub title: String,
    #[serde(default = "default_priority")]
    pub priority: u8,
    // TODO: when absent, there are no tags.
    #[serde(default)]
    pub tags: Vec<String>,
    // TODO: leave it out of the JSON when it is `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
}

fn default_priority() -> u8 {
    3
}

fn main() {
    println!(
        "{:?}",
        serde_json::from_str::<Task>(r#"{"title":"Water the plants"}"#)
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Task, String> {
        serde_json::from_str(body).map_err(|err| err.to_string())
    }

    fn write_docs() -> Task {
        let (title, tags) = ("Write docs".to_string(), vec![]);
        Task {
            title,
            priority: 3,
            tags,
            due: None,
        }
    }

    #[test]
    fn only_the_title_is_required() {
        let parsed = parse(r#"{"title":"Write docs"}"#);
        assert_eq!(
            parsed,
            Ok(write_docs()),
            "priority 3, no tags and no due date by default"
        );
    }

    #[test]
    fn every_field_given() {
        let body = r#"{"title":"Ship","priority":1,"tags":["release"],"due":"2025-07-01"}"#;
        let tags = vec!["release".to_string()];
        let due = Some("2025-07-01".to_string());
        let want = Task {
            title: "Ship".to_string(),
            priority: 1,
            tags,
            due,
        };
        assert_eq!(parse(body), Ok(want), "the fields that are sent are used");
    }

    #[test]
    fn absent_values_are_left_out() {
        let json = serde_json::to_value(write_docs()).unwrap();
        let why = "`due` is None: it is left out, not sent as \"due\":null";
        assert_eq!(json.get("due"), None, "{why}; got {json}");
        let why = "`tags` is always sent, even empty (only `due` is skipped when absent)";
        assert_eq!(
            json.get("tags"),
            Some(&serde_json::json!([])),
            "{why}; got {json}"
        );
        let why = "`title` and `priority` are sent as they are";
        assert_eq!(json["title"], "Write docs", "{why}; got {json}");
        assert_eq!(json["priority"], 3, "{why}; got {json}");
        let due = Some("2025-07-01".to_string());
        let json = serde_json::to_string(&Task {
            due,
            ..write_docs()
        })
        .unwrap();
        assert!(
            json.ends_with(r#""due":"2025-07-01"}"#),
            "a due date that is set is sent: {json}"
        );
    }
}

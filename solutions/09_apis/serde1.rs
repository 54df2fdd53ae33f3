// serde1: JSON with serde
//
// An API is a program that other programs call, and most web APIs speak JSON: the client sends
// a JSON document, the server answers with one. In Rust the `serde` crate does the translation:
// `#[derive(Serialize, Deserialize)]` writes the code that turns a struct into JSON and back,
// and `serde_json::to_string` / `serde_json::from_str` do the work.
//
// The JSON field names are part of the API's contract with its clients, and this API (like most
// JSON APIs) spells them in camelCase: `displayName`, not `display_name`. Rust spells fields in
// snake_case. A serde attribute on the type bridges the two, so the Rust code keeps its names:
//
//     #[derive(Serialize, Deserialize)]
//     #[serde(rename_all = "camelCase")]
//
// Make `User` and `Role` serializable and deserializable with the JSON names the tests expect.
// The test `a_user_as_json` shows the exact document.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: u64,
    pub display_name: String,
    pub email_verified: bool,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Member,
    ReadOnly,
}

fn main() {
    let user = User {
        id: 1,
        display_name: "Grace Hopper".to_string(),
        email_verified: false,
        role: Role::Admin,
    };
    println!("{user:?}");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> User {
        User {
            id: 7,
            display_name: "Ada Lovelace".to_string(),
            email_verified: true,
            role: Role::ReadOnly,
        }
    }

    #[test]
    fn a_user_as_json() {
        assert_eq!(
            serde_json::to_string(&ada()).unwrap(),
            r#"{"id":7,"displayName":"Ada Lovelace","emailVerified":true,"role":"read_only"}"#
        );
    }

    #[test]
    fn json_into_a_user() {
        // Whitespace and key order do not matter in JSON.
        let body = r#"{
            "role": "read_only",
            "emailVerified": true,
            "displayName": "Ada Lovelace",
            "id": 7
        }"#;
        assert_eq!(serde_json::from_str::<User>(body).unwrap(), ada());
    }

    #[test]
    fn every_role_round_trips() {
        for (role, json) in [
            (Role::Admin, r#""admin""#),
            (Role::Member, r#""member""#),
            (Role::ReadOnly, r#""read_only""#),
        ] {
            assert_eq!(serde_json::to_string(&role).unwrap(), json);
            assert_eq!(serde_json::from_str::<Role>(json).unwrap(), role);
        }
    }

    #[test]
    fn snake_case_keys_are_not_the_contract() {
        let body = r#"{"id":7,"display_name":"Ada","email_verified":true,"role":"admin"}"#;
        let err = serde_json::from_str::<User>(body).unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing field `displayName` at line 1 column 66"
        );
    }

    #[test]
    fn unknown_roles_are_rejected() {
        let body = r#"{"id":7,"displayName":"Ada","emailVerified":true,"role":"owner"}"#;
        let err = serde_json::from_str::<User>(body).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown variant `owner`, expected one of `admin`, `member`, `read_only` \
             at line 1 column 63"
        );
    }

    #[test]
    fn wrong_types_are_rejected() {
        // A number in a string is not a number, and an id cannot be negative.
        for body in [
            r#"{"id":"7","displayName":"Ada","emailVerified":true,"role":"admin"}"#,
            r#"{"id":-7,"displayName":"Ada","emailVerified":true,"role":"admin"}"#,
            r#"{"id":7,"displayName":"Ada","emailVerified":"yes","role":"admin"}"#,
            r#"{"id":7,"displayName":null,"emailVerified":true,"role":"admin"}"#,
        ] {
            assert!(
                serde_json::from_str::<User>(body).is_err(),
                "{body} should be rejected"
            );
        }
    }
}

// serde1: JSON with serde
//
// Most web APIs speak JSON. In Rust, `#[derive(Serialize, Deserialize)]` (from serde) writes
// the code that turns a struct into JSON and back; `serde_json::to_string` and `from_str` do
// the work. The JSON names are the API's contract, and this API spells them in camelCase
// (`displayName`) while Rust spells fields in snake_case: `#[serde(rename_all = "camelCase")]`
// on the type bridges the two.
//
// Make `User` and `Role` serializable with the names the tests expect.

use serde::{Deserialize, Serialize};

// TODO: derive `Serialize` and `Deserialize`, and spell the fields in camelCase.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: u64,
    pub display_name: String,
    pub email_verified: bool,
    pub role: Role,
}

// TODO: derive them here too. In JSON the roles are "admin", "member" and "read_only"
// (`rename_all` renames enum variants as well).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Admin,
    Member,
    ReadOnly,
}

fn main() {
    println!("{:?}", Role::Member);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    const ADA: &str =
        r#"{"id":7,"displayName":"Ada Lovelace","emailVerified":true,"role":"read_only"}"#;

    fn ada() -> User {
        let name = "Ada Lovelace".to_string();
        User {
            id: 7,
            display_name: name,
            email_verified: true,
            role: Role::ReadOnly,
        }
    }

    #[test]
    fn a_user_as_json() {
        let json = serde_json::to_string(&ada()).unwrap();
        assert_eq!(json, ADA, "camelCase keys, and the role in snake_case");
    }

    #[test]
    fn json_into_a_user() {
        let parsed = serde_json::from_str::<User>(ADA).map_err(|e| e.to_string());
        let why = "the document reads back into the user (an Err holds serde's reason)";
        assert_eq!(parsed, Ok(ada()), "{why}");
    }

    #[test]
    fn snake_case_keys_are_not_the_contract() {
        let body = r#"{"id":7,"display_name":"Ada","email_verified":true,"role":"admin"}"#;
        let err = serde_json::from_str::<User>(body)
            .err()
            .map(|e| e.to_string());
        let want = "missing field `displayName` at line 1 column 66";
        let why = "the contract says displayName; a client sending display_name is told";
        assert_eq!(err.as_deref(), Some(want), "{why}");
    }
}

// guard1: who may run this mutation?
//
// With one endpoint for everything, authorization moves to the fields. The HTTP layer puts
// the authenticated caller in the request's data (`CurrentUser`); a guard,
// `#[graphql(guard = "SignedIn")]`, runs before the resolver and reads it from the `Context`.
// As in the auth stage: no user is `UNAUTHENTICATED` (HTTP's 401), and a user editing someone
// else's note is `FORBIDDEN` (403): knowing an id proves nothing (IDOR).
//
// Make `SignedIn` refuse a request without a user, and `edit_note` another user's note.
// `refuse(code, message)` builds an error with a code.

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, Guard, Object, Result, Schema};
use rusqlite::params;

#[path = "support/library.rs"]
mod library;
use library::{CurrentUser, Db, Health, Note, refuse};

struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, _ctx: &Context<'_>) -> Result<()> {
        // TODO: refuse (UNAUTHENTICATED) when the request's data has no `CurrentUser`.
        Ok(())
    }
}

struct Mutation;

#[Object]
impl Mutation {
    /// Changes the body of one of the caller's notes.
    #[graphql(guard = "SignedIn")]
    async fn edit_note(&self, ctx: &Context<'_>, id: i64, body: String) -> Result<Note> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT owner FROM notes WHERE id = ?1";
        let Some(owner) = db.query(sql, [id], |row| row.get(0))?.pop() else {
            return Err(refuse("NOT_FOUND", "no such note"));
        };
        // TODO: refuse (FORBIDDEN) when `owner` is not the caller.
        let sql = "UPDATE notes SET body = ?2 WHERE id = ?1";
        db.execute(sql, params![id, body])?;
        Ok(Note { id, owner, body })
    }
}

fn schema(db: Arc<Db>) -> Schema<Health, Mutation, EmptySubscription> {
    library::schema(Health, Mutation, db)
}

const EDIT: &str = r#"mutation { editNote(id: 1, body: "Return The Martian today") { body } }"#;

fn main() {
    let as_bob = library::as_user(EDIT, Some("bob"));
    library::show(&schema(Arc::new(Db::seeded())), as_bob);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_codes;

    const BEFORE: &str = "Return The Martian by Friday";

    /// Runs EDIT (note 1, which is alice's) as `user`; gives the response and note 1's body.
    async fn edit(user: Option<&str>) -> (serde_json::Value, String) {
        let db = Arc::new(Db::seeded());
        let response = library::run(&schema(db.clone()), library::as_user(EDIT, user)).await;
        let body = db.peek("SELECT body FROM notes WHERE id = 1");
        (response, body.unwrap_or_default())
    }

    #[tokio::test]
    async fn the_owner_may_edit() {
        let (response, body) = edit(Some("alice")).await;
        library::assert_ok(&response, "alice editing her note 1");
        let why = "the owner's edit is stored";
        assert_eq!(body, "Return The Martian today", "{why}");
    }

    #[tokio::test]
    async fn no_user_is_unauthenticated() {
        let (response, body) = edit(None).await;
        let why = "without a user, the guard refuses with UNAUTHENTICATED";
        assert_eq!(
            error_codes(&response),
            ["UNAUTHENTICATED"],
            "{why}: {response}"
        );
        assert_eq!(body, BEFORE, "a refused edit changes nothing");
    }

    #[tokio::test]
    async fn someone_elses_note_is_forbidden() {
        let (response, body) = edit(Some("bob")).await;
        let why = "bob is signed in, but note 1 is alice's: FORBIDDEN";
        assert_eq!(error_codes(&response), ["FORBIDDEN"], "{why}: {response}");
        assert_eq!(body, BEFORE, "a refused edit changes nothing");
    }
}

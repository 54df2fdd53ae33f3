// guard1: who may run this mutation?
//
// A GraphQL API usually has one endpoint, so "protect the route" does not work: every
// query and mutation arrives at the same URL. Authorization moves to the fields. The HTTP
// layer authenticates the caller (a session cookie, a bearer token) and puts who they are in
// the request's data (`Request::new(query).data(CurrentUser(..))`); resolvers and guards read
// it from the `Context`.
//
// A guard is a check that runs before a field's resolver: `#[graphql(guard = "SignedIn")]`.
// As in the auth stage, two different refusals:
// - no user at all: `UNAUTHENTICATED` (HTTP would say 401: sign in first);
// - a signed-in user touching someone else's note: `FORBIDDEN` (403). Knowing a note's id
//   proves nothing (IDOR): the resolver must compare the note's owner with the caller.
// Both go in `errors[]` with `extensions.code`, and the note stays as it was.
//
// Make the guard refuse a request without a user, and `edit_note` refuse another user's
// note. `refuse(code, message)` builds an error with a code.

use std::sync::Arc;

use async_graphql::{
    Context, EmptySubscription, Error, ErrorExtensions, Guard, Object, Result, Schema, SimpleObject,
};
use rusqlite::params;

#[path = "support/library.rs"]
mod library;
use library::{Db, run};

/// Who is calling, put in the request's data by the HTTP layer after authentication.
struct CurrentUser(String);

struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        if ctx.data_opt::<CurrentUser>().is_none() {
            return Err(refuse("UNAUTHENTICATED", "sign in first"));
        }
        Ok(())
    }
}

#[derive(SimpleObject)]
struct Note {
    id: i64,
    owner: String,
    body: String,
}

struct Mutation;

#[Object]
impl Mutation {
    /// Changes the body of one of the caller's notes.
    #[graphql(guard = "SignedIn")]
    async fn edit_note(&self, ctx: &Context<'_>, id: i64, body: String) -> Result<Note> {
        let db = ctx.data::<Arc<Db>>()?;
        let sql = "SELECT owner FROM notes WHERE id = ?1";
        let mut owners: Vec<String> = db.query(sql, [id], |row| row.get(0))?;
        let Some(owner) = owners.pop() else {
            return Err(refuse("NOT_FOUND", "no such note"));
        };
        let user = ctx.data::<CurrentUser>()?;
        if owner != user.0 {
            return Err(refuse("FORBIDDEN", "this note belongs to someone else"));
        }
        db.execute(
            "UPDATE notes SET body = ?2 WHERE id = ?1",
            params![id, body],
        )?;
        Ok(Note { id, owner, body })
    }
}

fn refuse(code: &str, message: &str) -> Error {
    let code = code.to_string();
    Error::new(message).extend_with(|_, ext| ext.set("code", code))
}

struct Query;

#[Object]
impl Query {
    /// Always "ok": a schema needs at least one query field.
    async fn health(&self) -> &str {
        "ok"
    }
}

fn schema(db: Arc<Db>) -> Schema<Query, Mutation, EmptySubscription> {
    Schema::build(Query, Mutation, EmptySubscription)
        .data(db)
        .finish()
}

const EDIT: &str = r#"mutation { editNote(id: 1, body: "Return The Martian today") { body } }"#;

#[tokio::main]
async fn main() {
    // You can experiment here: `cargo run -p exercises-graphql --bin guard1` runs this.
    let schema = schema(Arc::new(Db::seeded()));
    let bob = CurrentUser("bob".to_string());
    println!("{} edits alice's note 1:", bob.0);
    let as_bob = async_graphql::Request::new(EDIT).data(bob);
    println!("{:#}", run(&schema, as_bob).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::error_messages;
    use async_graphql::Request;
    use serde_json::{Value, json};

    async fn edit(db: &Arc<Db>, user: Option<&str>) -> Value {
        let mut request = Request::new(EDIT);
        if let Some(user) = user {
            request = request.data(CurrentUser(user.to_string()));
        }
        run(&schema(db.clone()), request).await
    }

    fn note_1(db: &Db) -> String {
        db.peek("SELECT body FROM notes WHERE id = 1")
            .unwrap_or_default()
    }

    #[tokio::test]
    async fn the_owner_may_edit() {
        let db = Arc::new(Db::seeded());
        let response = edit(&db, Some("alice")).await;
        assert_eq!(
            response,
            json!({"data": {"editNote": {"body": "Return The Martian today"}}}),
            "alice owns note 1 and may edit it ({})",
            error_messages(&response)
        );
        assert_eq!(
            note_1(&db),
            "Return The Martian today",
            "the new body is stored"
        );
    }

    #[tokio::test]
    async fn no_user_is_unauthenticated() {
        let db = Arc::new(Db::seeded());
        let response = edit(&db, None).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            json!("UNAUTHENTICATED"),
            "a request without a user is refused by the guard with code UNAUTHENTICATED; got {response}"
        );
        assert_eq!(
            note_1(&db),
            "Return The Martian by Friday",
            "the note is unchanged"
        );
    }

    #[tokio::test]
    async fn someone_elses_note_is_forbidden() {
        let db = Arc::new(Db::seeded());
        let response = edit(&db, Some("bob")).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            json!("FORBIDDEN"),
            "bob is signed in but note 1 is alice's: FORBIDDEN; got {response}"
        );
        assert_eq!(
            response["data"],
            Value::Null,
            "a refused mutation returns no data"
        );
        assert_eq!(
            note_1(&db),
            "Return The Martian by Friday",
            "the note is unchanged"
        );
    }

    #[tokio::test]
    async fn a_missing_note_is_not_found() {
        let db = Arc::new(Db::seeded());
        let request = Request::new(r#"mutation { editNote(id: 99, body: "x") { id } }"#)
            .data(CurrentUser("alice".to_string()));
        let response = run(&schema(db), request).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            json!("NOT_FOUND"),
            "note 99 does not exist; got {response}"
        );
    }
}

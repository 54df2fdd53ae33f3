// ownership1: nobody reads another's notes (IDOR)
//
// Roles say "may users do this at all?"; most data needs "may *this* user touch *this*
// record?". Forgetting it is IDOR (insecure direct object reference), the heart of OWASP's
// number one risk, broken access control: `GET /notes/42` returns someone else's note because
// the server only checked that I am logged in. Attackers just count through the ids (random
// ids are no fix: ids leak through links and logs). Scope every query by its owner,
// `WHERE id = ?1 AND owner = ?2`, so another user's note is never even loaded, and answer 404:
// a 403 would confirm that the note exists.
//
// The `notes` table (support/notes.rs) stores its owner's user name in `notes.owner`: compare
// it with `user.name`, the name of the user `CurrentUser` gives you. Fix the two queries
// marked TODO.

#[path = "support/client.rs"]
mod client;
#[path = "support/notes.rs"]
mod notes;
#[path = "support/tokens.rs"]
mod tokens;

use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    routing::get,
};
use notes::Db;
use rusqlite::{OptionalExtension, params};
use tokens::CurrentUser;

async fn get_note(
    CurrentUser(user): CurrentUser,
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> Result<String, StatusCode> {
    let db = db.lock().unwrap();
    // TODO: load the note only if it belongs to `user`.
    let sql = "SELECT body FROM notes WHERE id = ?1";
    let body = db.query_row(sql, params![id], |row| row.get(0));
    body.optional().unwrap().ok_or(StatusCode::NOT_FOUND)
}

async fn delete_note(
    CurrentUser(user): CurrentUser,
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> StatusCode {
    let db = db.lock().unwrap();
    // TODO: delete the note only if it belongs to `user`.
    let sql = "DELETE FROM notes WHERE id = ?1";
    match db.execute(sql, params![id]).unwrap() {
        0 => StatusCode::NOT_FOUND,
        _ => StatusCode::NO_CONTENT,
    }
}

fn app(db: Db) -> Router {
    let routes = get(get_note).delete(delete_note);
    Router::new().route("/notes/{id}", routes).with_state(db)
}

fn main() {
    println!("`cargo test` sends requests to {:?}", app(notes::open()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use client::{Answer, call};

    /// Sends `method uri` as alice.
    async fn as_alice(db: &Db, method: &str, uri: &str) -> Answer {
        let alice = tokens::bearer("alice");
        call(app(db.clone()), method, uri, Some(&alice)).await
    }

    #[tokio::test]
    async fn a_user_reads_only_their_own_notes() {
        let db = notes::open();
        let answer = as_alice(&db, "GET", "/notes/1").await;
        assert_eq!(
            answer.body, "dear diary",
            "note 1 is alice's: {}",
            answer.status
        );
        for id in [2, 4, 99] {
            let answer = as_alice(&db, "GET", &format!("/notes/{id}")).await;
            let got = (answer.status, answer.body.as_str());
            let why = format!("note {id} is not alice's: 404, and not a word of it");
            assert_eq!(got, (StatusCode::NOT_FOUND, ""), "{why}");
        }
    }

    #[tokio::test]
    async fn a_user_deletes_only_their_own_notes() {
        let db = notes::open();
        let answer = as_alice(&db, "DELETE", "/notes/2").await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "note 2 is bob's, not alice's"
        );
        assert_eq!(
            notes::count(&db),
            4,
            "bob's note must survive alice's DELETE"
        );
        let answer = as_alice(&db, "DELETE", "/notes/3").await;
        assert_eq!(
            answer.status,
            StatusCode::NO_CONTENT,
            "note 3 is alice's to delete"
        );
    }
}

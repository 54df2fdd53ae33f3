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
// Fix the two queries marked TODO.

#[path = "support/client.rs"]
mod client;
#[path = "support/notes.rs"]
mod notes;
#[path = "support/tokens.rs"]
mod tokens;

use std::sync::{Arc, Mutex};

use axum::{
    Router,
    extract::{Path, State},
    http::StatusCode,
    routing::get,
};
use rusqlite::{Connection, OptionalExtension, params};
use tokens::CurrentUser;

type Db = Arc<Mutex<Connection>>;

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
    println!(
        "`cargo test` sends requests to {:?}",
        app(Arc::new(Mutex::new(notes::open())))
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use client::call;
    use tokens::bearer;

    fn db() -> Db {
        Arc::new(Mutex::new(notes::open()))
    }

    #[tokio::test]
    async fn a_user_reads_their_own_note() {
        let answer = call(app(db()), "GET", "/notes/1", Some(&bearer("alice"))).await;
        assert_eq!(
            answer.body, "dear diary",
            "note 1 is alice's: {}",
            answer.status
        );
    }

    #[tokio::test]
    async fn another_users_note_looks_like_no_note() {
        for id in [2, 4, 99] {
            let uri = format!("/notes/{id}");
            let answer = call(app(db()), "GET", &uri, Some(&bearer("alice"))).await;
            let why = format!(
                "note {id} is not alice's: 404, and nothing of it, got {:?}",
                answer.body
            );
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (StatusCode::NOT_FOUND, ""),
                "{why}"
            );
        }
    }

    #[tokio::test]
    async fn a_user_deletes_only_their_own_notes() {
        let db = db();
        let answer = call(
            app(db.clone()),
            "DELETE",
            "/notes/2",
            Some(&bearer("alice")),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "note 2 is bob's, not alice's"
        );
        assert_eq!(
            notes::count(&db.lock().unwrap()),
            4,
            "bob's note must survive"
        );
        let answer = call(
            app(db.clone()),
            "DELETE",
            "/notes/3",
            Some(&bearer("alice")),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::NO_CONTENT,
            "note 3 is alice's to delete"
        );
    }
}

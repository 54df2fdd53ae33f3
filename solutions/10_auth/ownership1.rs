// ownership1: nobody reads another's notes (IDOR)
//
// Roles (roles1) answer "may users do this at all?". Most data needs a finer rule: "may *this*
// user touch *this* record?". Forgetting it is one of the most common serious bugs in real
// APIs, called IDOR (insecure direct object reference), and the heart of OWASP's number one
// risk, broken access control. It looks like this:
//
//     GET /notes/41   -> my note
//     GET /notes/42   -> someone else's note, because the server only checked that I am
//                        logged in, not that note 42 is mine
//
// An attacker just counts through the ids. Random ids (UUIDs) make counting harder, but they
// are not a fix: ids leak through links, logs and shared screens.
//
// The fix is to scope every query by the owner: `WHERE id = ?1 AND owner = ?2`, so another
// user's note is never even loaded. And answer 404, not 403: "that note is not yours" tells
// the attacker the note exists. To them, someone else's note and a note that does not exist
// must look the same.
//
// Fix the three queries marked TODO.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{FromRequestParts, Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
    routing::get,
};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

struct AppState {
    db: Mutex<Connection>,
    /// Bearer token -> username (a stand-in for the JWT check of jwt2).
    tokens: HashMap<String, String>,
}

impl AppState {
    fn new() -> Self {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(
            "CREATE TABLE notes (
                 id    INTEGER PRIMARY KEY,
                 owner TEXT NOT NULL,
                 body  TEXT NOT NULL
             );
             INSERT INTO notes (id, owner, body) VALUES
                 (1, 'alice', 'dear diary'),
                 (2, 'bob',   'the wifi password is hunter2'),
                 (3, 'alice', 'buy milk'),
                 (4, 'carol', 'surprise party for bob on friday');",
        )
        .unwrap();
        let tokens = ["alice", "bob", "carol"]
            .map(|name| (format!("token-of-{name}"), name.to_string()))
            .into();
        AppState {
            db: Mutex::new(db),
            tokens,
        }
    }
}

/// The logged-in user's name. Refuses everyone else with 401.
struct CurrentUser(String);

impl FromRequestParts<Arc<AppState>> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| state.tokens.get(token))
            .map(|user| CurrentUser(user.clone()))
            .ok_or_else(|| {
                (
                    StatusCode::UNAUTHORIZED,
                    [(header::WWW_AUTHENTICATE, "Bearer")],
                )
                    .into_response()
            })
    }
}

#[derive(Serialize)]
struct Note {
    id: i64,
    body: String,
}

#[derive(Deserialize)]
struct NewNote {
    body: String,
}

async fn list_notes(
    CurrentUser(user): CurrentUser,
    State(state): State<Arc<AppState>>,
) -> Json<Vec<Note>> {
    let db = state.db.lock().unwrap();
    let mut statement = db
        .prepare("SELECT id, body FROM notes WHERE owner = ?1 ORDER BY id")
        .unwrap();
    let notes = statement
        .query_map([&user], |row| {
            Ok(Note {
                id: row.get(0)?,
                body: row.get(1)?,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Json(notes)
}

async fn create_note(
    CurrentUser(user): CurrentUser,
    State(state): State<Arc<AppState>>,
    Json(note): Json<NewNote>,
) -> (StatusCode, Json<Note>) {
    let db = state.db.lock().unwrap();
    db.execute(
        "INSERT INTO notes (owner, body) VALUES (?1, ?2)",
        params![user, note.body],
    )
    .unwrap();
    let note = Note {
        id: db.last_insert_rowid(),
        body: note.body,
    };
    (StatusCode::CREATED, Json(note))
}

async fn get_note(
    CurrentUser(user): CurrentUser,
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> Result<Json<Note>, StatusCode> {
    let db = state.db.lock().unwrap();
    let body: Option<String> = db
        .query_row(
            "SELECT body FROM notes WHERE id = ?1 AND owner = ?2",
            params![id, user],
            |row| row.get(0),
        )
        .optional()
        .unwrap();
    match body {
        Some(body) => Ok(Json(Note { id, body })),
        None => Err(StatusCode::NOT_FOUND),
    }
}

async fn delete_note(
    CurrentUser(user): CurrentUser,
    State(state): State<Arc<AppState>>,
    Path(id): Path<i64>,
) -> StatusCode {
    let db = state.db.lock().unwrap();
    let deleted = db
        .execute(
            "DELETE FROM notes WHERE id = ?1 AND owner = ?2",
            params![id, user],
        )
        .unwrap();
    if deleted == 1 {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/notes", get(list_notes).post(create_note))
        .route("/notes/{id}", get(get_note).delete(delete_note))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app(Arc::new(AppState::new())))
        .await
        .unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Method, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn call(
        state: &Arc<AppState>,
        method: Method,
        uri: &str,
        user: Option<&str>,
        body: Option<&str>,
    ) -> (StatusCode, String) {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(user) = user {
            request = request.header(header::AUTHORIZATION, format!("Bearer token-of-{user}"));
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        };
        let response = app(state.clone()).oneshot(request.unwrap()).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn get(state: &Arc<AppState>, uri: &str, user: &str) -> (StatusCode, String) {
        call(state, Method::GET, uri, Some(user), None).await
    }

    async fn delete(state: &Arc<AppState>, uri: &str, user: &str) -> StatusCode {
        call(state, Method::DELETE, uri, Some(user), None).await.0
    }

    #[tokio::test]
    async fn an_owner_reads_their_note() {
        let state = Arc::new(AppState::new());
        let (status, body) = get(&state, "/notes/1", "alice").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"id":1,"body":"dear diary"}"#);
    }

    #[tokio::test]
    async fn someone_elses_note_looks_like_no_note_at_all() {
        let state = Arc::new(AppState::new());
        let not_mine = get(&state, "/notes/2", "alice").await;
        let missing = get(&state, "/notes/99", "alice").await;
        assert_eq!(not_mine.0, StatusCode::NOT_FOUND, "{}", not_mine.1);
        assert_eq!(not_mine, missing);
    }

    #[tokio::test]
    async fn counting_through_ids_finds_only_your_own_notes() {
        let state = Arc::new(AppState::new());
        let mut found = Vec::new();
        for id in 1..=10 {
            let (status, _) = get(&state, &format!("/notes/{id}"), "bob").await;
            if status == StatusCode::OK {
                found.push(id);
            }
        }
        assert_eq!(found, [2]);
    }

    #[tokio::test]
    async fn the_list_holds_only_your_notes() {
        let state = Arc::new(AppState::new());
        let (status, body) = get(&state, "/notes", "alice").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            r#"[{"id":1,"body":"dear diary"},{"id":3,"body":"buy milk"}]"#
        );
        let (_, body) = get(&state, "/notes", "bob").await;
        assert_eq!(body, r#"[{"id":2,"body":"the wifi password is hunter2"}]"#);
    }

    #[tokio::test]
    async fn nobody_deletes_anothers_note() {
        let state = Arc::new(AppState::new());
        assert_eq!(
            delete(&state, "/notes/1", "bob").await,
            StatusCode::NOT_FOUND
        );
        let (status, _) = get(&state, "/notes/1", "alice").await;
        assert_eq!(
            status,
            StatusCode::OK,
            "alice's note must survive bob's DELETE"
        );
    }

    #[tokio::test]
    async fn an_owner_deletes_their_note() {
        let state = Arc::new(AppState::new());
        assert_eq!(
            delete(&state, "/notes/1", "alice").await,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            delete(&state, "/notes/1", "alice").await,
            StatusCode::NOT_FOUND
        );
        let (status, _) = get(&state, "/notes/1", "alice").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn a_new_note_belongs_to_its_author() {
        let state = Arc::new(AppState::new());
        let (status, body) = call(
            &state,
            Method::POST,
            "/notes",
            Some("carol"),
            Some(r#"{"body":"remember the cake"}"#),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(body, r#"{"id":5,"body":"remember the cake"}"#);
        assert_eq!(get(&state, "/notes/5", "carol").await.0, StatusCode::OK);
        assert_eq!(
            get(&state, "/notes/5", "bob").await.0,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn anonymous_requests_get_401() {
        let state = Arc::new(AppState::new());
        for (method, uri) in [
            (Method::GET, "/notes"),
            (Method::GET, "/notes/1"),
            (Method::DELETE, "/notes/1"),
        ] {
            let (status, _) = call(&state, method.clone(), uri, None, None).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}");
        }
    }
}

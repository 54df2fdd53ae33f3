// login1: a login that gives nothing away
//
// A login endpoint can leak which usernames exist, and a list of real accounts is the first
// thing an attacker wants (for password guessing, phishing, or credential stuffing with
// passwords leaked from other sites). It leaks in two ways:
//
// - By its answer: "no such user" for one mistake and "wrong password" for the other.
// - By its timing: checking an Argon2 hash takes tens of milliseconds on purpose. If the server
//   answers an unknown username at once but spends 50 ms on a known one, a stopwatch tells
//   them apart just as well as the message does.
//
// So both failures must get the same status and body, and both must do the same work: when
// the user does not exist, verify the password against a dummy hash anyway, and throw the
// result away.
//
// Fix `login`. The app counts password verifications in `AppState::verifications`, so the
// tests can check the work done without a stopwatch.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordVerifier},
};
use axum::{
    Json, Router,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::json;

/// alice's password is `wonderland` (hashed with m=8192, t=1, p=1 so the tests stay quick).
const ALICE_HASH: &str = "$argon2id$v=19$m=8192,t=1,p=1$YmFja2xpbmdzLXNhbHQtMg$JR4hBKs2V/7K86Cq/memQuVgk4dfX/2uu3HyCXniVbg";

/// A valid hash, with the same parameters as real ones, of a password no account uses.
/// Verifying against it costs exactly as much as verifying against a real hash.
const DUMMY_HASH: &str = "$argon2id$v=19$m=8192,t=1,p=1$YmFja2xpbmdzLXNhbHQtMw$n53b1+ds0XyXgSwefUAyQjq3t96nPRnOJDgNxth3cn4";

struct AppState {
    db: Mutex<Connection>,
    /// How many password verifications have run.
    verifications: AtomicUsize,
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

impl AppState {
    fn new() -> Self {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(
            "CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL);",
        )
        .unwrap();
        db.execute(
            "INSERT INTO users (username, password_hash) VALUES ('alice', ?1)",
            [ALICE_HASH],
        )
        .unwrap();
        AppState {
            db: Mutex::new(db),
            verifications: AtomicUsize::new(0),
        }
    }

    /// The stored PHC string of a user, if the user exists.
    fn password_hash(&self, username: &str) -> Option<String> {
        self.db
            .lock()
            .unwrap()
            .query_row(
                "SELECT password_hash FROM users WHERE username = ?1",
                [username],
                |row| row.get(0),
            )
            .optional()
            .unwrap()
    }

    /// Checks a password against a PHC string, and counts the check.
    /// (A real server runs this in `tokio::task::spawn_blocking`: it keeps a CPU busy for a
    /// while, and an async task must not block its thread that long.)
    fn verify(&self, password: &str, phc: &str) -> bool {
        self.verifications.fetch_add(1, Ordering::SeqCst);
        let parsed = PasswordHash::new(phc).expect("stored hashes are valid PHC strings");
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    }
}

async fn login(State(state): State<Arc<AppState>>, Json(form): Json<LoginForm>) -> Response {
    // TODO: both failures below must give the same answer (401 and
    // `{"error":"invalid username or password"}`), and an unknown user must cost one
    // verification too: verify against `DUMMY_HASH` instead. Careful: someone who guesses
    // the dummy's password must still not get in.
    let Some(stored) = state.password_hash(&form.username) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such user" })),
        )
            .into_response();
    };
    if !state.verify(&form.password, &stored) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "wrong password" })),
        )
            .into_response();
    }
    Json(json!({ "user": form.username })).into_response()
}

fn app(state: Arc<AppState>) -> Router {
    Router::new().route("/login", post(login)).with_state(state)
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
    use axum::http::{Request, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    struct Answer {
        status: StatusCode,
        content_type: Option<String>,
        body: String,
        verifications: usize,
    }

    async fn login_as(username: &str, password: &str) -> Answer {
        let state = Arc::new(AppState::new());
        let body = json!({ "username": username, "password": password }).to_string();
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_string());
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type,
            body: String::from_utf8(body.to_vec()).unwrap(),
            verifications: state.verifications.load(Ordering::SeqCst),
        }
    }

    #[tokio::test]
    async fn the_right_password_logs_in() {
        let answer = login_as("alice", "wonderland").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, r#"{"user":"alice"}"#);
        assert_eq!(answer.verifications, 1);
    }

    #[tokio::test]
    async fn a_wrong_password_gets_a_generic_401() {
        let answer = login_as("alice", "Wonderland").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.body, r#"{"error":"invalid username or password"}"#);
        assert_eq!(answer.verifications, 1);
    }

    #[tokio::test]
    async fn an_unknown_user_gets_exactly_the_same_answer() {
        let wrong_password = login_as("alice", "Wonderland").await;
        let unknown_user = login_as("mallory", "Wonderland").await;
        assert_eq!(unknown_user.status, wrong_password.status);
        assert_eq!(unknown_user.content_type, wrong_password.content_type);
        assert_eq!(unknown_user.body, wrong_password.body);
    }

    #[tokio::test]
    async fn an_unknown_user_costs_one_verification_too() {
        let answer = login_as("mallory", "Wonderland").await;
        assert_eq!(
            answer.verifications, 1,
            "verify against DUMMY_HASH when the user does not exist"
        );
    }

    #[tokio::test]
    async fn the_dummy_hash_logs_nobody_in() {
        // Whatever password DUMMY_HASH was made from, an unknown user must still be refused.
        let answer = login_as("mallory", "no user has this password").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.body, r#"{"error":"invalid username or password"}"#);
    }

    #[tokio::test]
    async fn usernames_are_matched_exactly() {
        for username in ["Alice", "alice ", "' OR 1=1 --", ""] {
            let answer = login_as(username, "wonderland").await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{username:?}");
            assert_eq!(answer.verifications, 1, "{username:?}");
        }
    }
}

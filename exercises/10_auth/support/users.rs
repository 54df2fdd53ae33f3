//! login1's user store: usernames and their Argon2id hashes (support code: you do not need to
//! edit it).
//!
//! Checking a password keeps a CPU busy for tens of milliseconds on purpose, so `verify`
//! runs it on tokio's blocking pool (`spawn_blocking`, from the concurrency stage), never on
//! the async runtime's threads, and never while holding the store's lock.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordVerifier},
};
use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// The challenge of login1's 401s: log in with Basic credentials.
pub const CHALLENGE: &str = r#"Basic realm="backlings""#;

/// The one answer to every failed login: 401, the Basic challenge, a generic message.
pub fn refused() -> Response {
    let challenge = [(header::WWW_AUTHENTICATE, CHALLENGE)];
    let body = Json(serde_json::json!({ "error": "invalid username or password" }));
    (StatusCode::UNAUTHORIZED, challenge, body).into_response()
}

/// alice's password is `wonderland` (hashed with m=8192, t=1, p=1 so the tests stay quick).
pub const ALICE_HASH: &str = "$argon2id$v=19$m=8192,t=1,p=1$YmFja2xpbmdzLXNhbHQtMg$JR4hBKs2V/7K86Cq/memQuVgk4dfX/2uu3HyCXniVbg";

/// A valid hash, with the same parameters as real ones, of a password no account uses.
/// Verifying against it costs exactly as much as verifying against a real hash.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=8192,t=1,p=1$YmFja2xpbmdzLXNhbHQtMw$n53b1+ds0XyXgSwefUAyQjq3t96nPRnOJDgNxth3cn4";

pub struct Users {
    hashes: Mutex<HashMap<String, String>>,
    verifications: AtomicUsize,
}

impl Users {
    /// A store with one user, alice.
    pub fn new() -> Users {
        let hashes = HashMap::from([("alice".to_string(), ALICE_HASH.to_string())]);
        Users {
            hashes: Mutex::new(hashes),
            verifications: AtomicUsize::new(0),
        }
    }

    /// The stored PHC string of a user, if the user exists. The lock is held for the lookup
    /// only.
    pub fn password_hash(&self, username: &str) -> Option<String> {
        self.hashes.lock().unwrap().get(username).cloned()
    }

    /// Checks a password against a PHC string, on the blocking pool, and counts the check.
    pub async fn verify(&self, password: &str, phc: &str) -> bool {
        self.verifications.fetch_add(1, Ordering::SeqCst);
        let (password, phc) = (password.to_string(), phc.to_string());
        tokio::task::spawn_blocking(move || {
            let Ok(parsed) = PasswordHash::new(&phc) else {
                return false;
            };
            // The cost parameters come from the PHC string itself.
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .await
        .expect("the hashing task does not panic")
    }

    /// How many password verifications have run.
    pub fn verifications(&self) -> usize {
        self.verifications.load(Ordering::SeqCst)
    }
}

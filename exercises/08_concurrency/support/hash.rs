//! Password hashing for async1 (support code: you do not need to edit it).
//!
//! argon2 is slow on purpose (so that guessing passwords is slow too): even with the small
//! parameters used here, a hash takes milliseconds of pure computation, with no `.await`.
#![allow(dead_code)]

use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use std::cell::Cell;

thread_local! {
    /// Whether `hash_blocking` has run on this thread.
    static HASHED_HERE: Cell<bool> = const { Cell::new(false) };
}

/// Hashes `password` with argon2id. CPU-bound: it runs from start to end without awaiting.
/// (Small parameters keep the tests quick; the auth stage discusses real ones.)
pub fn hash_blocking(password: &str, salt: &SaltString) -> String {
    HASHED_HERE.set(true);
    let params = Params::new(8 * 1024, 1, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), salt)
        .expect("argon2 failed")
        .to_string()
}

/// Whether `hash_blocking` has run on the calling thread. A test on a single-thread runtime
/// runs its tasks on its own thread, so there this says whether a hash held the runtime up.
pub fn hashed_on_this_thread() -> bool {
    HASHED_HERE.get()
}

/// Whether `hash` (a PHC string such as `$argon2id$...`) is the hash of `password`.
pub fn verify(password: &str, hash: &str) -> bool {
    let parsed = PasswordHash::new(hash).expect("not a PHC hash string");
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// A fixed salt for tests and demos (a real one is random, per password).
pub fn demo_salt() -> SaltString {
    SaltString::encode_b64(b"sixteen byte slt").expect("a valid salt")
}

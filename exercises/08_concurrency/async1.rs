// async1: blocking work off the runtime with `spawn_blocking`
//
// Tokio runs many tasks on a few threads, and a task gives its thread back only at an
// `.await`. Work that computes for a long time without awaiting (hashing a password with
// argon2, compressing a file, a blocking database call) holds its thread the whole time:
// every other task waiting for that thread stalls, and on a small runtime the whole server
// does. `tokio::task::spawn_blocking(closure)` runs the closure on a separate pool of threads
// meant for blocking work, and returns a handle to `.await` for the result.
//
// Make `hash_password` hash on the blocking pool.

#[path = "support/hash.rs"]
mod hash;

use argon2::password_hash::SaltString;

/// Hashes a password without holding up the other tasks of the runtime.
pub async fn hash_password(password: String, salt: SaltString) -> String {
    // TODO: this runs argon2 right here, on a runtime thread. Move the call into
    // `tokio::task::spawn_blocking(move || ...)` and await its handle, which gives a
    // `Result` (an `Err` if the closure panicked).
    hash::hash_blocking(&password, &salt)
}

#[tokio::main]
async fn main() {
    println!(
        "{}",
        hash_password("correct horse".into(), hash::demo_salt()).await
    );
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[tokio::test]
    async fn the_hash_verifies() {
        let hash = hash_password("correct horse".into(), hash::demo_salt()).await;
        assert!(
            hash::verify("correct horse", &hash),
            "the hash matches its password"
        );
        assert!(!hash::verify("hunter2", &hash), "and no other password");
    }

    // `#[tokio::test]` runs the test on a runtime with a single thread, like a small container.
    #[tokio::test]
    async fn hashing_leaves_the_runtime_free_for_other_tasks() {
        let other_task_ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&other_task_ran);
        // This task is ready to run, and needs the runtime's only thread for a moment.
        let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });

        let hash = hash_password("correct horse".into(), hash::demo_salt()).await;

        assert!(
            hash.starts_with("$argon2id$"),
            "an argon2id hash, got {hash}"
        );
        let why = "another task must run while the password is hashed: the runtime's only thread was busy hashing";
        assert!(other_task_ran.load(Ordering::SeqCst), "{why}");
        let why = "the hash ran on the runtime's own thread and blocked it while it ran (an \
            `.await` before it changes nothing): run it in `tokio::task::spawn_blocking`";
        assert!(!hash::hashed_on_this_thread(), "{why}");
        other.await.expect("the other task panicked");
    }
}

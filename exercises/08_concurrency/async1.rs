// async1: tasks, and CPU work in async code
//
// Tokio runs many tasks on a few threads. A task runs until it reaches an `.await` that is
// not ready yet (a socket with no data, a timer), and only then can another task run on
// that thread. So two rules follow:
//
// - Work that *waits* (network calls, timers) should overlap: start every call, then
//   collect the answers. `tokio::task::JoinSet` holds a set of spawned tasks;
//   `join_next().await` hands back each result as it finishes, in *completion* order (so
//   keep track of which result belongs where), and dropping the set cancels the tasks still
//   running, which is what you want when one failure makes the rest pointless.
// - Work that *computes* (hashing a password with argon2 takes tens of milliseconds on
//   purpose) never reaches an `.await`, so it holds its thread the whole time: every other
//   task waiting for that thread stalls, and on a small runtime, the whole server does.
//   `tokio::task::spawn_blocking` moves such work to a separate pool of threads meant for
//   it, and gives you a handle to `.await` for the result.
//
// Make `hash_password` run argon2 on the blocking pool, and make `fetch_all` fetch the
// profiles concurrently with a `JoinSet`, in the order of `ids`, failing fast.

use argon2::password_hash::SaltString;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::task::JoinSet;
use tokio::time::{Duration, sleep};

/// Hashes a password with argon2. CPU-bound: it does not await anything. (Small
/// parameters keep the tests quick; the auth stage discusses real ones.)
pub fn hash_blocking(password: &str, salt: &SaltString) -> String {
    let params = Params::new(8 * 1024, 1, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), salt)
        .expect("argon2 failed")
        .to_string()
}

/// Hashes a password without holding up the other tasks of the runtime.
pub async fn hash_password(password: String, salt: SaltString) -> String {
    // TODO: this runs argon2 right here, on a runtime thread, and nothing else can run on
    // that thread meanwhile. Move the call into `tokio::task::spawn_blocking(move || ...)`
    // and await its handle (it gives a `Result`: `Err` if the closure panicked).
    hash_blocking(&password, &salt)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub id: u32,
    pub name: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    NotFound(u32),
}

/// A stand-in for another service that answers over the network, slowly.
pub struct Directory {
    /// Each known profile, with how long the service takes to answer for it.
    entries: HashMap<u32, (Duration, &'static str)>,
    /// How many answers the service has sent.
    answered: AtomicUsize,
}

impl Directory {
    pub fn new(entries: &[(u32, u64, &'static str)]) -> Arc<Directory> {
        let entries = entries
            .iter()
            .map(|&(id, millis, name)| (id, (Duration::from_millis(millis), name)))
            .collect();
        Arc::new(Directory {
            entries,
            answered: AtomicUsize::new(0),
        })
    }

    /// Fetches one profile. An unknown id takes 50 ms to come back as `NotFound`.
    pub async fn fetch(&self, id: u32) -> Result<Profile, FetchError> {
        let answer = match self.entries.get(&id) {
            Some(&(delay, name)) => {
                sleep(delay).await;
                Ok(Profile {
                    id,
                    name: name.to_owned(),
                })
            }
            None => {
                sleep(Duration::from_millis(50)).await;
                Err(FetchError::NotFound(id))
            }
        };
        self.answered.fetch_add(1, Ordering::SeqCst);
        answer
    }

    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::SeqCst)
    }
}

/// Fetches every profile in `ids` at the same time. The result is in the order of `ids`.
/// On the first error, returns it at once and cancels the fetches still running.
pub async fn fetch_all(directory: Arc<Directory>, ids: &[u32]) -> Result<Vec<Profile>, FetchError> {
    // TODO: this waits for each answer before asking the next question. Spawn one task per
    // id into a `JoinSet` instead (each task returns its index along with its result), then
    // take the results with `join_next`: put each profile in its place, and return the first
    // error at once (dropping the set cancels the tasks still running).
    let mut profiles = Vec::new();
    for &id in ids {
        profiles.push(directory.fetch(id).await?);
    }
    Ok(profiles)
}

#[tokio::main]
async fn main() {
    let salt = SaltString::encode_b64(b"a fixed demo salt").unwrap();
    println!("{}", hash_password("correct horse".into(), salt).await);
    let directory = Directory::new(&[(1, 300, "Ada"), (2, 200, "Grace"), (3, 100, "Edsger")]);
    println!("{:?}", fetch_all(directory, &[1, 2, 3]).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHash, PasswordVerifier};
    use std::sync::atomic::AtomicBool;
    use tokio::time::Instant;

    fn salt() -> SaltString {
        SaltString::encode_b64(b"sixteen byte slt").unwrap()
    }

    #[tokio::test]
    async fn the_hash_verifies() {
        let hash = hash_password("correct horse".into(), salt()).await;
        let parsed = PasswordHash::new(&hash).expect("not a PHC hash string");
        assert!(
            Argon2::default()
                .verify_password(b"correct horse", &parsed)
                .is_ok()
        );
        assert!(
            Argon2::default()
                .verify_password(b"hunter2", &parsed)
                .is_err()
        );
    }

    // `#[tokio::test]` uses a runtime with a single thread, like a small container would.
    #[tokio::test]
    async fn hashing_leaves_the_runtime_free_for_other_tasks() {
        let other_task_ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&other_task_ran);
        // This task is ready to run, and needs the runtime's only thread for a moment.
        let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });

        let hash = hash_password("correct horse".into(), salt()).await;

        assert!(hash.starts_with("$argon2id$"));
        assert!(
            other_task_ran.load(Ordering::SeqCst),
            "no other task could run while the password was being hashed"
        );
        other.await.unwrap();
    }

    // Time is paused in the tests below: tokio moves its clock forward exactly as far as
    // the sleeps need, so the durations are exact and the tests take no real time.

    #[tokio::test(start_paused = true)]
    async fn profiles_are_fetched_concurrently_and_returned_in_order() {
        let directory = Directory::new(&[(1, 300, "Ada"), (2, 200, "Grace"), (3, 100, "Edsger")]);
        let start = Instant::now();
        let profiles = fetch_all(Arc::clone(&directory), &[1, 2, 3]).await.unwrap();
        let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Grace", "Edsger"], "in the order of the ids");
        assert_eq!(
            profiles[0],
            Profile {
                id: 1,
                name: "Ada".into()
            }
        );
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(300),
            "three calls at once take as long as the slowest one, not the sum"
        );
        assert_eq!(directory.answered(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn the_same_id_twice_and_no_ids_at_all() {
        let directory = Directory::new(&[(7, 20, "Barbara"), (8, 10, "Ken")]);
        let profiles = fetch_all(Arc::clone(&directory), &[7, 8, 7]).await.unwrap();
        let ids: Vec<u32> = profiles.iter().map(|p| p.id).collect();
        assert_eq!(ids, [7, 8, 7]);
        assert_eq!(fetch_all(directory, &[]).await, Ok(vec![]));
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_failure_returns_at_once_and_cancels_the_rest() {
        let directory = Directory::new(&[(1, 300, "Ada"), (3, 100, "Edsger")]);
        let start = Instant::now();
        let result = fetch_all(Arc::clone(&directory), &[1, 99, 3]).await;
        assert_eq!(result, Err(FetchError::NotFound(99)));
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(50),
            "the error is known after 50 ms: no need to wait for the others"
        );
        // Long after the other answers would have come, none of them did: they were cancelled.
        sleep(Duration::from_secs(1)).await;
        assert_eq!(
            directory.answered(),
            1,
            "only the failed fetch finished; the others must be cancelled, not left running"
        );
    }
}

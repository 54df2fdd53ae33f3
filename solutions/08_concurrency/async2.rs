// async2: many tasks at once with a `JoinSet`
//
// A request that needs ten answers from another service should not ask ten times in a row.
// `tokio::task::JoinSet` holds a group of spawned tasks: `spawn` starts one, and
// `join_next().await` hands back the result of whichever finishes next, in *completion*
// order (so each task returns its index along with its result). Dropping the set cancels
// the tasks still running, which is what you want when one failure makes the rest pointless.
//
// `fetch_all` starts one task per id already. Collect the results in the order of `ids`, and
// on the first error, return it at once.

#[path = "support/directory.rs"]
mod directory;

use directory::{Directory, FetchError, Profile};
use std::sync::Arc;
use tokio::task::JoinSet;

/// Fetches every profile in `ids` at the same time; the result is in the order of `ids`.
/// On the first error, returns it at once and cancels the fetches still running.
pub async fn fetch_all(directory: Arc<Directory>, ids: &[u32]) -> Result<Vec<Profile>, FetchError> {
    let mut tasks = JoinSet::new();
    for (index, &id) in ids.iter().enumerate() {
        let directory = Arc::clone(&directory);
        tasks.spawn(async move { (index, directory.fetch(id).await) });
    }
    let mut profiles = vec![None; ids.len()];
    while let Some(joined) = tasks.join_next().await {
        let (index, result) = joined.expect("a fetch task panicked");
        profiles[index] = Some(result?);
    }
    Ok(profiles.into_iter().flatten().collect())
}

#[tokio::main]
async fn main() {
    let directory = Directory::new(&[(1, 300, "Ada"), (2, 200, "Grace"), (3, 100, "Edsger")]);
    println!("{:?}", fetch_all(directory, &[1, 2, 3]).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Duration, Instant, sleep};

    // Time is paused: tokio moves its clock exactly as far as the sleeps need, at once.
    #[tokio::test(start_paused = true)]
    async fn profiles_are_fetched_concurrently_and_returned_in_order() {
        let directory = Directory::new(&[(1, 300, "Ada"), (2, 200, "Grace"), (3, 100, "Edsger")]);
        let start = Instant::now();
        let profiles = fetch_all(Arc::clone(&directory), &[1, 2, 3, 1]).await;
        let names: Vec<String> = profiles
            .expect("every id is known")
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            names,
            ["Ada", "Grace", "Edsger", "Ada"],
            "one profile per id, in the order of the ids"
        );
        let why = "four calls at once take as long as the slowest one (300 ms), not the sum";
        assert_eq!(start.elapsed(), Duration::from_millis(300), "{why}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_failure_returns_at_once_and_cancels_the_rest() {
        let directory = Directory::new(&[(1, 300, "Ada"), (3, 100, "Edsger")]);
        let start = Instant::now();
        let result = fetch_all(Arc::clone(&directory), &[1, 99, 3]).await;
        assert_eq!(result, Err(FetchError::NotFound(99)), "id 99 is unknown");
        let why = "the error is known after 50 ms: return it without waiting for the others";
        assert_eq!(start.elapsed(), Duration::from_millis(50), "{why}");
        sleep(Duration::from_secs(1)).await;
        let why = "long after the others would have answered, none did: they were cancelled";
        assert_eq!(directory.answered(), 1, "{why}");
    }
}

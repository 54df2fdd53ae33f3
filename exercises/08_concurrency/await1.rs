// await1: async functions and `.await`
//
// Most of a backend's time is spent waiting: for the database, for another service, for the
// client. Async code waits without holding a thread, so one thread can serve many requests.
// An `async fn` returns a *future*: a value that describes the work and does nothing until
// it is `.await`ed. A runtime (tokio, started by `#[tokio::main]` or `#[tokio::test]`) runs
// the futures. Awaiting two futures one after the other runs them one after the other;
// `tokio::join!(a, b)` awaits both at once, so their waits overlap.
//
// `profile_page` needs a user and their orders from two services. Make it compile, then make
// it ask both services at once.

use tokio::time::{Duration, sleep};

/// Builds the profile page of user `id`.
pub async fn profile_page(id: u32) -> String {
    // TODO: `fetch_user(id)` is a future, not a `User`: it needs an `.await`. Then ask both
    // services at once, with `tokio::join!`.
    let user = fetch_user(id);
    let orders = fetch_orders(id).await;
    format!("{}: {} orders", user.name, orders.len())
}

pub struct User {
    pub name: String,
}

/// Asks the users service, which answers in 100 ms.
async fn fetch_user(id: u32) -> User {
    sleep(Duration::from_millis(100)).await;
    User {
        name: format!("user{id}"),
    }
}

/// Asks the orders service, which answers in 150 ms.
async fn fetch_orders(id: u32) -> Vec<u32> {
    sleep(Duration::from_millis(150)).await;
    (0..id).collect()
}

#[tokio::main]
async fn main() {
    println!("{}", profile_page(3).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // `start_paused` pauses tokio's clock: when every task is waiting, the clock jumps to the
    // next timer at once. The durations below are exact, and the test takes no real time.
    #[tokio::test(start_paused = true)]
    async fn both_services_are_asked_at_once() {
        let start = Instant::now();
        let page = profile_page(3).await;
        assert_eq!(
            page, "user3: 3 orders",
            "the page shows the user and their orders"
        );
        let why = "asked at once, the two services take as long as the slower one (150 ms), not the sum (250 ms)";
        assert_eq!(start.elapsed(), Duration::from_millis(150), "{why}");
    }
}

// sqlite1: blocking database calls in an async server
//
// rusqlite, like most database drivers outside the async world, blocks its thread until
// SQLite answers. tokio runs thousands of requests on a few worker threads, switching at
// each `.await`; a handler that blocks a worker stalls every request queued on it.
// `tokio::task::spawn_blocking(closure)` runs the closure on a pool of threads meant for
// blocking work and gives back a future of its result, so the worker stays free.
//
// The closure runs on another thread and may outlive the call that started it, so it must
// own what it uses (`'static`): clone the `Arc` and `move` the clone in.
//
// Make `get_book` compile.

#[path = "support/library.rs"]
mod library;

use std::sync::Arc;

use library::{Book, Db};

/// Reads a book on tokio's blocking pool, so the async worker is free meanwhile.
pub async fn get_book(db: &Db, id: i64) -> rusqlite::Result<Option<Book>> {
    // TODO: the closure borrows `db`, which may be gone before it runs: give it its own
    // handle (`Arc::clone`) and `move` that in.
    let task = tokio::task::spawn_blocking(|| library::read_book(&db.lock().unwrap(), id));
    task.await.expect("the query panicked")
}

#[tokio::main]
async fn main() {
    println!("{:?}", get_book(&library::open_db(), 1).await);
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_book_or_none() {
        let db = library::open_db();
        let title = get_book(&db, 1).await.unwrap().map(|book| book.title);
        let want = Some("The Rust Programming Language".to_string());
        assert_eq!(title, want, "book 1 is in the database");
        let none = get_book(&db, 2).await.unwrap();
        assert_eq!(none, None, "there is no book 2");
    }

    // One thread runs this test. If `get_book` blocks it while the database is busy, the
    // test cannot go on to release the database, and the holder gives up after a second.
    #[tokio::test(flavor = "current_thread")]
    async fn a_busy_database_does_not_block_the_runtime() {
        let db = library::open_db();
        let holder = library::hold(&db);
        let task = tokio::spawn({
            let db = db.clone();
            async move { get_book(&db, 1).await }
        });
        tokio::task::yield_now().await;
        let released = holder.release();
        assert!(
            released,
            "`get_book` blocked the async runtime's only thread"
        );
        let found = task.await.unwrap().unwrap().is_some();
        assert!(found, "book 1 is found once the database is free");
    }
}

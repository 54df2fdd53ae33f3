// sqlite1: a repository on SQLite, off the async threads
//
// Handlers should speak HTTP, not SQL. The repository pattern puts data access behind a small
// type whose methods say what the app needs (`create`, `get`): the handlers stay short, and the
// tests or the storage can change without touching them.
//
// rusqlite, like most database drivers outside the async world, is synchronous: a call blocks
// its thread until SQLite is done. In an async server that hurts. tokio runs thousands of
// requests on a few worker threads, switching between them at each `.await`; a handler that
// blocks a worker stalls every request queued on it. `tokio::task::spawn_blocking(closure)`
// runs the closure on a separate pool of threads meant for blocking work, and gives back a
// future of its result, so the worker is free while the query runs.
//
// The closure runs on another thread and may outlive the call that started it, so it must own
// everything it uses (`'static`): clone the `Arc` of the connection and `move` the clone in.
// Awaiting the handle gives `Result<T, JoinError>`; it is an `Err` if the closure panicked.
//
// ISBNs are unique. Checking "is this ISBN taken?" before inserting is not enough: two requests
// can both check, both see "no", and both insert. A UNIQUE constraint makes the database refuse
// the second INSERT with a constraint violation, which the repository turns into
// `RepoError::Duplicate` and the handler into 409 Conflict.
//
// Make `BookRepo::get` compile, run `create` on the blocking pool as well, and turn a
// duplicate ISBN into `RepoError::Duplicate`.

use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Book {
    pub id: i64,
    pub isbn: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewBook {
    pub isbn: String,
    pub title: String,
}

#[derive(Debug)]
pub enum RepoError {
    /// A book with this ISBN exists already.
    Duplicate,
    /// Any other database error.
    Db(rusqlite::Error),
    /// The blocking task panicked.
    Panicked,
}

impl From<rusqlite::Error> for RepoError {
    fn from(err: rusqlite::Error) -> Self {
        RepoError::Db(err)
    }
}

impl From<tokio::task::JoinError> for RepoError {
    fn from(_: tokio::task::JoinError) -> Self {
        RepoError::Panicked
    }
}

#[derive(Clone)]
pub struct BookRepo {
    conn: Arc<Mutex<Connection>>,
}

impl BookRepo {
    pub fn open_in_memory() -> BookRepo {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE books (
                 id INTEGER PRIMARY KEY,
                 isbn TEXT NOT NULL UNIQUE,
                 title TEXT NOT NULL
             );",
        )
        .unwrap();
        BookRepo {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    pub async fn get(&self, id: i64) -> Result<Option<Book>, RepoError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let conn = conn.lock().unwrap();
            let book = conn
                .query_row(
                    "SELECT id, isbn, title FROM books WHERE id = ?1",
                    [id],
                    |row| {
                        Ok(Book {
                            id: row.get(0)?,
                            isbn: row.get(1)?,
                            title: row.get(2)?,
                        })
                    },
                )
                .optional()?;
            Ok(book)
        })
        .await?
    }

    pub async fn create(&self, new: NewBook) -> Result<Book, RepoError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let conn = conn.lock().unwrap();
            let inserted = conn.execute(
                "INSERT INTO books (isbn, title) VALUES (?1, ?2)",
                params![new.isbn, new.title],
            );
            match inserted {
                Ok(_) => Ok(Book {
                    id: conn.last_insert_rowid(),
                    isbn: new.isbn,
                    title: new.title,
                }),
                Err(err) if err.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                    Err(RepoError::Duplicate)
                }
                Err(err) => Err(err.into()),
            }
        })
        .await?
    }
}

pub fn app(repo: BookRepo) -> Router {
    Router::new()
        .route("/books", post(create_book))
        .route("/books/{id}", get(get_book))
        .with_state(repo)
}

async fn create_book(State(repo): State<BookRepo>, Json(new): Json<NewBook>) -> Response {
    match repo.create(new).await {
        Ok(book) => {
            let location = format!("/books/{}", book.id);
            (
                StatusCode::CREATED,
                [(header::LOCATION, location)],
                Json(book),
            )
                .into_response()
        }
        Err(RepoError::Duplicate) => {
            (StatusCode::CONFLICT, "a book with this ISBN already exists").into_response()
        }
        Err(err) => {
            eprintln!("create_book: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn get_book(State(repo): State<BookRepo>, Path(id): Path<i64>) -> Response {
    match repo.get(id).await {
        Ok(Some(book)) => Json(book).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            eprintln!("get_book: {err:?}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn main() {
    // This exercise is checked by its tests.
    let _app = app(BookRepo::open_in_memory());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{HeaderMap, Request};
    use http_body_util::BodyExt;
    use std::sync::mpsc;
    use std::time::Duration;
    use tower::ServiceExt;

    async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    fn post_book(isbn: &str, title: &str) -> Request<Body> {
        let json = serde_json::json!({ "isbn": isbn, "title": title }).to_string();
        Request::post("/books")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json))
            .unwrap()
    }

    fn get_book(id: &str) -> Request<Body> {
        Request::get(format!("/books/{id}"))
            .body(Body::empty())
            .unwrap()
    }

    fn count_rows(repo: &BookRepo) -> i64 {
        let conn = repo.conn.lock().unwrap();
        conn.query_row("SELECT COUNT(*) FROM books", [], |row| row.get(0))
            .unwrap()
    }

    fn rust_book() -> NewBook {
        NewBook {
            isbn: "9781718503106".to_string(),
            title: "The Rust Programming Language".to_string(),
        }
    }

    #[tokio::test]
    async fn create_then_get() {
        let app = app(BookRepo::open_in_memory());
        let (status, headers, body) = send(
            &app,
            post_book("9781718503106", "The Rust Programming Language"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(headers[header::LOCATION], "/books/1");
        let expected = r#"{"id":1,"isbn":"9781718503106","title":"The Rust Programming Language"}"#;
        assert_eq!(body, expected);
        let (status, _, body) = send(&app, get_book("1")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, expected);
    }

    #[tokio::test]
    async fn the_rows_are_in_sqlite() {
        let repo = BookRepo::open_in_memory();
        let app = app(repo.clone());
        send(&app, post_book("9780134685991", "Effective Java")).await;
        send(
            &app,
            post_book("9780131103627", "The C Programming Language"),
        )
        .await;
        let conn = repo.conn.lock().unwrap();
        let rows: Vec<(i64, String, String)> = conn
            .prepare("SELECT id, isbn, title FROM books ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "9780134685991".to_string(), "Effective Java".to_string()),
                (
                    2,
                    "9780131103627".to_string(),
                    "The C Programming Language".to_string()
                ),
            ]
        );
    }

    #[tokio::test]
    async fn a_missing_book_is_404() {
        let app = app(BookRepo::open_in_memory());
        let (status, _, body) = send(&app, get_book("1")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body, "");
        let (status, _, _) = send(&app, get_book("abc")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }

    #[tokio::test]
    async fn a_duplicate_isbn_is_409() {
        let repo = BookRepo::open_in_memory();
        let app = app(repo.clone());
        let (status, _, _) = send(&app, post_book("9781718503106", "The Book")).await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, headers, body) = send(&app, post_book("9781718503106", "The Same Book")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body, "a book with this ISBN already exists");
        assert!(headers.get(header::LOCATION).is_none());
        assert_eq!(count_rows(&repo), 1);
        assert!(matches!(
            repo.create(rust_book()).await,
            Err(RepoError::Duplicate)
        ));
    }

    /// A thread holds the database, as a long query would, until it is told to let go or a
    /// second has passed. Returns a sender to tell it, and whether it was told.
    fn hold_the_database(repo: &BookRepo) -> (mpsc::Sender<()>, std::thread::JoinHandle<bool>) {
        let conn = repo.conn.clone();
        let (locked_tx, locked_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            let _guard = conn.lock().unwrap();
            locked_tx.send(()).unwrap();
            release_rx.recv_timeout(Duration::from_secs(1)).is_ok()
        });
        locked_rx.recv().unwrap();
        (release_tx, holder)
    }

    // This runtime has a single thread. If `get` or `create` blocks it while the database is
    // busy, the test itself cannot run to release the database, and the holder gives up.
    #[tokio::test(flavor = "current_thread")]
    async fn a_busy_database_does_not_block_the_runtime() {
        let repo = BookRepo::open_in_memory();

        let (release, holder) = hold_the_database(&repo);
        let task = tokio::spawn({
            let repo = repo.clone();
            async move { repo.create(rust_book()).await }
        });
        tokio::task::yield_now().await;
        let _ = release.send(());
        let created = task.await.unwrap().unwrap();
        assert!(
            holder.join().unwrap(),
            "`create` blocked the async runtime's only thread"
        );
        assert_eq!(created.id, 1);

        let (release, holder) = hold_the_database(&repo);
        let task = tokio::spawn({
            let repo = repo.clone();
            async move { repo.get(1).await }
        });
        tokio::task::yield_now().await;
        let _ = release.send(());
        let found = task.await.unwrap().unwrap();
        assert!(
            holder.join().unwrap(),
            "`get` blocked the async runtime's only thread"
        );
        assert_eq!(found.map(|book| book.title), Some(rust_book().title));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_creates() {
        let repo = BookRepo::open_in_memory();
        let mut tasks = Vec::new();
        for n in 0..20 {
            let repo = repo.clone();
            tasks.push(tokio::spawn(async move {
                let new = NewBook {
                    isbn: format!("isbn-{n}"),
                    title: format!("Volume {n}"),
                };
                repo.create(new).await.unwrap().id
            }));
        }
        let mut ids = Vec::new();
        for task in tasks {
            ids.push(task.await.unwrap());
        }
        ids.sort_unstable();
        assert_eq!(ids, (1..=20).collect::<Vec<i64>>());
        assert_eq!(count_rows(&repo), 20);
    }
}

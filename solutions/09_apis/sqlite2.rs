// sqlite2: let the database enforce uniqueness
//
// ISBNs are unique. Checking "is this ISBN taken?" before inserting is not enough: two
// requests can both check, both see "no", and both insert. A UNIQUE constraint makes the
// database itself refuse the second INSERT with a constraint violation, which the code turns
// into `RepoError::Duplicate` and the handler into a 409 Conflict problem.
//
// In `insert_book`, turn a UNIQUE violation into `RepoError::Duplicate`: the error's
// extended code (`err.sqlite_error()`, field `extended_code`) is
// `rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE`. Other errors, other constraints included, stay
// `RepoError::Db`.

#[path = "support/client.rs"]
mod client;
#[path = "support/library.rs"]
mod library;
#[path = "support/problem.rs"]
mod problem;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, extract::State, routing::post};
use library::{Book, Db, NewBook};
use rusqlite::{Connection, ffi, params};

#[derive(Debug)]
pub enum RepoError {
    /// A book with this ISBN exists already.
    Duplicate,
    /// Any other database error.
    Db(rusqlite::Error),
}

pub fn insert_book(conn: &Connection, new: &NewBook) -> Result<Book, RepoError> {
    let sql = "INSERT INTO books (isbn, title) VALUES (?1, ?2)";
    let result = conn.execute(sql, params![new.isbn, new.title]);
    // TODO: a UNIQUE violation means the ISBN is taken.
    result.map_err(|err| match err.sqlite_error() {
        Some(e) if e.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE => RepoError::Duplicate,
        _ => RepoError::Db(err),
    })?;
    let (isbn, title) = (new.isbn.clone(), new.title.clone());
    Ok(Book {
        id: conn.last_insert_rowid(),
        isbn,
        title,
    })
}

async fn create_book(State(db): State<Db>, Json(new): Json<NewBook>) -> Response {
    let task = tokio::task::spawn_blocking(move || insert_book(&db.lock().unwrap(), &new));
    match task.await.expect("the insert panicked") {
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
            problem::problem(StatusCode::CONFLICT, "a book with this ISBN already exists")
        }
        Err(RepoError::Db(err)) => {
            eprintln!("create_book: {err}");
            let detail = "An unexpected error occurred.";
            problem::problem(StatusCode::INTERNAL_SERVER_ERROR, detail)
        }
    }
}

pub fn app(db: Db) -> Router {
    Router::new()
        .route("/books", post(create_book))
        .with_state(db)
}

fn main() {
    let _app = app(library::open_db());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use client::{assert_problem, send};

    #[tokio::test]
    async fn a_new_isbn_is_created() {
        let json = r#"{"isbn":"9780134685991","title":"Effective Java"}"#;
        let reply = send(&app(library::open_db()), "POST", "/books", Some(json)).await;
        assert_eq!(reply.status, 201, "a new ISBN is fine: {}", reply.body);
        assert_eq!(
            reply.header("location"),
            "/books/2",
            "Location names the new row"
        );
    }

    #[tokio::test]
    async fn a_taken_isbn_is_409() {
        let db = library::open_db();
        let json = r#"{"isbn":"9781718503106","title":"The Same Book"}"#;
        let reply = send(&app(db.clone()), "POST", "/books", Some(json)).await;
        let detail = "a book with this ISBN already exists";
        assert_problem(&reply, StatusCode::CONFLICT, detail);
        let count = library::count_books(&db);
        assert_eq!(count, 1, "the database refused the second row");
    }

    #[tokio::test]
    async fn another_constraint_violation_is_500() {
        // A newer schema added `author TEXT NOT NULL`, which this INSERT leaves out.
        let db = library::open_db_with_authors();
        let json = r#"{"isbn":"9780134685991","title":"Effective Java"}"#;
        let reply = send(&app(db), "POST", "/books", Some(json)).await;
        let why = "NOT NULL failed here, not UNIQUE, so no ISBN is taken: `ConstraintViolation` \
            covers every constraint; compare `extended_code` with `SQLITE_CONSTRAINT_UNIQUE`";
        assert_eq!(reply.status, 500, "{why}; got {}", reply.body);
        let detail = "An unexpected error occurred.";
        assert_problem(&reply, StatusCode::INTERNAL_SERVER_ERROR, detail);
    }
}

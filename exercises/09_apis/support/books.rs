//! The book API of errors1. Its handlers return `Result<_, crate::ApiError>`: the exercise
//! defines `ApiError` and how it becomes a response; this file only decides which error
//! happens. `POST /books` creates a book (201 with a `Location`), `GET /books/{id}` reads
//! one, and `GET /books/{id}/cover` asks a covers service that is down today. You don't
//! need to edit it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::{Json, Router, routing::get, routing::post};
use serde::{Deserialize, Serialize};

use crate::ApiError;

#[derive(Debug, Clone, Serialize)]
pub struct Book {
    pub id: u64,
    pub isbn: String,
    pub title: String,
}

#[derive(Deserialize)]
pub struct NewBook {
    pub isbn: String,
    pub title: String,
}

type Books = Arc<Mutex<BTreeMap<u64, Book>>>;

/// The API, with one book: 1, ISBN 9780262510875.
pub fn app() -> Router {
    let sicp = Book {
        id: 1,
        isbn: "9780262510875".to_string(),
        title: "Structure and Interpretation of Computer Programs".to_string(),
    };
    let books: Books = Arc::new(Mutex::new(BTreeMap::from([(1, sicp)])));
    Router::new()
        .route("/books", post(create_book))
        .route("/books/{id}", get(get_book))
        .route("/books/{id}/cover", get(get_cover))
        .with_state(books)
}

async fn get_book(State(books): State<Books>, Path(id): Path<u64>) -> Result<Json<Book>, ApiError> {
    let books = books.lock().unwrap();
    let book = books.get(&id).cloned();
    book.map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("book {id} does not exist")))
}

async fn create_book(
    State(books): State<Books>,
    Json(new): Json<NewBook>,
) -> Result<impl IntoResponse, ApiError> {
    if new.title.trim().is_empty() {
        return Err(ApiError::Invalid("title must not be blank".to_string()));
    }
    let mut books = books.lock().unwrap();
    if books.values().any(|book| book.isbn == new.isbn) {
        let detail = format!("a book with ISBN {} already exists", new.isbn);
        return Err(ApiError::Conflict(detail));
    }
    let id = books.keys().last().map_or(1, |last| last + 1);
    let book = Book {
        id,
        isbn: new.isbn,
        title: new.title,
    };
    books.insert(id, book.clone());
    let location = format!("/books/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(book),
    ))
}

async fn get_cover(Path(_id): Path<u64>) -> Result<Vec<u8>, ApiError> {
    // The covers service is down: the cause is for the logs, not for the client.
    let cause = "connect to covers.internal:9000: connection refused";
    Err(ApiError::Internal(cause.to_string()))
}

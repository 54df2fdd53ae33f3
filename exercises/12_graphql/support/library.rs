//! The library's database and a helper that runs GraphQL requests (support code: you do not
//! need to edit it).
//!
//! `Db` wraps one in-memory SQLite connection seeded with authors, books and notes. It counts
//! the SQL statements it runs: on a database server each one would be a network round trip,
//! so the count is what a page costs. `run` executes a request against a schema in memory,
//! with no HTTP server, and gives back the JSON response a client would read.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_graphql::{EmptySubscription, ObjectType, Request, Schema, SubscriptionType};
use rusqlite::{Connection, Params, Result, Row};

use serde_json::Value;

/// A SQLite connection that counts the statements it runs.
pub struct Db {
    conn: Mutex<Connection>,
    statements: AtomicUsize,
}

impl Db {
    /// A fresh in-memory database with the library's tables and rows.
    pub fn seeded() -> Db {
        let conn = Connection::open_in_memory().expect("open an in-memory database");
        conn.execute_batch(SEED).expect("seed the database");
        Db {
            conn: Mutex::new(conn),
            statements: AtomicUsize::new(0),
        }
    }

    /// Runs one query and turns each row into a `T` with `f`.
    pub fn query<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<Vec<T>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        self.statements.fetch_add(1, Ordering::SeqCst);
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut stmt = conn.prepare_cached(sql)?;
        stmt.query_map(params, f)?.collect()
    }

    /// Runs one INSERT, UPDATE or DELETE and returns how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.statements.fetch_add(1, Ordering::SeqCst);
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.execute(sql, params)
    }

    /// The id of the last row inserted.
    pub fn last_insert_rowid(&self) -> i64 {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.last_insert_rowid()
    }

    /// How many statements have run so far.
    pub fn statements_run(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }

    /// Starts counting again from zero.
    pub fn reset_count(&self) {
        self.statements.store(0, Ordering::SeqCst);
    }

    /// Adds, for each id, an author "Author <id>" and one book by them (for tests that need a
    /// long page). Not counted.
    pub fn add_authors(&self, ids: std::ops::RangeInclusive<i64>) {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for id in ids {
            conn.execute(
                "INSERT INTO authors (id, name) VALUES (?1, 'Author ' || ?1)",
                [id],
            )
            .expect("add an author");
            conn.execute(
                "INSERT INTO books (author_id, title, year) VALUES (?1, 'Book by ' || ?1, 2000)",
                [id],
            )
            .expect("add a book");
        }
    }

    /// One text column of one row, without counting it (for tests that look at the data).
    pub fn peek(&self, sql: &str) -> Option<String> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        conn.query_row(sql, [], |row| row.get::<_, String>(0)).ok()
    }
}

/// A schema of `query` and `mutation` with `db` in its data, where resolvers find it with
/// `ctx.data::<Arc<Db>>()`.
pub fn schema<Q, M>(query: Q, mutation: M, db: Arc<Db>) -> Schema<Q, M, EmptySubscription>
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
{
    Schema::build(query, mutation, EmptySubscription)
        .data(db)
        .finish()
}

/// Executes `request` against `schema` and returns the JSON response (`data`, and `errors`
/// when there are any), as a client would receive it in the body of an HTTP 200.
pub async fn run<Q, M, S>(schema: &Schema<Q, M, S>, request: impl Into<Request>) -> Value
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let response = schema.execute(request).await;
    serde_json::to_value(&response).expect("a response is always JSON")
}

/// Another team's pricing service: a book's price in cents, or why there is none right now
/// (it times out for every third book).
pub fn fetch_price(book_id: i64) -> Result<i32, String> {
    match book_id % 3 {
        0 => Err(format!("pricing service timed out for book {book_id}")),
        _ => Ok(900 + 100 * book_id as i32),
    }
}

/// Runs `request` against `schema` on a fresh tokio runtime and prints the response (for the
/// exercises' `main`, where you can try queries of your own).
pub fn show<Q, M, S>(schema: &Schema<Q, M, S>, request: impl Into<Request>)
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    let runtime = tokio::runtime::Runtime::new().expect("start a tokio runtime");
    println!("{:#}", runtime.block_on(run(schema, request)));
}

/// Executes `query` with `variables` (a JSON object), as a client sending both would.
pub async fn run_with<Q, M, S>(schema: &Schema<Q, M, S>, query: &str, variables: Value) -> Value
where
    Q: ObjectType + 'static,
    M: ObjectType + 'static,
    S: SubscriptionType + 'static,
{
    run(schema, request(query, variables)).await
}

/// A request for `query` with `variables` (a JSON object).
pub fn request(query: &str, variables: Value) -> Request {
    Request::new(query).variables(async_graphql::Variables::from_json(variables))
}

/// Who is calling: the HTTP layer authenticates the request and puts this in its data
/// (`Request::new(query).data(CurrentUser("alice".into()))`).
pub struct CurrentUser(pub String);

/// A note of the `notes` table, as GraphQL returns it.
#[derive(async_graphql::SimpleObject)]
pub struct Note {
    pub id: i64,
    pub owner: String,
    pub body: String,
}

/// A request for `query` made by `user` (`None`: nobody signed in).
pub fn as_user(query: &str, user: Option<&str>) -> Request {
    match user {
        Some(user) => Request::new(query).data(CurrentUser(user.to_string())),
        None => Request::new(query),
    }
}

/// An error with `code` in its extensions, for clients to branch on.
pub fn refuse(code: &str, message: &str) -> async_graphql::Error {
    use async_graphql::ErrorExtensions;
    let code = code.to_string();
    async_graphql::Error::new(message).extend_with(|_, ext| ext.set("code", code))
}

/// A query root with one field, `health`, for schemas whose exercise is about a mutation
/// (a schema needs at least one query field).
pub struct Health;

#[async_graphql::Object]
impl Health {
    /// Always "ok".
    async fn health(&self) -> &str {
        "ok"
    }
}

/// A query that asks for `selection` `n` times, each under its own alias:
/// `aliases(2, "books { title }")` is `{ a0: books { title } a1: books { title } }`.
pub fn aliases(n: usize, selection: &str) -> String {
    let fields: Vec<String> = (0..n).map(|i| format!("a{i}: {selection}")).collect();
    format!("{{ {} }}", fields.join(" "))
}

/// The `extensions.code` of each error of a response, in order ("-" for an error without one).
pub fn error_codes(response: &Value) -> Vec<String> {
    errors(response)
        .map(|e| e["extensions"]["code"].as_str().unwrap_or("-").to_string())
        .collect()
}

/// The `path` of each error of a response, in order, as JSON text (`["books",2,"priceCents"]`).
pub fn error_paths(response: &Value) -> Vec<String> {
    errors(response).map(|e| e["path"].to_string()).collect()
}

fn errors(response: &Value) -> impl Iterator<Item = &Value> {
    response["errors"].as_array().into_iter().flatten()
}

/// Asserts that a response has no errors; `what` says what was asked.
#[track_caller]
pub fn assert_ok(response: &Value, what: &str) {
    assert!(
        response.get("errors").is_none(),
        "{what} should run without errors, got: {}",
        error_messages(response)
    );
}

/// Asserts that a mutation was refused: an error, and `data` null. `why` says why.
#[track_caller]
pub fn assert_rejected(response: &Value, why: &str) {
    assert!(
        response.get("errors").is_some(),
        "{why}: the request should be refused with an error, got {response}"
    );
    assert_eq!(
        response["data"],
        Value::Null,
        "{why}: a refused mutation has no data"
    );
}

/// Asserts that a query was refused before it ran: exactly the error `message`, and not one
/// SQL statement run. `why` says why it must be refused.
#[track_caller]
pub fn assert_refused(response: &Value, db: &Db, message: &str, why: &str) {
    assert_eq!(
        error_messages(response),
        message,
        "{why}: the query should be refused with this error"
    );
    assert_eq!(
        db.statements_run(),
        0,
        "{why}: a refused query must not run any SQL"
    );
}

/// The messages of a response's errors, joined, for assertion messages.
pub fn error_messages(response: &Value) -> String {
    match response["errors"].as_array() {
        None => "no errors".to_string(),
        Some(errors) => errors
            .iter()
            .map(|e| e["message"].as_str().unwrap_or("?").to_string())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

const SEED: &str = "
CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE books (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors (id),
    title     TEXT NOT NULL,
    year      INTEGER NOT NULL
);
CREATE TABLE notes (
    id    INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    body  TEXT NOT NULL
);
INSERT INTO authors (id, name) VALUES
    (1, 'Ursula K. Le Guin'),
    (2, 'Andy Weir'),
    (3, 'Terry Pratchett'),
    (4, 'N. K. Jemisin');
INSERT INTO books (id, author_id, title, year) VALUES
    (1, 1, 'The Dispossessed', 1974),
    (2, 1, 'A Wizard of Earthsea', 1968),
    (3, 2, 'The Martian', 2011),
    (4, 2, 'Project Hail Mary', 2021),
    (5, 3, 'Guards! Guards!', 1989),
    (6, 3, 'Small Gods', 1992),
    (7, 4, 'The Fifth Season', 2015),
    (8, 1, 'The Lathe of Heaven', 1971);
INSERT INTO notes (id, owner, body) VALUES
    (1, 'alice', 'Return The Martian by Friday'),
    (2, 'bob', 'Ask for Small Gods in paperback'),
    (3, 'alice', 'Book club: The Fifth Season');
";

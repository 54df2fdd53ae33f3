// notes1: the capstone, a notes service from end to end
//
// This is a small but complete backend: users log in, get a session cookie, and keep private
// notes in SQLite. It uses what the earlier stages taught, all at once:
//
//   POST /login         {"username": .., "password": ..} -> 200 {"csrf_token": ..}
//                       and a `sid` session cookie
//   POST /logout        -> 204; the session is gone
//   GET  /notes?q=milk  your notes whose title contains "milk" (all of them without `q`)
//   POST /notes         {"title": .., "body": ..} -> 201 + Location: /notes/{id}
//   GET  /notes/{id}    one of your notes, with an ETag -> 200, or 304 Not Modified
//   PUT  /notes/{id}    {"title": .., "body": ..} -> 200 with the new note
//
// Every notes route needs a live session (or 401); the routes that change something also
// need the session's CSRF token in an `X-CSRF-Token` header (or 403). Another user's note is
// a 404: its existence is none of your business.
//
// Passwords are Argon2id hashes, sessions are random tokens stored as SHA-256 hashes (a
// leaked database holds no live session), SQL uses bound parameters, and errors never show
// internals. The tests start the service on a real socket and talk raw HTTP/1.1 to it.
//
// Most of it is written. Four TODOs are left, each from an earlier stage:
//   TODO 1 (auth)          `CurrentUser`: find the session cookie; refuse expired sessions
//   TODO 2 (security)      `CsrfChecked`: check the CSRF token
//   TODO 3 (sql, security) `list_notes`: the search query is open to SQL injection
//   TODO 4 (caching)       `get_note`: send the ETag; answer 304 when it still matches
//
// To try it by hand: `cargo run -p exercises-capstone --bin notes1`, then follow what it
// prints.

use std::sync::{Arc, LazyLock, Mutex};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How long a session lives, in seconds.
const SESSION_TTL: u64 = 3600;

/// The time in seconds since the Unix epoch. The tests bring their own clock.
pub trait Clock: Send + Sync {
    fn now(&self) -> u64;
}

#[derive(Clone)]
pub struct AppState {
    db: Arc<Mutex<Connection>>,
    clock: Arc<dyn Clock>,
}

impl AppState {
    pub fn new(conn: Connection, clock: Arc<dyn Clock>) -> Self {
        AppState {
            db: Arc::new(Mutex::new(conn)),
            clock,
        }
    }
}

pub fn open_db() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE users (
             id INTEGER PRIMARY KEY,
             username TEXT NOT NULL UNIQUE,
             password_hash TEXT NOT NULL
         );
         CREATE TABLE sessions (
             token_hash TEXT PRIMARY KEY,
             user_id INTEGER NOT NULL REFERENCES users(id),
             csrf_token TEXT NOT NULL,
             expires_at INTEGER NOT NULL
         );
         CREATE TABLE notes (
             id INTEGER PRIMARY KEY,
             owner_id INTEGER NOT NULL REFERENCES users(id),
             title TEXT NOT NULL,
             body TEXT NOT NULL
         );",
    )
    .unwrap();
    conn
}

// ---------------------------------------------------------------------------------------
// Passwords and tokens (the auth stage)

/// Argon2id with small parameters, so the tests stay fast. In production keep the defaults
/// (19 MiB of memory, 2 passes) or more.
fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(1024, 1, 1, None).unwrap(),
    )
}

fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).unwrap();
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
}

/// Checked when the username is unknown, so that case takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash_password("no such user"));

pub fn add_user(conn: &Connection, username: &str, password: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (username, password_hash) VALUES (?1, ?2)",
        params![username, hash_password(password)],
    )?;
    Ok(conn.last_insert_rowid())
}

/// 32 random bytes, URL-safe base64: a session id or a CSRF token.
fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

// ---------------------------------------------------------------------------------------
// Errors (the apis stage): one JSON shape, no internals

#[derive(Debug)]
pub enum ApiError {
    Unauthorized,
    Forbidden,
    NotFound,
    Invalid(&'static str),
    Internal(rusqlite::Error),
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::Internal(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "log in first"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "missing or wrong CSRF token"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "no such note"),
            ApiError::Invalid(why) => (StatusCode::UNPROCESSABLE_ENTITY, why),
            ApiError::Internal(err) => {
                eprintln!("database error: {err}");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

// ---------------------------------------------------------------------------------------
// Sessions and CSRF (the auth and security stages)

struct Session {
    user_id: i64,
    csrf_token: String,
    expires_at: u64,
}

fn find_session(conn: &Connection, session_id: &str) -> rusqlite::Result<Option<Session>> {
    conn.query_row(
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?1",
        [sha256_hex(session_id)],
        |row| {
            Ok(Session {
                user_id: row.get(0)?,
                csrf_token: row.get(1)?,
                expires_at: row.get(2)?,
            })
        },
    )
    .optional()
}

/// The logged-in user. A handler that takes a `CurrentUser` only runs with a live session.
pub struct CurrentUser {
    id: i64,
    session_id: String,
    csrf_token: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        // TODO 1 (auth): two bugs here.
        // - A browser sends all its cookies in one header: `Cookie: theme=dark; sid=abc; lang=en`.
        //   This only finds `sid` when it comes first. Split the header on `;` and find the
        //   pair whose name is exactly `sid`.
        // - A session is dead once `expires_at` is not after `state.clock.now()`: 401.
        let session_id = parts
            .headers
            .get(header::COOKIE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("sid="))
            .ok_or(ApiError::Unauthorized)?;
        let conn = state.db.lock().unwrap();
        let session = find_session(&conn, session_id)?.ok_or(ApiError::Unauthorized)?;
        Ok(CurrentUser {
            id: session.user_id,
            session_id: session_id.to_string(),
            csrf_token: session.csrf_token,
        })
    }
}

/// A logged-in user whose request carries the session's CSRF token. Every handler that
/// changes something takes this instead of `CurrentUser`.
pub struct CsrfChecked(CurrentUser);

impl FromRequestParts<AppState> for CsrfChecked {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        // TODO 2 (security): a hostile page can make the browser send the cookie, but it can't
        // read the CSRF token. Refuse (403 Forbidden) unless the `X-CSRF-Token` header equals
        // `user.csrf_token`. Compare in constant time: `subtle::ConstantTimeEq` on the bytes.
        Ok(CsrfChecked(user))
    }
}

#[derive(Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    Json(creds): Json<Credentials>,
) -> Result<Response, ApiError> {
    let conn = state.db.lock().unwrap();
    let user: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, password_hash FROM users WHERE username = ?1",
            [&creds.username],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    // The same work and the same answer for an unknown user and a wrong password.
    let phc = user.as_ref().map_or(DUMMY_HASH.as_str(), |(_, phc)| phc);
    let password_ok = verify_password(&creds.password, phc);
    let Some((user_id, _)) = user.filter(|_| password_ok) else {
        return Err(ApiError::Unauthorized);
    };

    let session_id = random_token();
    let csrf_token = random_token();
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            sha256_hex(&session_id),
            user_id,
            csrf_token,
            state.clock.now() + SESSION_TTL
        ],
    )?;
    let cookie =
        format!("sid={session_id}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age={SESSION_TTL}");
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "csrf_token": csrf_token })),
    )
        .into_response())
}

async fn logout(
    State(state): State<AppState>,
    CsrfChecked(user): CsrfChecked,
) -> Result<Response, ApiError> {
    let conn = state.db.lock().unwrap();
    conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        [sha256_hex(&user.session_id)],
    )?;
    let expired = "sid=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0";
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, expired)]).into_response())
}

// ---------------------------------------------------------------------------------------
// Notes (the sql, apis and caching stages)

#[derive(Serialize)]
struct Note {
    id: i64,
    title: String,
    body: String,
}

#[derive(Deserialize)]
struct NoteInput {
    title: String,
    body: String,
}

impl NoteInput {
    fn validate(&self) -> Result<(), ApiError> {
        match self.title.trim().chars().count() {
            0 => Err(ApiError::Invalid("the title must not be empty")),
            1..=200 => Ok(()),
            _ => Err(ApiError::Invalid("the title is longer than 200 characters")),
        }
    }
}

fn note_from_row(row: &rusqlite::Row) -> rusqlite::Result<Note> {
    Ok(Note {
        id: row.get(0)?,
        title: row.get(1)?,
        body: row.get(2)?,
    })
}

/// One note, if it exists and belongs to `owner_id`.
fn find_note(conn: &Connection, owner_id: i64, id: i64) -> rusqlite::Result<Option<Note>> {
    conn.query_row(
        "SELECT id, title, body FROM notes WHERE id = ?1 AND owner_id = ?2",
        params![id, owner_id],
        note_from_row,
    )
    .optional()
}

/// A strong ETag: a hash of the exact bytes of the representation, in quotes.
fn etag_for(body: &[u8]) -> String {
    let digest = format!("{:x}", Sha256::digest(body));
    format!("\"{}\"", &digest[..16])
}

#[derive(Deserialize)]
struct Search {
    q: Option<String>,
}

async fn list_notes(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(search): Query<Search>,
) -> Result<Json<Vec<Note>>, ApiError> {
    let q = search.q.unwrap_or_default();
    let conn = state.db.lock().unwrap();
    // TODO 3 (sql, security): `q` comes straight from the URL, and `format!` pastes it into
    // the SQL. Try `q = ' OR 1=1 --` in your head. Use bound parameters (`?1`, `?2`) instead;
    // SQL can glue the pattern together: `'%' || ?2 || '%'`.
    let sql = format!(
        "SELECT id, title, body FROM notes
         WHERE owner_id = {} AND title LIKE '%{}%'
         ORDER BY id",
        user.id, q
    );
    let mut stmt = conn.prepare(&sql)?;
    let notes = stmt
        .query_map([], note_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(notes))
}

async fn create_note(
    State(state): State<AppState>,
    CsrfChecked(user): CsrfChecked,
    Json(input): Json<NoteInput>,
) -> Result<Response, ApiError> {
    input.validate()?;
    let conn = state.db.lock().unwrap();
    conn.execute(
        "INSERT INTO notes (owner_id, title, body) VALUES (?1, ?2, ?3)",
        params![user.id, input.title, input.body],
    )?;
    let note = Note {
        id: conn.last_insert_rowid(),
        title: input.title,
        body: input.body,
    };
    let location = format!("/notes/{}", note.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(note),
    )
        .into_response())
}

async fn get_note(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let note = {
        let conn = state.db.lock().unwrap();
        find_note(&conn, user.id, id)?.ok_or(ApiError::NotFound)?
    };
    let body = serde_json::to_vec(&note).unwrap();
    let etag = etag_for(&body);
    // Only the user's own browser may keep a copy, and it must ask again every time.
    let cache_control = (header::CACHE_CONTROL, "private, no-cache".to_string());

    // TODO 4 (caching): send the ETag with the note. When the request's `If-None-Match`
    // holds the same tag (it may list several, separated by commas), the browser's copy is
    // still good: answer `304 Not Modified` with the ETag and Cache-Control, and no body.
    let _ = (headers, etag);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            cache_control,
        ],
        body,
    )
        .into_response())
}

async fn update_note(
    State(state): State<AppState>,
    CsrfChecked(user): CsrfChecked,
    Path(id): Path<i64>,
    Json(input): Json<NoteInput>,
) -> Result<Json<Note>, ApiError> {
    input.validate()?;
    let conn = state.db.lock().unwrap();
    let changed = conn.execute(
        "UPDATE notes SET title = ?1, body = ?2 WHERE id = ?3 AND owner_id = ?4",
        params![input.title, input.body, id, user.id],
    )?;
    if changed == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(Json(Note {
        id,
        title: input.title,
        body: input.body,
    }))
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/notes", get(list_notes).post(create_note))
        .route("/notes/{id}", get(get_note).put(update_note))
        .with_state(state)
}

struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }
}

#[tokio::main]
async fn main() {
    let conn = open_db();
    add_user(&conn, "alice", "wonderland").unwrap();
    let state = AppState::new(conn, Arc::new(SystemClock));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    println!("listening on http://{addr}");
    println!("Try:");
    println!(
        "  curl -i -c jar -H 'content-type: application/json' \
         -d '{{\"username\":\"alice\",\"password\":\"wonderland\"}}' http://{addr}/login"
    );
    println!(
        "  curl -i -b jar -H 'x-csrf-token: <the csrf_token>' -H 'content-type: application/json' \
         -d '{{\"title\":\"hello\",\"body\":\"world\"}}' http://{addr}/notes"
    );
    println!("  curl -i -b jar http://{addr}/notes/1");
    axum::serve(listener, app(state)).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    /// A clock that only moves when the test says so.
    struct TestClock(AtomicU64);

    impl Clock for TestClock {
        fn now(&self) -> u64 {
            self.0.load(Ordering::SeqCst)
        }
    }

    struct Server {
        addr: SocketAddr,
        clock: Arc<TestClock>,
    }

    impl Server {
        /// Starts the service on a free loopback port, on its own thread and runtime, with
        /// two users: alice and bob.
        fn start() -> Server {
            let conn = open_db();
            add_user(&conn, "alice", "wonderland").unwrap();
            add_user(&conn, "bob", "builder").unwrap();
            let clock = Arc::new(TestClock(AtomicU64::new(1_700_000_000)));
            let state = AppState::new(conn, clock.clone());
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            listener.set_nonblocking(true).unwrap();
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    axum::serve(listener, app(state)).await.unwrap();
                });
            });
            Server { addr, clock }
        }

        fn advance(&self, seconds: u64) {
            self.clock.0.fetch_add(seconds, Ordering::SeqCst);
        }

        /// Sends one request on a new connection and reads the whole answer.
        fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
            let mut stream = TcpStream::connect(self.addr).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            stream
                .set_write_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut request = format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
                self.addr
            );
            for (name, value) in headers {
                request.push_str(&format!("{name}: {value}\r\n"));
            }
            if method != "GET" {
                request.push_str(&format!(
                    "Content-Type: application/json\r\nContent-Length: {}\r\n",
                    body.len()
                ));
            }
            request.push_str("\r\n");
            request.push_str(body);
            stream.write_all(request.as_bytes()).unwrap();

            let mut raw = Vec::new();
            stream
                .read_to_end(&mut raw)
                .expect("no complete answer within 5 seconds");
            Reply::parse(&String::from_utf8(raw).unwrap())
        }

        fn login(&self, username: &str, password: &str) -> Client<'_> {
            let body = json!({ "username": username, "password": password }).to_string();
            let reply = self.send("POST", "/login", &[], &body);
            assert_eq!(reply.status, 200, "login as {username}: {}", reply.body);
            let cookie = reply.header("set-cookie").unwrap();
            let sid = cookie
                .split(';')
                .next()
                .unwrap()
                .strip_prefix("sid=")
                .unwrap();
            Client {
                server: self,
                cookie: format!("sid={sid}"),
                csrf: reply.json()["csrf_token"].as_str().unwrap().to_string(),
            }
        }
    }

    /// A logged-in user: sends the session cookie, and the CSRF token where needed.
    struct Client<'a> {
        server: &'a Server,
        cookie: String,
        csrf: String,
    }

    impl Client<'_> {
        fn get(&self, path: &str) -> Reply {
            self.server
                .send("GET", path, &[("Cookie", self.cookie.as_str())], "")
        }

        fn get_if_none_match(&self, path: &str, etag: &str) -> Reply {
            let headers = [("Cookie", self.cookie.as_str()), ("If-None-Match", etag)];
            self.server.send("GET", path, &headers, "")
        }

        /// A POST or PUT with the CSRF token.
        fn write(&self, method: &str, path: &str, body: &str) -> Reply {
            let headers = [
                ("Cookie", self.cookie.as_str()),
                ("X-CSRF-Token", self.csrf.as_str()),
            ];
            self.server.send(method, path, &headers, body)
        }

        fn create(&self, title: &str, body: &str) -> Reply {
            let note = json!({ "title": title, "body": body }).to_string();
            let reply = self.write("POST", "/notes", &note);
            assert_eq!(reply.status, 201, "create {title:?}: {}", reply.body);
            reply
        }
    }

    #[derive(Debug)]
    struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    }

    impl Reply {
        fn parse(raw: &str) -> Reply {
            let (head, body) = raw.split_once("\r\n\r\n").expect("no end of headers");
            let mut lines = head.split("\r\n");
            let status_line = lines.next().unwrap();
            let status = status_line
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
            let headers = lines
                .map(|line| {
                    let (name, value) = line.split_once(':').unwrap();
                    (name.to_ascii_lowercase(), value.trim().to_string())
                })
                .collect();
            Reply {
                status,
                headers,
                body: body.to_string(),
            }
        }

        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        }

        fn json(&self) -> serde_json::Value {
            serde_json::from_str(&self.body)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
        }
    }

    #[test]
    fn login_sets_a_safe_session_cookie() {
        let server = Server::start();
        let body = r#"{"username":"alice","password":"wonderland"}"#;
        let reply = server.send("POST", "/login", &[], body);
        assert_eq!(reply.status, 200);
        let cookie = reply.header("set-cookie").expect("a Set-Cookie header");
        assert!(cookie.starts_with("sid="), "{cookie}");
        for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
        }
        let csrf = reply.json()["csrf_token"].as_str().unwrap().to_string();
        assert!(csrf.len() >= 32, "a CSRF token that can't be guessed");
    }

    #[test]
    fn bad_credentials_are_401_without_saying_which_part_was_wrong() {
        let server = Server::start();
        let wrong_password = server.send(
            "POST",
            "/login",
            &[],
            r#"{"username":"alice","password":"guess"}"#,
        );
        let no_such_user = server.send(
            "POST",
            "/login",
            &[],
            r#"{"username":"mallory","password":"guess"}"#,
        );
        assert_eq!(wrong_password.status, 401);
        assert_eq!(no_such_user.status, 401);
        assert_eq!(wrong_password.body, no_such_user.body);
        assert_eq!(wrong_password.header("set-cookie"), None);
    }

    #[test]
    fn notes_need_a_session() {
        let server = Server::start();
        assert_eq!(server.send("GET", "/notes", &[], "").status, 401);
        let made_up = [("Cookie", "sid=made-up")];
        assert_eq!(server.send("GET", "/notes", &made_up, "").status, 401);
    }

    #[test]
    fn the_session_cookie_is_found_among_other_cookies() {
        // Checks TODO 1.
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        alice.create("Buy milk", "2 litres");
        let cookies = format!("theme=dark; {}; lang=en", alice.cookie);
        let reply = server.send("GET", "/notes", &[("Cookie", cookies.as_str())], "");
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.json()[0]["title"], "Buy milk");
        let decoy = format!("xsid=nope; {}", alice.cookie);
        let reply = server.send("GET", "/notes", &[("Cookie", decoy.as_str())], "");
        assert_eq!(reply.status, 200, "`xsid` is not `sid`");
    }

    #[test]
    fn a_session_expires_after_an_hour() {
        // Checks TODO 1.
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        server.advance(3599);
        assert_eq!(
            alice.get("/notes").status,
            200,
            "59 minutes 59 seconds: alive"
        );
        server.advance(1);
        assert_eq!(alice.get("/notes").status, 401, "one hour: expired");
        assert_eq!(alice.write("POST", "/logout", "").status, 401);
    }

    #[test]
    fn logout_ends_the_session() {
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let reply = alice.write("POST", "/logout", "");
        assert_eq!(reply.status, 204);
        assert!(reply.header("set-cookie").unwrap().contains("Max-Age=0"));
        assert_eq!(alice.get("/notes").status, 401, "the old cookie is dead");
    }

    #[test]
    fn changes_need_the_csrf_token_of_the_session() {
        // Checks TODO 2.
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let bob = server.login("bob", "builder");
        let note = r#"{"title":"forged","body":"by a hostile page"}"#;
        let cookie = ("Cookie", alice.cookie.as_str());
        let attempts: [&[(&str, &str)]; 4] = [
            &[cookie],
            &[cookie, ("X-CSRF-Token", "")],
            &[cookie, ("X-CSRF-Token", "guessed")],
            &[cookie, ("X-CSRF-Token", bob.csrf.as_str())],
        ];
        for headers in attempts {
            let reply = server.send("POST", "/notes", headers, note);
            assert_eq!(reply.status, 403, "POST /notes with {headers:?}");
            let reply = server.send("POST", "/logout", headers, "");
            assert_eq!(reply.status, 403, "POST /logout with {headers:?}");
        }
        assert_eq!(alice.get("/notes").body, "[]", "nothing was created");

        let reply = alice.write("POST", "/notes", note);
        assert_eq!(reply.status, 201, "with the right token: {}", reply.body);
    }

    #[test]
    fn create_then_read_a_note() {
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let created = alice.create("Buy milk", "2 litres");
        assert_eq!(created.header("location"), Some("/notes/1"));
        assert_eq!(
            created.json(),
            json!({ "id": 1, "title": "Buy milk", "body": "2 litres" })
        );
        let reply = alice.get("/notes/1");
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.body,
            r#"{"id":1,"title":"Buy milk","body":"2 litres"}"#
        );
        let empty_title = alice.write("POST", "/notes", r#"{"title":" ","body":"x"}"#);
        assert_eq!(empty_title.status, 422);
    }

    #[test]
    fn nobody_reads_or_edits_another_users_note() {
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let bob = server.login("bob", "builder");
        alice.create("Diary", "secret");
        assert_eq!(bob.get("/notes/1").status, 404);
        let edit = bob.write("PUT", "/notes/1", r#"{"title":"mine now","body":""}"#);
        assert_eq!(edit.status, 404);
        assert_eq!(bob.get("/notes").body, "[]");
        assert_eq!(alice.get("/notes/1").json()["title"], "Diary");
    }

    #[test]
    fn search_finds_your_notes_by_title() {
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let bob = server.login("bob", "builder");
        alice.create("Buy milk", "2 litres");
        alice.create("Call mum", "Sunday");
        bob.create("Buy milk too", "bob's");
        let reply = alice.get("/notes?q=milk");
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.json(),
            json!([{ "id": 1, "title": "Buy milk", "body": "2 litres" }])
        );
        assert_eq!(alice.get("/notes").json().as_array().unwrap().len(), 2);
    }

    #[test]
    fn search_is_not_open_to_sql_injection() {
        // Checks TODO 3.
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        let bob = server.login("bob", "builder");
        alice.create("It's done", "finally");
        bob.create("Bob's bank PIN", "1234");

        // q = ' OR 1=1 --
        let reply = alice.get("/notes?q=%27%20OR%201%3D1%20--");
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.body, "[]", "no title contains that text");
        assert!(!reply.body.contains("PIN"), "bob's notes leaked");

        // q = It's
        let reply = alice.get("/notes?q=It%27s");
        assert_eq!(reply.status, 200, "a quote is just a character");
        assert_eq!(reply.json()[0]["title"], "It's done");
    }

    #[test]
    fn an_unchanged_note_is_304_not_modified() {
        // Checks TODO 4.
        let server = Server::start();
        let alice = server.login("alice", "wonderland");
        alice.create("Buy milk", "2 litres");
        let first = alice.get("/notes/1");
        assert_eq!(first.status, 200);
        assert_eq!(first.header("cache-control"), Some("private, no-cache"));
        let etag = first.header("etag").expect("an ETag header").to_string();
        assert!(
            etag.len() > 2 && etag.starts_with('"') && etag.ends_with('"'),
            "an ETag is quoted: {etag}"
        );
        assert_eq!(alice.get("/notes/1").header("etag"), Some(etag.as_str()));

        let again = alice.get_if_none_match("/notes/1", &etag);
        assert_eq!(again.status, 304);
        assert_eq!(again.body, "", "a 304 has no body");
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        let listed = alice.get_if_none_match("/notes/1", &format!("\"old\", {etag}"));
        assert_eq!(listed.status, 304, "If-None-Match may list several tags");

        let edit = alice.write(
            "PUT",
            "/notes/1",
            r#"{"title":"Buy milk","body":"3 litres"}"#,
        );
        assert_eq!(edit.status, 200);
        let changed = alice.get_if_none_match("/notes/1", &etag);
        assert_eq!(changed.status, 200, "the note changed: send it again");
        assert_eq!(changed.json()["body"], "3 litres");
        assert_ne!(changed.header("etag"), Some(etag.as_str()));
    }
}

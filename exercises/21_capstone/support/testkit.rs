//! The tests' harness: the notes service on 127.0.0.1:0 with a fake clock and instant fake
//! passwords, and a raw HTTP/1.1 client. Support code: you do not need to edit it.
#![allow(dead_code)]

use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use rusqlite::Connection;

use crate::service::{AppState, Clock, Passwords};

/// How long the client waits for an answer: a guard against hangs, never reached by a working
/// service.
pub const PATIENCE: Duration = Duration::from_secs(1);
pub const ALICE: i64 = 1;
pub const BOB: i64 = 2;
/// The body of alice's POST /login.
pub const ALICE_LOGIN: &str = r#"{"username":"alice","password":"wonderland"}"#;

/// A clock that only moves when the test says so.
pub struct TestClock(AtomicI64);

impl Clock for TestClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// One call to `FakePasswords::verify` or `hash`: where it ran.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Call {
    /// It ran on the thread that drives the async runtime (not on a blocking-pool thread).
    pub on_runtime: bool,
    /// The database lock was held while it ran.
    pub db_locked: bool,
}

/// Instant "fake$<password>" hashes that record where each call ran, and can be held in the
/// middle of a call (`hold`), like a slow Argon2 in flight.
#[derive(Default)]
pub struct FakePasswords {
    db: OnceLock<Arc<Mutex<Connection>>>,
    calls: Mutex<Vec<Call>>,
    gate: Mutex<Option<(Sender<()>, Receiver<()>)>>,
}

impl FakePasswords {
    fn record(&self) {
        let on_runtime = std::thread::current().name() == Some("notes-runtime");
        let db_locked = self.db.get().is_some_and(|db| db.try_lock().is_err());
        self.calls.lock().unwrap().push(Call {
            on_runtime,
            db_locked,
        });
        let gate = self.gate.lock().unwrap().take();
        if let Some((started, release)) = gate {
            let _ = started.send(());
            let _ = release.recv_timeout(Duration::from_secs(5));
        }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// The next call stops in the middle until the returned `Hold` is dropped.
    pub fn hold(&self) -> Hold {
        let (started_tx, started_rx) = mpsc::channel();
        let (release_tx, release_rx) = mpsc::channel();
        *self.gate.lock().unwrap() = Some((started_tx, release_rx));
        Hold {
            started: started_rx,
            _release: release_tx,
        }
    }
}

impl Passwords for FakePasswords {
    fn hash(&self, password: &str) -> String {
        self.record();
        format!("fake${password}")
    }

    fn verify(&self, password: &str, phc: &str) -> bool {
        self.record();
        phc.strip_prefix("fake$") == Some(password)
    }
}

/// A password call held in the middle; dropping it lets the call finish.
pub struct Hold {
    started: Receiver<()>,
    _release: Sender<()>,
}

impl Hold {
    /// Waits until the held call has started (a request is in the middle of its handler).
    #[track_caller]
    pub fn wait_started(&self) {
        let started = self.started.recv_timeout(PATIENCE);
        assert!(
            started.is_ok(),
            "the request never reached the password check"
        );
    }
}

/// The notes service on a loopback port, on its own thread and single-threaded runtime (the
/// thread is named "notes-runtime"), with two users: alice (wonderland) and bob (builder).
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub passwords: Arc<FakePasswords>,
    outcome: Receiver<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Server {
    /// Serves `app(state)` until the `Server` is dropped.
    pub fn start(app: fn(AppState) -> Router) -> Server {
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let mut server = Server::spawn(move |listener, state| async move {
            let stop = async move {
                let _ = stop_rx.await;
            };
            let served = axum::serve(listener, app(state)).with_graceful_shutdown(stop);
            format!("{:?}", served.await)
        });
        server.stop = Some(stop_tx);
        server
    }

    /// Runs `run(listener, state)` on the server thread; `outcome` reports what it returned.
    pub fn spawn<F>(
        run: impl FnOnce(tokio::net::TcpListener, AppState) -> F + Send + 'static,
    ) -> Server
    where
        F: Future<Output = String> + 'static,
    {
        let conn = crate::service::open_db();
        for (name, password) in [("alice", "wonderland"), ("bob", "builder")] {
            crate::service::add_user(&conn, name, &format!("fake${password}")).unwrap();
        }
        let clock = Arc::new(TestClock(AtomicI64::new(1_700_000_000)));
        let passwords = Arc::new(FakePasswords::default());
        let state = AppState::new(conn, clock.clone(), passwords.clone());
        let _ = passwords.db.set(state.db.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let (outcome_tx, outcome) = mpsc::channel();
        let served = state.clone();
        std::thread::Builder::new()
            .name("notes-runtime".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .thread_name("notes-blocking")
                    .build()
                    .unwrap();
                let result = runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                    run(listener, served).await
                });
                let _ = outcome_tx.send(result);
            })
            .unwrap();
        Server {
            addr,
            state,
            clock,
            passwords,
            outcome,
            stop: None,
        }
    }

    /// Runs SQL on the service's database, behind its back.
    #[track_caller]
    pub fn sql(&self, batch: &str) {
        self.state.db.lock().unwrap().execute_batch(batch).unwrap();
    }

    pub fn advance(&self, seconds: i64) {
        self.clock.0.fetch_add(seconds, Ordering::SeqCst);
    }

    /// What the server's future returned, if it returned within `within`.
    pub fn outcome(&self, within: Duration) -> Option<String> {
        self.outcome.recv_timeout(within).ok()
    }

    /// Sends a request on a new connection (`Connection: close`) without reading the answer.
    pub fn start_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> TcpStream {
        let mut stream = TcpStream::connect(self.addr).expect("could not connect to the server");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nHost: notes.test\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            let length = body.len();
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {length}\r\n"
            ));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes()).unwrap();
        stream
    }

    /// Sends one request and reads the whole answer.
    #[track_caller]
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        finish(self.start_request(method, path, headers, body))
    }

    /// A client with a fresh session of `user_id`, made directly in the database.
    pub fn session(&self, user_id: i64) -> Client<'_> {
        let (sid, csrf) = crate::service::start_session(&self.state, user_id).unwrap();
        Client {
            server: self,
            cookie: format!("sid={sid}"),
            csrf,
        }
    }

    /// True once a new connection is refused, trying every 10 ms for at most `PATIENCE`.
    pub fn refuses_connections(&self) -> bool {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            match TcpStream::connect(self.addr) {
                Err(_) => return true,
                Ok(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Reads the answer to a request sent with `start_request`.
#[track_caller]
pub fn finish(mut stream: TcpStream) -> Reply {
    let mut raw = Vec::new();
    if let Err(err) = stream.read_to_end(&mut raw) {
        let got = String::from_utf8_lossy(&raw);
        panic!("no complete answer within {PATIENCE:?} ({err}); got so far: {got:?}");
    }
    Reply::parse(&String::from_utf8_lossy(&raw))
}

/// A logged-in user: sends the session cookie, and the CSRF token on writes.
pub struct Client<'a> {
    pub server: &'a Server,
    pub cookie: String,
    pub csrf: String,
}

impl Client<'_> {
    #[track_caller]
    pub fn get(&self, path: &str) -> Reply {
        self.server
            .send("GET", path, &[("Cookie", &self.cookie)], "")
    }

    /// A GET with more headers.
    #[track_caller]
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("Cookie", self.cookie.as_str())];
        all.extend_from_slice(headers);
        self.server.send("GET", path, &all, "")
    }

    /// A POST, PUT or DELETE with the CSRF token.
    #[track_caller]
    pub fn write(&self, method: &str, path: &str, body: &str) -> Reply {
        let headers = [
            ("Cookie", self.cookie.as_str()),
            ("X-CSRF-Token", &self.csrf),
        ];
        self.server.send(method, path, &headers, body)
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    #[track_caller]
    fn parse(raw: &str) -> Reply {
        let Some((head, body)) = raw.split_once("\r\n\r\n") else {
            panic!("not an HTTP response (no end of headers): {raw:?}");
        };
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok());
        let status = status.unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
            .collect();
        let body = body.to_string();
        Reply {
            status,
            headers,
            body,
        }
    }

    /// The value of a header (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of a header, or "" without one.
    pub fn header_or_empty(&self, name: &str) -> String {
        self.header(name).unwrap_or_default().to_string()
    }

    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {:?}", self.body))
    }

    /// Checks that this is an RFC 9457 problem with this status, and returns its `detail`.
    #[track_caller]
    pub fn problem(&self, status: u16) -> String {
        assert_eq!(
            self.status, status,
            "the status; the body was {:?}",
            self.body
        );
        let content_type = self.header("content-type");
        assert_eq!(
            content_type,
            Some("application/problem+json"),
            "an error's Content-Type is application/problem+json (RFC 9457); body: {:?}",
            self.body
        );
        let problem = self.json();
        let reason = axum::http::StatusCode::from_u16(status)
            .unwrap()
            .canonical_reason();
        assert_eq!(problem["type"], "about:blank", "`type`: {problem}");
        assert_eq!(
            problem["title"],
            reason.unwrap(),
            "`title` is the reason phrase: {problem}"
        );
        assert_eq!(
            problem["status"], status,
            "`status` repeats the status code: {problem}"
        );
        let detail = problem["detail"].as_str();
        detail
            .unwrap_or_else(|| panic!("a problem has a `detail` string: {problem}"))
            .to_string()
    }

    /// Checks that this is an RFC 9457 problem with this status and `detail`.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, detail: &str) {
        let got = self.problem(status);
        let why = "`detail` says what went wrong this time; a 500's says only \"An unexpected \
                   error occurred.\": its cause is for the log, not for the client";
        assert_eq!(got, detail, "{why}");
    }
}

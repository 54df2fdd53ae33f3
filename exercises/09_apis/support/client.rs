//! A test client for the apis stage. `send` hands one request to a `Router` in memory with
//! tower's `oneshot` (a `Router` is a tower `Service`: a function from request to response),
//! so no socket is opened; `exchange` speaks raw HTTP/1.1 to a real server over loopback.
//! Both return what they got as text, so a failing test can show it. You don't need to edit it.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tower::ServiceExt;

/// What came back: the status, the headers and the body as text.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The value of a header, or "" when there is none.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap_or("<not text>"))
            .unwrap_or("")
    }

    /// The body parsed as JSON; panics with the body when it is not JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|err| {
            panic!(
                "{} answered a body that is not JSON ({err}): {:?}",
                self.status, self.body
            )
        })
    }
}

/// Sends `method uri` to `app` in memory, with `json` as an `application/json` body if given.
/// `app` is cloned; clones of a `Router` share its state.
pub async fn send(app: &Router, method: &str, uri: &str, json: Option<&str>) -> Reply {
    let builder = Request::builder().method(method).uri(uri);
    let request = match json {
        Some(json) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_string())),
        None => builder.body(Body::empty()),
    };
    send_request(app, request.unwrap()).await
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, "GET", uri, None).await
}

/// Sends a request built by the caller (for unusual headers or bodies).
pub async fn send_request(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Checks that `reply` is an RFC 9457 problem with this status and detail.
#[track_caller]
pub fn assert_problem(reply: &Reply, status: StatusCode, detail: &str) {
    assert_eq!(
        reply.status, status,
        "expected a {status} problem, got {} with {:?}",
        reply.status, reply.body
    );
    assert_eq!(
        reply.header("content-type"),
        "application/problem+json",
        "an error is sent as application/problem+json (RFC 9457); body: {:?}",
        reply.body
    );
    let want = serde_json::json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or(""),
        "status": status.as_u16(),
        "detail": detail,
    });
    assert_eq!(
        reply.json(),
        want,
        "a problem has type, title (the reason phrase), status and detail"
    );
}

/// How long a test waits for a server over TCP before it gives up (a guard, not a delay).
pub const TCP_TIMEOUT: Duration = Duration::from_secs(1);

/// Sends raw bytes to `addr` on a new connection and reads until the server closes it.
pub async fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut stream = timeout(TCP_TIMEOUT, TcpStream::connect(addr))
        .await
        .unwrap_or_else(|_| panic!("connecting to {addr} timed out"))
        .unwrap_or_else(|err| panic!("nothing accepts connections on {addr}: {err}"));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    timeout(TCP_TIMEOUT, stream.read_to_end(&mut response))
        .await
        .unwrap_or_else(|_| panic!("{addr} did not answer and close the connection within 1 s"))
        .unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

//! A WebSocket client for the tests, built on `tokio-tungstenite` (support code: you do not
//! need to edit it). Every read waits at most a second: a guard against hangs, not a delay.
//! `open` and `try_open` also start the app under test on a free local port.
#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Serves `app` on a free local port and opens `ws://127.0.0.1:port{path}`; the upgrade
/// must succeed.
pub async fn open(app: axum::Router, path: &str) -> Client {
    match try_open(app, path, None).await {
        Ok(client) => client,
        Err(refused) => panic!("the WebSocket upgrade was refused: {refused:?}"),
    }
}

/// Serves `app` on a free local port and tries to open `ws://127.0.0.1:port{path}`, sending
/// `Origin: origin` when given.
pub async fn try_open(
    app: axum::Router,
    path: &str,
    origin: Option<&str>,
) -> Result<Client, Refused> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    connect(addr, path, origin).await
}

/// The status of the answer to an upgrade request: 101 when it switched protocols.
pub async fn upgrade_status(app: axum::Router, path: &str, origin: Option<&str>) -> u16 {
    match try_open(app, path, origin).await {
        Ok(_client) => 101,
        Err(refused) => refused.status,
    }
}

/// Opens `ws://addr{path}` on a server that is already running; the upgrade must succeed.
pub async fn join(addr: SocketAddr, path: &str) -> Client {
    match connect(addr, path, None).await {
        Ok(client) => client,
        Err(refused) => panic!("the WebSocket upgrade to {path} was refused: {refused:?}"),
    }
}

pub struct Client {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What the server answered instead of switching protocols.
#[derive(Debug)]
pub struct Refused {
    pub status: u16,
    pub body: String,
}

/// Opens `ws://addr{path}`, sending `Origin: origin` when given.
pub async fn connect(
    addr: SocketAddr,
    path: &str,
    origin: Option<&str>,
) -> Result<Client, Refused> {
    let mut request = format!("ws://{addr}{path}")
        .into_client_request()
        .expect("a valid WebSocket URL");
    if let Some(origin) = origin {
        let value = HeaderValue::from_str(origin).expect("a valid Origin header");
        request.headers_mut().insert("origin", value);
    }
    let connecting = tokio_tungstenite::connect_async(request);
    match tokio::time::timeout(Duration::from_secs(1), connecting).await {
        Err(_) => panic!("the WebSocket handshake did not finish within 1 s"),
        Ok(Ok((socket, _response))) => Ok(Client { socket }),
        Ok(Err(tokio_tungstenite::tungstenite::Error::Http(response))) => Err(Refused {
            status: response.status().as_u16(),
            body: String::from_utf8_lossy(response.body().as_deref().unwrap_or_default())
                .into_owned(),
        }),
        Ok(Err(err)) => panic!("the WebSocket handshake failed: {err}"),
    }
}

impl Client {
    pub async fn send(&mut self, message: Message) {
        self.socket.send(message).await.expect("send a message");
    }

    pub async fn send_text(&mut self, text: &str) {
        self.send(Message::text(text)).await;
    }

    /// The next message (pings and pongs included), `None` when the connection ended, and
    /// `Err` when nothing came within a second.
    pub async fn next(&mut self) -> Result<Option<Message>, String> {
        match tokio::time::timeout(Duration::from_secs(1), self.socket.next()).await {
            Err(_) => Err("no message from the server within 1 s".to_string()),
            Ok(None) => Ok(None),
            Ok(Some(Ok(message))) => Ok(Some(message)),
            Ok(Some(Err(err))) => Err(format!("the connection failed: {err}")),
        }
    }

    /// The next text message; panics with `what` when something else (or nothing) came.
    pub async fn next_text(&mut self, what: &str) -> String {
        match self.next().await {
            Ok(Some(Message::Text(text))) => text.to_string(),
            other => panic!("{what}: expected a text message, got {}", describe(other)),
        }
    }

    /// The next message, which must be a close frame; returns its code and reason.
    pub async fn next_close(&mut self, what: &str) -> (u16, String) {
        match self.next().await {
            Ok(Some(Message::Close(Some(frame)))) => {
                (u16::from(frame.code), frame.reason.to_string())
            }
            other => panic!("{what}: expected a close frame, got {}", describe(other)),
        }
    }

    /// The next message, which must be binary; panics with `what` otherwise.
    pub async fn next_binary(&mut self, what: &str) -> Vec<u8> {
        match self.next().await {
            Ok(Some(Message::Binary(bytes))) => bytes.to_vec(),
            other => panic!("{what}: expected binary data, got {}", describe(other)),
        }
    }

    /// The next message, which must be a pong; returns its data as text.
    pub async fn next_pong(&mut self, what: &str) -> String {
        match self.next().await {
            Ok(Some(Message::Pong(data))) => String::from_utf8_lossy(&data).into_owned(),
            other => panic!("{what}: expected a pong, got {}", describe(other)),
        }
    }

    /// After the client's close frame, the server answers with its own and the connection
    /// ends; anything else fails the test. (A test that closes right after its messages
    /// gets every answer before the server's close frame, so a server that answers nothing
    /// fails at once, not after a timeout.)
    pub async fn expect_the_end(&mut self) {
        let next = self.next().await;
        assert!(
            matches!(next, Ok(Some(Message::Close(_))) | Ok(None)),
            "after the client's close frame the server answers with its own and ends, got {}",
            describe(next)
        );
    }

    /// Sends `text`, closes, and returns the texts that came before the server's close
    /// frame (a server that sends nothing fails at once, not after a timeout).
    pub async fn say_and_leave(&mut self, text: &str) -> Vec<String> {
        self.send_text(text).await;
        self.close().await;
        let mut lines = Vec::new();
        loop {
            match self.next().await {
                Ok(Some(Message::Text(line))) => lines.push(line.to_string()),
                Ok(Some(Message::Close(_)) | None) => return lines,
                other => panic!("expected lines and then the close, got {}", describe(other)),
            }
        }
    }

    /// Sends a close frame (the client's side of the closing handshake).
    pub async fn close(&mut self) {
        let _ = self.socket.close(None).await;
    }
}

/// A readable account of what `Client::next` returned.
pub fn describe(next: Result<Option<Message>, String>) -> String {
    match next {
        Err(err) => err,
        Ok(None) => "the end of the connection".to_string(),
        Ok(Some(Message::Text(text))) if text.len() > 60 => {
            let start: String = text.chars().take(40).collect();
            format!("a text of {} bytes starting {start:?}", text.len())
        }
        Ok(Some(Message::Text(text))) => format!("the text {:?}", text.as_str()),
        Ok(Some(Message::Binary(bytes))) => {
            format!("binary data {:?}", String::from_utf8_lossy(&bytes))
        }
        Ok(Some(Message::Close(Some(frame)))) => format!(
            "a close frame with code {} ({:?})",
            u16::from(frame.code),
            frame.reason.as_str()
        ),
        Ok(Some(Message::Close(None))) => "a close frame without a code".to_string(),
        Ok(Some(other)) => format!("{other:?}"),
    }
}

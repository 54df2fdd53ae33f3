//! A Server-Sent Events client for the tests (support code: you do not need to edit it).
//!
//! `FrameReader` reads a response body the way a browser's `EventSource` does: it collects
//! text until a blank line and hands back one frame at a time. `parse` reads a frame's
//! fields with the rules of the HTML standard, independently of the code under test.
//! `raw_get` sends a plain HTTP request over a real socket and returns the raw response.
#![allow(dead_code)]

use axum::body::Body;
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads frames (text up to and including a blank line) from an SSE response body.
pub struct FrameReader {
    body: Body,
    buffer: String,
    /// How long to wait for a frame before giving up (a guard against hangs, not a delay).
    pub patience: Duration,
}

impl FrameReader {
    pub fn new(body: Body) -> Self {
        FrameReader {
            body,
            buffer: String::new(),
            patience: Duration::from_secs(1),
        }
    }

    /// The next frame, `Ok(None)` when the stream ended, `Err` when none came in time.
    pub async fn next_frame(&mut self) -> Result<Option<String>, String> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                return Ok(Some(frame));
            }
            let next = tokio::time::timeout(self.patience, self.body.frame()).await;
            match next {
                Err(_) => {
                    return Err(format!(
                        "no complete frame within {:?} (received so far: {:?})",
                        self.patience, self.buffer
                    ));
                }
                Ok(None) => return Ok(None),
                Ok(Some(Err(err))) => return Err(format!("the body failed: {err}")),
                Ok(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        self.buffer.push_str(&String::from_utf8_lossy(&data));
                    }
                }
            }
        }
    }

    /// The next frame that is an event (skipping comment-only frames such as keep-alives).
    pub async fn next_event(&mut self) -> Result<Parsed, String> {
        loop {
            match self.next_frame().await? {
                None => return Err("the stream ended, but an event was expected".to_string()),
                Some(frame) => {
                    let parsed = parse(&frame);
                    if parsed.data.is_some() {
                        return Ok(parsed);
                    }
                }
            }
        }
    }
}

/// What a browser makes of one frame.
#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub id: Option<String>,
    /// The `event:` field; `None` means the default type, `message`.
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`; `None` when the frame had no data line (then a
    /// browser dispatches nothing).
    pub data: Option<String>,
    /// The comment lines (starting with `:`), without the colon and one leading space.
    pub comments: Vec<String>,
}

/// Parses one frame with the rules of the HTML standard's event-stream interpretation.
pub fn parse(frame: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for line in frame.split('\n') {
        if line.is_empty() {
            continue;
        }
        let (field, value) = match line.find(':') {
            Some(0) => {
                let comment = &line[1..];
                parsed
                    .comments
                    .push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
                continue;
            }
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(' ').unwrap_or(value))
            }
            None => (line, ""),
        };
        match field {
            "id" => parsed.id = Some(value.to_string()),
            "event" => parsed.event = Some(value.to_string()),
            "data" => match &mut parsed.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => parsed.data = Some(value.to_string()),
            },
            _ => {}
        }
    }
    parsed
}

/// Sends `GET path` as HTTP/1.0 over a real socket and reads the whole response: the head
/// (status line and headers) and the raw body, as the bytes came off the wire.
pub async fn raw_get(addr: SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr)
        .await
        .expect("connect to the server");
    let request =
        format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(1), stream.read_to_end(&mut response))
        .await
        .expect("the server did not end the response within 1 s")
        .expect("read the response");
    let response = String::from_utf8_lossy(&response).into_owned();
    match response.split_once("\r\n\r\n") {
        Some((head, body)) => (head.to_string(), body.to_string()),
        None => (response, String::new()),
    }
}

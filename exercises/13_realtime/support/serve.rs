//! Starts an axum app on a real socket for the tests and for `main` (support code: you do
//! not need to edit it).
#![allow(dead_code)]

use axum::Router;
use std::net::SocketAddr;

/// Serves `app` on 127.0.0.1 at a free port, in the background; returns the address.
pub async fn spawn(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serve");
    });
    addr
}

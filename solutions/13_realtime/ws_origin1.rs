// ws_origin1: checking Origin before the upgrade
//
// Browsers do not apply the same-origin policy or CORS to WebSockets: a script on
// `https://evil.example` may open a WebSocket to your server, and the browser sends your
// user's cookies along with the upgrade request. If the server accepts it, the attacker's
// page now talks to your server as your user, reading what it sends and sending what it
// likes. This is cross-site WebSocket hijacking.
//
// What the browser does send, and a page cannot forge, is the `Origin` header: the site
// the script came from. So a WebSocket endpoint that browsers use checks `Origin` against
// an allow-list of exact origins before it answers the upgrade, and refuses everything else
// with `403 Forbidden`, before a single WebSocket message is exchanged. (Clients that are
// not browsers may send no Origin at all; such an endpoint has them authenticate with a
// token instead. This one is for browsers only, so a missing Origin is refused too.)
//
// Refuse the upgrade with 403 unless the Origin header is one of ALLOWED_ORIGINS.

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::header::ORIGIN;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

const ALLOWED_ORIGINS: [&str; 2] = ["https://chat.example", "https://www.chat.example"];

async fn upgrade(headers: HeaderMap, ws: WebSocketUpgrade) -> Response {
    let allowed = headers
        .get(ORIGIN)
        .is_some_and(|origin| ALLOWED_ORIGINS.iter().any(|allowed| origin == *allowed));
    if !allowed {
        return (
            StatusCode::FORBIDDEN,
            "this origin may not open a WebSocket here",
        )
            .into_response();
    }
    ws.on_upgrade(inbox)
}

/// What the signed-in user sees first: their private messages (the session is assumed).
async fn inbox(mut socket: WebSocket) {
    let _ = socket.send(Message::text("3 unread messages")).await;
    while let Some(Ok(_)) = socket.recv().await {}
}

fn app() -> Router {
    Router::new().route("/inbox", get(upgrade))
}

#[tokio::main]
async fn main() {
    let addr = serve::spawn(app()).await;
    println!("try: websocat -H 'Origin: https://chat.example' ws://{addr}/inbox");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use ws_client::connect;

    #[tokio::test]
    async fn the_sites_own_pages_may_connect() {
        let addr = serve::spawn(app()).await;
        for origin in ALLOWED_ORIGINS {
            let connected = connect(addr, "/inbox", Some(origin)).await;
            let mut client = connected.unwrap_or_else(|refused| {
                panic!("a page from {origin} is allowed, but the upgrade was refused: {refused:?}")
            });
            assert_eq!(
                client.next_text("the first message").await,
                "3 unread messages",
                "an allowed origin gets the inbox"
            );
        }
    }

    #[tokio::test]
    async fn other_origins_are_refused_with_403_before_the_upgrade() {
        let addr = serve::spawn(app()).await;
        for origin in [
            "https://evil.example",
            "https://chat.example.evil.example",
            "https://evilchat.example",
            "http://chat.example",
            "https://chat.example:8443",
            "null",
        ] {
            match connect(addr, "/inbox", Some(origin)).await {
                Ok(_) => panic!(
                    "a page from {origin} opened a WebSocket with the user's cookies: the upgrade must be refused (only exact origins from ALLOWED_ORIGINS may connect)"
                ),
                Err(refused) => assert_eq!(
                    refused.status, 403,
                    "a foreign origin ({origin}) is refused with 403 Forbidden"
                ),
            }
        }
    }

    #[tokio::test]
    async fn a_request_without_origin_is_refused() {
        let addr = serve::spawn(app()).await;
        match connect(addr, "/inbox", None).await {
            Ok(_) => panic!(
                "an upgrade without Origin was accepted: this endpoint is for browsers, which always send one"
            ),
            Err(refused) => assert_eq!(refused.status, 403, "no Origin: 403 Forbidden"),
        }
    }
}

// ws_origin1: checking Origin before the upgrade
//
// Browsers apply neither the same-origin policy nor CORS to WebSockets: a script on
// `https://evil.example` may open a WebSocket to your server, and the browser sends your
// user's cookies with the upgrade request. Accept it, and the attacker's page talks to your
// server as your user (cross-site WebSocket hijacking). What a page cannot forge is the
// `Origin` header, the site the script came from. So check it against an allow-list of exact
// origins before answering the upgrade, and refuse everything else with `403 Forbidden`.
// (Clients that are not browsers may send no Origin; such an endpoint has them authenticate
// with a token instead. This one is for browsers only, so a missing Origin is refused too.)

#[path = "support/serve.rs"]
mod serve;
#[cfg(test)]
#[path = "support/ws_client.rs"]
mod ws_client;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header::ORIGIN};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};

const ALLOWED_ORIGINS: [&str; 2] = ["https://chat.example", "https://www.chat.example"];

async fn upgrade(headers: HeaderMap, ws: WebSocketUpgrade) -> Response {
    // TODO: 403 Forbidden unless the Origin header is one of ALLOWED_ORIGINS, exactly.
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
    use ws_client::{try_open, upgrade_status};

    #[tokio::test]
    async fn the_sites_own_pages_may_connect() {
        for origin in ALLOWED_ORIGINS {
            let refused = format!("a page from {origin} is allowed, but the upgrade was refused");
            let mut client = try_open(app(), "/inbox", Some(origin))
                .await
                .expect(&refused);
            let first = client.next_text("the first message").await;
            assert_eq!(first, "3 unread messages", "{origin} gets the inbox");
        }
    }

    #[tokio::test]
    async fn other_origins_and_no_origin_are_refused_with_403() {
        let origins = "https://evil.example https://chat.example.evil.example null \
                       https://evilchat.example http://chat.example https://chat.example:8443";
        for origin in origins.split_whitespace().map(Some).chain([None]) {
            let why = "only exact origins from ALLOWED_ORIGINS may connect with the user's cookies";
            let status = upgrade_status(app(), "/inbox", origin).await;
            assert_eq!(status, 403, "{origin:?}: {why}");
        }
    }
}

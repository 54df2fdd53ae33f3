// notes4: a CSRF token on every change
//
// A hostile page can make alice's browser send a request here, her cookie included (SameSite
// stops cross-site POSTs in today's browsers, but not from a sibling subdomain, nor in old
// browsers). What the page cannot do is read this service's answers. So a login hands out a
// secret per session (`csrf_token`), the client sends it back in an `X-CSRF-Token` header,
// and a request that changes something without it is refused: 403. `require_csrf` runs in
// front of every route; fix it. Safe methods (GET, HEAD, OPTIONS, TRACE) change nothing.

#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;
#[path = "support/sessions.rs"]
mod sessions;

use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use service::{AppState, session_of};

async fn require_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // TODO 1: every method that is not safe, not only POST (`Method::is_safe`).
    if request.method() != axum::http::Method::POST {
        return next.run(request).await;
    }
    let session = match session_of(&state, request.headers()) {
        Ok(Some((_sid, session))) => session,
        Ok(None) => return next.run(request).await, // no session: the route answers 401
        Err(err) => return err.into_response(),
    };
    let sent = request.headers().get("x-csrf-token");
    let sent = sent.map(|value| value.as_bytes()).unwrap_or_default();
    // TODO 2: refuse (`ApiError::Forbidden`) unless `sent` is the session's `csrf_token`.
    // Compare with `ConstantTimeEq::ct_eq`: `==` stops at the first wrong byte, and timing
    // that reveals how much of a guess was right.
    let _ = (sent, session);
    next.run(request).await
}

fn app(state: AppState) -> axum::Router {
    let csrf = from_fn_with_state(state.clone(), require_csrf);
    service::routes().layer(csrf).with_state(state)
}

fn main() {
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::{ALICE, BOB, Server};

    #[test]
    fn a_change_needs_the_token_of_its_session() {
        let server = Server::start(app);
        let (alice, bob) = (server.session(ALICE), server.session(BOB));
        server.sql("INSERT INTO notes (owner_id, title, body) VALUES (1, 'mine', '')");
        let note = r#"{"title":"forged","body":""}"#;
        for (method, id) in [("POST", ""), ("PUT", "/1"), ("DELETE", "/1")] {
            let path = format!("/notes{id}");
            for token in ["", "guessed", &bob.csrf] {
                let headers = [("Cookie", alice.cookie.as_str()), ("X-CSRF-Token", token)];
                let reply = server.send(method, &path, &headers, note);
                let why = format!("{method} {path}, X-CSRF-Token {token:?}: a forgery, 403");
                assert_eq!(reply.status, 403, "{why}: {}", reply.body);
            }
        }
        let read = alice.get("/notes").body;
        assert!(read.contains("mine"), "nothing changed: {read}");
        let reply = alice.write("PUT", "/notes/1", note);
        let (status, body) = (reply.status, reply.body);
        assert_eq!(status, 200, "with the session's token, it works: {body}");
    }
}

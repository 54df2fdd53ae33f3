// notes7: a request id, and one log line per request
//
// When alice reports "saving failed at 10:42", you need her request among thousands. Give
// each an id: keep the caller's `X-Request-Id` (a proxy in front may have set it, tying its
// logs to yours) if it is sane, else make one; send it back; and log one JSON line per
// request, for tools to search and count. Log what you search by, never secrets (cookies,
// tokens, query strings). Production: `tracing`, tower-http's request-id and trace layers.

#[path = "support/csrf.rs"]
mod csrf;
#[path = "support/etag.rs"]
mod etag;
#[path = "support/login.rs"]
mod login;
#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;
#[path = "support/sessions.rs"]
mod sessions;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use service::AppState;

/// Is the `X-Request-Id` a caller sent fit to keep?
fn sane(id: &str) -> bool {
    // TODO 1: 1 to 64 characters, each an ASCII letter, a digit, `-` or `_` (anything else
    // could forge log lines, or flood them).
    !id.is_empty()
}

async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let sent = request.headers().get("x-request-id");
    let id = match sent.and_then(|id| id.to_str().ok()).filter(|id| sane(id)) {
        Some(id) => id.to_string(),
        None => state.next_request_id(),
    };
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let mut response = next.run(request).await;
    let value = HeaderValue::from_str(&id).unwrap();
    response.headers_mut().insert("x-request-id", value);
    let status = response.status().as_u16();
    // TODO 2: a JSON object: request_id, method, path (without the query), status.
    state.log.write(format!("{id} {method} {uri} {status}"));
    response
}

fn app(state: AppState) -> axum::Router {
    let observe = axum::middleware::from_fn_with_state(state.clone(), observe);
    etag::app(state).layer(observe)
}

fn main() {
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use service::testkit::{ALICE, Server};

    #[test]
    fn each_request_has_an_id_and_one_log_line() {
        let server = Server::start(app);
        let alice = server.session(ALICE);
        let sent = |id: &str| alice.get_with("/notes/9?token=secret", &[("X-Request-Id", id)]);
        let kept = sent("edge-42_a").header_or_empty("x-request-id");
        assert_eq!(kept, "edge-42_a", "a sane X-Request-Id is kept");
        let made = sent("\"}").header_or_empty("x-request-id");
        assert_eq!(made, "req-1", "`\"}}` is not sane: a new id");
        let line =
            |id| json!({"request_id": id, "method": "GET", "path": "/notes/9", "status": 404});
        let want = [line("edge-42_a"), line("req-1")];
        let why = "one JSON line per request, and no query string: it may hold secrets";
        assert_eq!(server.state.log.json(), want, "{why}");
    }

    #[test]
    fn a_sane_id_is_1_to_64_ascii_letters_digits_dashes_or_underscores() {
        let (longest, too_long) = ("a".repeat(64), "a".repeat(65));
        for id in ["7", "edge-42_a", "A-z_0", &longest] {
            assert!(
                sane(id),
                "{id:?}: 1 to 64 letters, digits, `-`, `_`: keep it"
            );
        }
        for id in ["", &too_long, "a b", "a\nb", "a.b", "a/b", "é", "\"}"] {
            let len = id.len();
            let why = "empty, over 64, or a character not an ASCII letter, digit, `-`, `_`";
            assert!(!sane(id), "{id:?} ({len} bytes) is not sane: {why}");
        }
    }
}

// notes6: ETags and 304 Not Modified
//
// A client that holds a copy of a note can ask "has it changed?" instead of fetching it
// again. The server labels each representation with an entity tag (`ETag: "..."`, here a
// hash of the body); the client sends it back in `If-None-Match`; while it still matches,
// the answer is `304 Not Modified` without a body (RFC 9110, 13.1.2). The `etag` middleware
// does it for every GET that answers 200, with `Cache-Control: private, no-cache` (only the
// user's own browser may keep a copy, and it must ask before each use). It still runs the
// handler: production often derives the tag from a version column and skips the work.

#[path = "support/csrf.rs"]
mod csrf;
#[path = "support/login.rs"]
mod login;
#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;
#[path = "support/sessions.rs"]
mod sessions;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use axum::response::Response;

/// Does the value of an `If-None-Match` header match `etag`?
fn matches(if_none_match: &str, etag: &str) -> bool {
    // TODO 1: the value is `*` (any tag) or a list: `"a", W/"b"`. If-None-Match compares
    // weakly: `W/"b"` (a weak tag) matches `"b"`.
    let tags = if_none_match.split(',').map(str::trim);
    let mut tags = tags.map(|tag| tag.strip_prefix("W/").unwrap_or(tag));
    if_none_match.trim() == "*" || tags.any(|tag| tag == etag)
}

async fn etag(request: Request, next: axum::middleware::Next) -> Response {
    let sent = request.headers().get(header::IF_NONE_MATCH).cloned();
    let (parts, body, tag) = match service::run_tagged(request, next).await {
        Ok(tagged) => tagged,
        Err(untouched) => return untouched,
    };
    let sent = sent.as_ref().and_then(|value| value.to_str().ok());
    if sent.is_some_and(|sent| matches(sent, &tag)) {
        // TODO 2: the client's copy is current: answer 304 Not Modified, with no body and
        // the same headers but Content-Type (it would describe a body).
        let mut parts = parts;
        parts.status = axum::http::StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(body))
}

fn app(state: service::AppState) -> axum::Router {
    login::app(state).layer(axum::middleware::from_fn(etag))
}

fn main() {
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::{ALICE, Server};

    #[test]
    fn an_unchanged_note_is_304_not_modified() {
        let server = Server::start(app);
        let alice = server.session(ALICE);
        server.sql("INSERT INTO notes (owner_id, title, body) VALUES (1, 'Buy milk', '2 l')");
        let first = alice.get("/notes/1");
        let etag = first.header("etag").unwrap_or_default();
        for sent in [etag.to_string(), format!("\"old\", W/{etag}"), "*".into()] {
            let again = alice.get_with("/notes/1", &[("If-None-Match", &sent)]);
            let got = (again.status, again.body.as_str(), again.header("etag"));
            let why = format!("If-None-Match: {sent} matches {etag}: 304, no body, the ETag");
            assert_eq!(got, (304, "", Some(etag)), "{why}");
        }
        alice.write("PUT", "/notes/1", r#"{"title":"Buy milk","body":"3 l"}"#);
        let changed = alice.get_with("/notes/1", &[("If-None-Match", etag)]);
        assert_eq!(changed.status, 200, "the note changed: send it again");
    }
}

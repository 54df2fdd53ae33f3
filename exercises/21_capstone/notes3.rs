// notes3: the session cookie, and 401 with a challenge
//
// Your `sessions` module replaces notes2's stand-in: a login (notes5) sends the session's id
// in a cookie, and `CurrentUser` finds the session again. The cookie's attributes: HttpOnly
// (page scripts cannot read it, nor an XSS steal it), Secure (HTTPS only), SameSite=Lax (not
// sent with cross-site POSTs), Path=/, and Max-Age: the session's life, `SESSION_TTL`.
// Without a live session the answer is 401, which must carry a challenge (RFC 9110). No
// registered scheme fits cookies; this service sends `WWW-Authenticate: Cookie realm="notes"`
// (an API with bearer tokens sends `Bearer realm="notes"`, RFC 6750).

#[path = "support/problems.rs"]
mod problems;
#[path = "support/service.rs"]
mod service;

mod sessions {
    use crate::service::{ApiError, AppState, SESSION_TTL, session_of};
    use axum::extract::FromRequestParts;
    use axum::http::request::Parts;
    use axum::response::{IntoResponse, Response};

    pub fn set_cookie(sid: &str) -> String {
        // TODO 1: the attributes above.
        format!("sid={sid}; Max-Age={SESSION_TTL}")
    }

    pub fn unauthorized(detail: &str) -> Response {
        // TODO 2: add the challenge, `WWW-Authenticate: Cookie realm="notes"`.
        ApiError::Unauthorized(detail.into()).into_response()
    }

    /// The user whose live session the request names; else the request is refused (401).
    pub struct CurrentUser {
        pub id: i64,
    }

    impl FromRequestParts<AppState> for CurrentUser {
        type Rejection = Response;

        async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
            let found = session_of(state, &parts.headers).map_err(|e| e.into_response())?;
            let (_sid, session) = found.ok_or_else(|| unauthorized("log in first"))?;
            let id = session.user_id;
            Ok(CurrentUser { id })
        }
    }
}

fn app(state: service::AppState) -> axum::Router {
    service::routes().with_state(state)
}

fn main() {
    let cookie = sessions::set_cookie("<the session id>");
    println!("a login (notes5) will send Set-Cookie: {cookie}");
    service::run(app)
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::testkit::{ALICE, Server};

    #[test]
    fn the_session_cookie_has_its_attributes() {
        let cookie = sessions::set_cookie("abc");
        let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
        for wanted in ["HttpOnly", "Secure", "SameSite=Lax", "Max-Age=3600"] {
            let found = attributes.contains(&wanted);
            assert!(found, "`{wanted}` is missing from `{cookie}`");
        }
    }

    #[test]
    fn without_a_live_session_notes_are_401_with_a_challenge() {
        let server = Server::start(app);
        let alice = server.session(ALICE);
        let live = alice.get("/notes").status;
        assert_eq!(live, 200, "a live session opens alice's notes");
        server.advance(3600); // the session has lived its hour
        for reply in [alice.get("/notes"), server.send("GET", "/notes", &[], "")] {
            reply.problem(401);
            let challenge = reply.header("www-authenticate");
            let why = "a 401 tells how to authenticate, in WWW-Authenticate (RFC 9110)";
            assert_eq!(challenge, Some("Cookie realm=\"notes\""), "{why}");
        }
    }
}

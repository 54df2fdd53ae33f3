// session1: server-side sessions and safe cookies
//
// Sending the password with every request (basic1) is a bad habit. Instead, the client logs in
// once, and the server creates a *session*: a random id that maps, in the server's memory or
// database, to the logged-in user. The id goes to the browser in a cookie, and the browser
// sends it back with every request. Whoever holds the id *is* that user, so:
//
// - The id must be unguessable: at least 128 bits from a cryptographically secure random
//   number generator (CSPRNG). A counter, a timestamp or the username can be guessed, and then
//   anyone can take over anyone's session.
// - The cookie must be hard to steal. Its attributes tell the browser how to treat it:
//     HttpOnly     JavaScript cannot read it, so an XSS bug cannot send it to an attacker.
//     Secure       it is only ever sent over HTTPS.
//     SameSite=Lax it is not sent with cross-site POSTs, a strong defence against CSRF.
//     Path=/       it is sent for every path of the site.
//     Max-Age=N    the browser forgets it after N seconds.
//
// 1. Make `new_session_id` return 32 random bytes, encoded as base64url without padding.
// 2. Make `session_cookie` add the attributes above.
//
// (In production, name the cookie `__Host-sid`: browsers then accept it only with `Secure`,
// `Path=/` and no `Domain`, so a sibling subdomain cannot plant its own.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use serde::Deserialize;
use serde_json::json;

const COOKIE_NAME: &str = "sid";
const SESSION_MAX_AGE_SECS: u64 = 3600;

#[derive(Default)]
struct AppState {
    /// Session id -> username.
    sessions: Mutex<HashMap<String, String>>,
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

/// A fresh, unguessable session id.
fn new_session_id() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The `Set-Cookie` value that hands a session id to the browser.
fn session_cookie(id: &str) -> String {
    format!(
        "{COOKIE_NAME}={id}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age={SESSION_MAX_AGE_SECS}"
    )
}

/// Finds one cookie in the `Cookie` request header (`a=1; sid=xyz; b=2`).
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

async fn login(State(state): State<Arc<AppState>>, Json(form): Json<LoginForm>) -> Response {
    // A stand-in for the real password check of login1.
    if !(form.username == "alice" && form.password == "wonderland") {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let id = new_session_id();
    state
        .sessions
        .lock()
        .unwrap()
        .insert(id.clone(), form.username.clone());
    (
        [(header::SET_COOKIE, session_cookie(&id))],
        Json(json!({ "user": form.username })),
    )
        .into_response()
}

async fn me(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let user = cookie(&headers, COOKIE_NAME)
        .and_then(|id| state.sessions.lock().unwrap().get(id).cloned());
    match user {
        Some(user) => Json(json!({ "user": user })).into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/me", get(me))
        .with_state(state)
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app(Arc::default())).await.unwrap();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use std::collections::HashSet;
    use tower::ServiceExt;

    async fn send(app: Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn login_as(app: Router, username: &str, password: &str) -> (StatusCode, HeaderMap) {
        let body = json!({ "username": username, "password": password }).to_string();
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let (status, headers, _) = send(app, request).await;
        (status, headers)
    }

    async fn me_with(app: Router, cookie: Option<&str>) -> (StatusCode, String) {
        let mut request = Request::get("/me");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let (status, _, body) = send(app, request.body(Body::empty()).unwrap()).await;
        (status, body)
    }

    /// Splits a `Set-Cookie` value into its `name=value` pair and its attributes, with the
    /// attribute names lowercased (browsers read them case-insensitively).
    fn parse_set_cookie(value: &str) -> ((String, String), HashMap<String, String>) {
        let mut parts = value.split(';').map(str::trim);
        let (name, id) = parts.next().unwrap().split_once('=').unwrap();
        let attributes = parts
            .map(|part| match part.split_once('=') {
                Some((key, value)) => (key.to_ascii_lowercase(), value.to_string()),
                None => (part.to_ascii_lowercase(), String::new()),
            })
            .collect();
        ((name.to_string(), id.to_string()), attributes)
    }

    async fn logged_in_cookie(app: Router) -> (String, HashMap<String, String>) {
        let (status, headers) = login_as(app, "alice", "wonderland").await;
        assert_eq!(status, StatusCode::OK);
        let set_cookie = headers
            .get(header::SET_COOKIE)
            .expect("a successful login sets a cookie")
            .to_str()
            .unwrap();
        let ((name, id), attributes) = parse_set_cookie(set_cookie);
        assert_eq!(name, COOKIE_NAME);
        (id, attributes)
    }

    #[test]
    fn session_ids_are_32_random_bytes_in_base64url() {
        let id = new_session_id();
        assert_eq!(id.len(), 43, "32 bytes are 43 base64url characters: {id:?}");
        let alphabet = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        assert!(id.chars().all(alphabet), "not base64url: {id:?}");
        assert_eq!(URL_SAFE_NO_PAD.decode(&id).unwrap().len(), 32);
    }

    #[test]
    fn session_ids_do_not_repeat() {
        let ids: HashSet<String> = (0..1000).map(|_| new_session_id()).collect();
        assert_eq!(ids.len(), 1000);
    }

    #[tokio::test]
    async fn the_cookie_has_the_safe_attributes() {
        let (_, attributes) = logged_in_cookie(app(Arc::default())).await;
        assert!(attributes.contains_key("httponly"), "{attributes:?}");
        assert!(attributes.contains_key("secure"), "{attributes:?}");
        let same_site = attributes.get("samesite").map(|v| v.to_ascii_lowercase());
        assert!(
            matches!(same_site.as_deref(), Some("lax" | "strict")),
            "SameSite should be Lax (or Strict): {attributes:?}"
        );
        assert_eq!(attributes.get("path").map(String::as_str), Some("/"));
        assert_eq!(
            attributes.get("max-age"),
            Some(&SESSION_MAX_AGE_SECS.to_string())
        );
    }

    #[tokio::test]
    async fn the_cookie_holds_a_fresh_random_id() {
        let state = Arc::new(AppState::default());
        let (first, _) = logged_in_cookie(app(state.clone())).await;
        let (second, _) = logged_in_cookie(app(state)).await;
        assert_ne!(first, second, "every login gets a new session");
        assert_eq!(first.len(), 43);
        assert!(!first.contains("alice"));
    }

    #[tokio::test]
    async fn the_session_cookie_identifies_the_user() {
        let state = Arc::new(AppState::default());
        let (id, _) = logged_in_cookie(app(state.clone())).await;
        let (status, body) = me_with(app(state.clone()), Some(&format!("sid={id}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, r#"{"user":"alice"}"#);
        // Browsers send all the site's cookies in one header.
        let cookies = format!("theme=dark; sid={id}; lang=en");
        let (status, _) = me_with(app(state), Some(&cookies)).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn no_or_forged_cookies_get_401() {
        let state = Arc::new(AppState::default());
        logged_in_cookie(app(state.clone())).await;
        for cookie in [
            None,
            Some("sid="),
            Some("sid=1"),
            Some("sid=alice"),
            Some("theme=dark"),
        ] {
            let (status, _) = me_with(app(state.clone()), cookie).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{cookie:?}");
        }
    }

    #[tokio::test]
    async fn a_failed_login_sets_no_cookie() {
        let (status, headers) = login_as(app(Arc::default()), "alice", "guess").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(headers.get(header::SET_COOKIE).is_none());
    }
}

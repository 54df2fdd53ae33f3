// csrf2: SameSite cookies and the browser's own headers
//
// csrf1 defended with a token. Modern browsers also tell the server where a request comes
// from, in headers that a page cannot forge:
//
// - `Sec-Fetch-Site` says how the request's initiator relates to the target: `same-origin`
//   (your own pages), `same-site` (another subdomain of your site: `blog.bank.example`, which
//   may be less trustworthy than you think), `cross-site` (anyone else) or `none` (the user
//   typed the URL or used a bookmark).
// - `Origin` holds the scheme, host and port of the page that sent a POST, or `null` from
//   sandboxed frames and some redirects. Compare it whole: `https://bank.example.evil.example`
//   starts with `https://bank.example`, and belongs to the attacker.
//
// The check, for state-changing methods only (GET, HEAD and OPTIONS must not change state,
// so links and images from other sites keep working):
//   1. if `Sec-Fetch-Site` is present, allow only `same-origin` and `none`;
//   2. otherwise, if `Origin` is present, allow only an exact match with our origin;
//   3. otherwise the request did not come from a modern browser (curl, another server).
//      CSRF needs a victim's browser carrying the victim's cookies, so let it through.
//
// And the cookie itself: `SameSite=Lax` tells the browser not to send the session cookie on
// cross-site POSTs (or from cross-site frames and scripts) at all, while following a link
// to the site from an email still arrives logged in. It protects the visitors whose browsers
// are too old for step 1; the header check protects those whose browsers ignore SameSite.
//
// Write `allow_request`, and add `SameSite=Lax` to the session cookie.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// Our own origin: scheme, host and (default) port.
const SITE_ORIGIN: &str = "https://bank.example";

/// The `Set-Cookie` value for a new session.
fn session_cookie(id: &str) -> String {
    format!("session={id}; Path=/; HttpOnly; Secure; SameSite=Lax")
}

/// Whether a request may reach the handlers, following the rules in the header comment.
fn allow_request(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match headers.get(header::ORIGIN) {
        Some(origin) => origin == SITE_ORIGIN,
        None => true,
    }
}

async fn csrf_guard(request: Request, next: Next) -> Response {
    if allow_request(request.method(), request.headers()) {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

async fn login() -> impl IntoResponse {
    let id: String = rand::random::<[u8; 16]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    ([(header::SET_COOKIE, session_cookie(&id))], "welcome")
}

async fn balance() -> &'static str {
    "balance: 100"
}

async fn transfer() -> &'static str {
    "sent"
}

fn app() -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/balance", get(balance))
        .route("/transfer", post(transfer))
        .layer(middleware::from_fn(csrf_guard))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/");
    axum::serve(listener, app()).await.expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    async fn send(method: Method, uri: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = axum::http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        app()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn the_session_cookie_is_samesite_lax() {
        let response = send(Method::POST, "/login", &[("sec-fetch-site", "same-origin")]).await;
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        let mut parts = cookie.split(';').map(str::trim);
        let session = parts.next().unwrap();
        assert!(session.starts_with("session=") && session.len() == 8 + 32);
        let attributes: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
        for wanted in ["samesite=lax", "httponly", "secure", "path=/"] {
            assert!(
                attributes.iter().any(|a| a == wanted),
                "the cookie `{cookie}` lacks `{wanted}`"
            );
        }
    }

    #[tokio::test]
    async fn requests_from_our_own_pages_pass() {
        for headers in [
            &[("sec-fetch-site", "same-origin"), ("origin", SITE_ORIGIN)][..],
            &[("sec-fetch-site", "same-origin")],
            &[("sec-fetch-site", "none")],
            &[("origin", SITE_ORIGIN)],
        ] {
            let response = send(Method::POST, "/transfer", headers).await;
            assert_eq!(response.status(), StatusCode::OK, "{headers:?}");
        }
    }

    #[tokio::test]
    async fn cross_site_posts_are_refused() {
        for headers in [
            &[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://evil.example"),
            ][..],
            &[("sec-fetch-site", "cross-site")],
            // A sibling subdomain is the same site, but not the same origin.
            &[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://blog.bank.example"),
            ],
        ] {
            let response = send(Method::POST, "/transfer", headers).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "a POST with {headers:?} must be refused"
            );
        }
    }

    #[tokio::test]
    async fn the_origin_must_match_exactly() {
        // Older browsers send Origin but not Sec-Fetch-Site.
        for origin in [
            "https://evil.example",
            "https://bank.example.evil.example",
            "https://bank.example:8443",
            "http://bank.example",
            "null",
        ] {
            let response = send(Method::POST, "/transfer", &[("origin", origin)]).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "a POST from {origin} must be refused"
            );
        }
    }

    #[tokio::test]
    async fn login_is_protected_too() {
        // Login CSRF: the attacker logs the victim into the attacker's account.
        let response = send(
            Method::POST,
            "/login",
            &[("origin", "https://evil.example")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(!response.headers().contains_key(header::SET_COOKIE));
    }

    #[tokio::test]
    async fn safe_methods_are_never_blocked() {
        let headers = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ];
        for method in [Method::GET, Method::HEAD] {
            let response = send(method.clone(), "/balance", &headers).await;
            assert_eq!(response.status(), StatusCode::OK, "{method} /balance");
        }
    }

    #[tokio::test]
    async fn clients_that_are_not_browsers_pass() {
        let response = send(Method::POST, "/transfer", &[("user-agent", "curl/8.5.0")]).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
}

// csrf2: SameSite cookies and the browser's own headers
//
// Browsers say where a request comes from, in headers a page cannot forge: `Sec-Fetch-Site`
// (`same-origin`, `same-site` for a sibling subdomain, `cross-site`, or `none` for a typed
// URL) and `Origin` (the sending page's scheme, host and port). GET, HEAD and OPTIONS must
// not change state, so they always pass. For other methods:
//   1. if `Sec-Fetch-Site` is present, allow only `same-origin` and `none`;
//   2. else if `Origin` is present, allow only an exact match with our origin;
//   3. else the client is no browser (curl, a server): no victim's cookies, so allow.
// `SameSite=Lax` on the session cookie keeps browsers from sending it on cross-site POSTs.
//
// Write `allow_request`, and add `SameSite=Lax` to the session cookie.

#[path = "support/cross_site.rs"]
mod cross_site;
#[path = "support/http.rs"]
mod http;

use axum::http::{HeaderMap, Method, header};
use cross_site::SITE_ORIGIN;

fn session_cookie(id: &str) -> String {
    format!("session={id}; Path=/; HttpOnly; Secure; SameSite=Lax")
}

/// Whether a request may reach the handlers, by the three steps above.
fn allow_request(method: &Method, headers: &HeaderMap) -> bool {
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    safe || match headers.get("sec-fetch-site") {
        Some(site) => site == "same-origin" || site == "none",
        None => headers
            .get(header::ORIGIN)
            .is_none_or(|origin| origin == SITE_ORIGIN),
    }
}

fn app() -> axum::Router {
    cross_site::app(allow_request, session_cookie)
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    async fn send(method: Method, uri: &str, headers: &[(&str, &str)]) -> http::Reply {
        http::send(app(), method, uri, headers, "").await
    }

    #[tokio::test]
    async fn the_session_cookie_is_samesite_lax() {
        let reply = send(Method::POST, "/login", &[("origin", SITE_ORIGIN)]).await;
        let cookie = reply.header("set-cookie");
        let lax = cookie.split(';').skip(1).any(|attribute| {
            let (name, value) = attribute.split_once('=').unwrap_or((attribute, ""));
            name.trim().eq_ignore_ascii_case("samesite") && value.trim().eq_ignore_ascii_case("lax")
        });
        let why = format!("the cookie `{cookie}` needs the attribute SameSite=Lax");
        assert!(lax, "{why}");
    }

    #[tokio::test]
    async fn our_own_pages_and_non_browsers_pass() {
        for headers in cross_site::SAME_ORIGIN {
            let got = send(Method::POST, "/transfer", headers).await.status;
            let why = format!("a POST with {headers:?} comes from us or from no browser");
            assert_eq!(got, 200, "{why}");
        }
    }

    #[tokio::test]
    async fn cross_site_posts_are_refused() {
        for headers in cross_site::CROSS_SITE {
            let got = send(Method::POST, "/transfer", headers).await.status;
            let why = format!("a POST with {headers:?} is not from our origin");
            assert_eq!(got, 403, "{why}");
        }
        let got = send(Method::GET, "/balance", cross_site::CROSS_SITE[0])
            .await
            .status;
        assert_eq!(got, 200, "a cross-site GET changes nothing and must pass");
    }
}

// csrf2: SameSite cookies and the browser's own headers
//
// Modern browsers say where a request comes from, in headers a page cannot forge:
// `Sec-Fetch-Site` is `same-origin` (your pages), `same-site` (a sibling subdomain, maybe
// less trustworthy than you think), `cross-site` or `none` (typed URL, bookmark); `Origin`
// holds the sending page's scheme, host and port. For state-changing methods (GET, HEAD and
// OPTIONS must not change state, so links and images from elsewhere keep working):
//   1. if `Sec-Fetch-Site` is present, allow only `same-origin` and `none`;
//   2. otherwise, if `Origin` is present, allow only an exact match with our origin
//      (`https://bank.example.evil.example` starts with ours, and is the attacker's);
//   3. otherwise the client is not a browser (curl, a server): no victim's cookies, allow.
// And `SameSite=Lax` on the session cookie tells browsers not to send it on cross-site POSTs
// at all, for browsers too old for step 1.
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
    cross_site::app(cross_site::Hooks {
        allow_request,
        session_cookie,
    })
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;

    async fn status(method: Method, uri: &str, headers: &[(&str, &str)]) -> StatusCode {
        http::send(app(), method, uri, headers, "").await.status
    }

    #[tokio::test]
    async fn the_session_cookie_is_samesite_lax() {
        let reply = http::send(
            app(),
            Method::POST,
            "/login",
            &[("sec-fetch-site", "same-origin")],
            "",
        )
        .await;
        let cookie = reply.header("set-cookie");
        assert!(
            cookie.contains("; SameSite=Lax"),
            "the session cookie `{cookie}` lacks `SameSite=Lax`"
        );
    }

    #[tokio::test]
    async fn requests_from_our_own_pages_and_from_non_browsers_pass() {
        for headers in [
            &[("sec-fetch-site", "same-origin"), ("origin", SITE_ORIGIN)][..],
            &[("sec-fetch-site", "none")],
            &[("origin", SITE_ORIGIN)],
            &[("user-agent", "curl/8.5.0")],
        ] {
            let got = status(Method::POST, "/transfer", headers).await;
            assert_eq!(
                got,
                StatusCode::OK,
                "a POST with {headers:?} comes from our pages or from no browser"
            );
        }
    }

    #[tokio::test]
    async fn cross_site_posts_are_refused() {
        for headers in [
            &[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://evil.example"),
            ][..],
            &[
                ("sec-fetch-site", "same-site"),
                ("origin", "https://blog.bank.example"),
            ],
            &[("sec-fetch-site", "cross-site")],
            &[("origin", "https://bank.example.evil.example")],
            &[("origin", "http://bank.example")],
            &[("origin", "null")],
        ] {
            let got = status(Method::POST, "/transfer", headers).await;
            assert_eq!(
                got,
                StatusCode::FORBIDDEN,
                "a POST with {headers:?} is not from our origin"
            );
        }
        let got = status(
            Method::POST,
            "/login",
            &[("origin", "https://evil.example")],
        )
        .await;
        assert_eq!(
            got,
            StatusCode::FORBIDDEN,
            "login CSRF logs the victim into the attacker's account"
        );
    }

    #[tokio::test]
    async fn safe_methods_are_never_blocked() {
        let headers = [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ];
        for method in [Method::GET, Method::HEAD] {
            let got = status(method.clone(), "/balance", &headers).await;
            assert_eq!(
                got,
                StatusCode::OK,
                "a cross-site {method} changes nothing and must pass"
            );
        }
    }
}

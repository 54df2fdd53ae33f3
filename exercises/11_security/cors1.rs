// cors1: CORS with an allow-list, and Vary: Origin
//
// The same-origin policy lets a page on `https://evil.example` send requests to your API,
// but not read the answers. CORS relaxes that for origins you trust: the browser lets a page
// read a response only if it says `Access-Control-Allow-Origin: <that page's origin>` (plus
// `Access-Control-Allow-Credentials: true` when cookies went along). The classic mistake is to
// copy any request's `Origin` into the grant: then every website reads your users' data
// through their own browsers. Allow exact origins from a list; never `null` (sandboxed frames
// send it, so attackers can). And as the answer now depends on `Origin`, every response says
// `Vary: Origin`, next to the handler's own Vary, or a cache serves one origin's answer to
// another.
//
// Write `origin_allowed`, and fix `vary_on_origin`.

#[path = "support/cors.rs"]
mod cors;
#[path = "support/http.rs"]
mod http;

use axum::http::header::VARY;
use axum::http::{HeaderMap, HeaderValue};

/// Whether `origin` is one of `cors::ALLOWED_ORIGINS`, exactly.
fn origin_allowed(origin: &HeaderValue) -> bool {
    // TODO: this trusts every origin that asks. Compare with the list.
    !origin.is_empty()
}

fn vary_on_origin(headers: &mut HeaderMap) {
    // TODO: `insert` replaces the handler's `Vary: Accept-Encoding`. Add a value instead.
    headers.insert(VARY, HeaderValue::from_static("Origin"));
}

fn app() -> axum::Router {
    let preflight_allowed = |_: &HeaderMap| true;
    cors::app(cors::Policy {
        origin_allowed,
        preflight_allowed,
        vary_on_origin,
    })
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{Method, StatusCode};

    async fn get_notes(origin: &str) -> http::Reply {
        http::send(app(), Method::GET, "/api/notes", &[("origin", origin)], "").await
    }

    #[tokio::test]
    async fn allowed_origins_can_read_the_notes() {
        for origin in cors::ALLOWED_ORIGINS {
            let reply = get_notes(origin).await;
            assert_eq!(
                cors::grant(&reply.headers),
                Some(origin),
                "{origin} is on the list"
            );
        }
    }

    #[tokio::test]
    async fn other_origins_get_no_grant() {
        // evil.example's script runs fetch("/api/notes", { credentials: "include" }).
        for origin in [
            "https://evil.example",
            "https://app.example.evil.example",
            "http://app.example",
            "https://app.example:8443",
            "null",
        ] {
            let reply = get_notes(origin).await;
            assert_eq!(
                cors::grant(&reply.headers),
                None,
                "{origin} is not on the list, and may not read the notes"
            );
        }
    }

    #[tokio::test]
    async fn every_response_varies_on_origin_too() {
        let reply = get_notes("https://app.example").await;
        let vary = cors::vary(&reply.headers);
        assert!(
            vary.contains(&"origin".to_string()),
            "the grant depends on Origin: Vary {vary:?}"
        );
        assert!(
            vary.contains(&"accept-encoding".to_string()),
            "the handler's own `Vary: Accept-Encoding` was lost: Vary {vary:?}"
        );
        let reply = http::send(app(), Method::DELETE, "/api/notes/1", &[], "").await;
        assert_eq!(
            reply.status,
            StatusCode::NO_CONTENT,
            "DELETE without Origin is answered"
        );
        assert_eq!(
            cors::vary(&reply.headers),
            ["origin"],
            "a response without a grant varies on Origin too"
        );
    }
}

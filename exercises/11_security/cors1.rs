// cors1: CORS with an allow-list, and Vary: Origin
//
// The same-origin policy lets a page on `https://evil.example` send requests to your API,
// but not read the answers. CORS relaxes that for origins you trust: a page may read a
// response that says `Access-Control-Allow-Origin: <its origin>`. The classic mistake is to
// copy any request's `Origin` into that grant: then every website reads your users' data
// through their browsers. Allow exact origins from a list, never `null` (sandboxed frames
// send it). And as the answer depends on `Origin`, every response says `Vary: Origin`, next
// to the handler's own `Vary`, or a cache serves one origin's answer to another.
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
    cors::app(origin_allowed, |_| true, vary_on_origin)
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;

    #[tokio::test]
    async fn only_listed_origins_get_a_grant() {
        for origin in cors::ALLOWED_ORIGINS {
            let reply = cors::send(app(), Method::GET, "/api/notes", origin).await;
            assert_eq!(
                cors::grant(&reply.headers),
                Some(origin),
                "{origin} is on the list"
            );
        }
        // Their scripts run fetch("/api/notes", { credentials: "include" }).
        for origin in cors::FOREIGN_ORIGINS {
            let reply = cors::send(app(), Method::GET, "/api/notes", origin).await;
            let why = format!("{origin} is not on the list, and may not read the notes");
            assert_eq!(cors::grant(&reply.headers), None, "{why}");
        }
    }

    #[tokio::test]
    async fn every_response_varies_on_origin_too() {
        let reply = cors::send(app(), Method::GET, "/api/notes", "https://app.example").await;
        let vary = cors::vary(&reply.headers);
        let why = format!("the grant depends on Origin, and the body on Accept-Encoding: {vary:?}");
        assert_eq!(vary, ["accept-encoding", "origin"], "{why}");
        let reply = cors::send(app(), Method::DELETE, "/api/notes/1", "").await;
        let why = "a response without a grant depends on Origin too";
        assert_eq!(cors::vary(&reply.headers), ["origin"], "{why}");
    }
}

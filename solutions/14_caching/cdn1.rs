// cdn1: what a shared cache may store
//
// A CDN or a reverse proxy keeps one copy of a response and serves it to *everyone* who asks
// for the same URL. Storing the wrong one shows one user's page to the next; it has happened
// to big sites. Two rules protect personal responses:
// - `Cache-Control: private` (or `no-store`) keeps a response out of shared caches.
// - A response to a request with `Authorization` was made for that user, so a shared cache
//   may store and reuse it only if it says it may: `public`, `s-maxage` or `must-revalidate`
//   (RFC 9111 3.5). `max-age` alone is not enough.
//
// This cache's own policy is stricter than HTTP's: it stores only a 200 with explicit
// permission (`public`, `max-age` or `s-maxage`) and never a `Set-Cookie`. (HTTP lets caches
// store other statuses, guess a freshness without those, and keep Set-Cookie; many CDNs do
// not.) Finish `is_storable`; `SharedCache` (support/cdn.rs) asks it about each response.

use axum::http::{HeaderMap, StatusCode, header};

#[path = "support/cdn.rs"]
mod cdn;
use cdn::{directives, has, headers};

/// May a shared cache store this response (sent for a request with `request` headers) and
/// give it to others?
fn is_storable(status: StatusCode, request: &HeaderMap, response: &HeaderMap) -> bool {
    if status != StatusCode::OK || response.contains_key(header::SET_COOKIE) {
        return false;
    }
    let cc = directives(response);
    let forbidden = has(&cc, "private") || has(&cc, "no-store");
    let allowed = has(&cc, "public") || has(&cc, "max-age") || has(&cc, "s-maxage");
    let authorized = request.contains_key(header::AUTHORIZATION);
    let shareable = has(&cc, "public") || has(&cc, "s-maxage") || has(&cc, "must-revalidate");
    allowed && !forbidden && (!authorized || shareable)
}

fn main() {
    let response = headers(&[("cache-control", "max-age=60")]);
    let request = headers(&[("authorization", "Bearer ada")]);
    println!("{}", is_storable(StatusCode::OK, &request, &response));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::cdn::{SharedCache, origin};
    use std::sync::atomic::Ordering;

    fn cdn() -> SharedCache {
        SharedCache::new(origin().0, is_storable, |_, _| Vec::new())
    }

    #[tokio::test]
    async fn public_pages_are_shared() {
        let mut cdn = cdn();
        cdn.get("/news", &[]).await;
        let (_, body) = cdn.get("/news", &[]).await;
        assert_eq!(body, "Today's news", "the same page for everyone");
    }

    #[tokio::test]
    async fn private_pages_are_never_shared() {
        let mut cdn = cdn();
        cdn.get("/account", &[("cookie", "session=ada")]).await;
        let (_, body) = cdn.get("/account", &[("cookie", "session=grace")]).await;
        assert_eq!(
            body, "Account of grace",
            "Cache-Control: private; grace got ada's"
        );
    }

    #[tokio::test]
    async fn an_authorized_response_is_shared_only_when_it_says_so() {
        let (app, hits) = origin();
        let mut cdn = SharedCache::new(app, is_storable, |_, _| Vec::new());
        cdn.get("/inbox", &[("authorization", "Bearer ada")]).await;
        let (_, body) = cdn
            .get("/inbox", &[("authorization", "Bearer grace")])
            .await;
        let why = "max-age alone does not let a shared cache reuse an authorized response";
        assert_eq!(body, "Inbox of grace", "{why}");
        cdn.get("/logo", &[("authorization", "Bearer ada")]).await;
        cdn.get("/logo", &[("authorization", "Bearer grace")]).await;
        let why = "the logo is `public`: grace got the stored copy, so the origin saw 3 requests";
        assert_eq!(hits.load(Ordering::SeqCst), 3, "{why}");
    }

    #[test]
    fn what_may_be_stored() {
        let ok = StatusCode::OK;
        let with = |cc: &'static str| headers(&[("cache-control", cc)]);
        let none = HeaderMap::new();
        let auth = headers(&[("authorization", "Bearer x")]);
        for cc in ["public", "max-age=60", "s-maxage=300", "Public, Max-Age=60"] {
            assert!(is_storable(ok, &none, &with(cc)), "{cc:?} allows it");
        }
        for cc in ["", "private, max-age=60", "public, no-store", "no-cache"] {
            assert!(
                !is_storable(ok, &none, &with(cc)),
                "{cc:?} does not allow it"
            );
        }
        for cc in ["public", "s-maxage=60", "max-age=60, must-revalidate"] {
            let why = "allowed for an Authorization request (RFC 9111 3.5)";
            assert!(is_storable(ok, &auth, &with(cc)), "{cc:?} is {why}");
        }
        let why = "max-age alone is not enough for an Authorization request";
        assert!(!is_storable(ok, &auth, &with("max-age=60")), "{why}");
    }
}

// etag1: Cache-Control, ETag and 304 Not Modified
//
// The fastest request is the one the browser never sends; the next fastest is the one answered
// without a body. HTTP caching has two halves:
//
// - Freshness: `Cache-Control` tells browsers and shared caches (CDNs, proxies) whether they may
//   store a response at all, and for how long they may reuse it without asking again.
//   `public, max-age=60` lets anyone reuse it for a minute; `private` keeps it out of shared
//   caches; `no-store` forbids storing it anywhere; `immutable` says it will never change.
// - Validation: an `ETag` is a fingerprint of the body. When its copy goes stale, the client
//   asks again with `If-None-Match: "<the etag it has>"`. If the body has not changed, the
//   server answers `304 Not Modified` with an empty body and the client reuses its copy.
//
// This server has three kinds of response, each with its own policy:
// - `/assets/app.3f9a1c.css`: the file name contains a hash of its content, so a new version
//   gets a new name. Cache it for a year, everywhere, and never revalidate (done for you).
// - `/articles/{id}`: public pages that editors still fix. Anyone (the CDN too) may reuse one
//   for 60 seconds; after that they must revalidate with the ETag.
// - `/me`: the signed-in user's own data. It must never be stored anywhere: a CDN that cached
//   it would hand one user's page to the next visitor.
//
// Make `etag` fingerprint the whole body, make `if_none_match_matches` follow the rules in its
// comment, answer 304 when the client's copy is current, and set the right policies.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};

const ASSET_POLICY: &str = "public, max-age=31536000, immutable";
const ARTICLE_POLICY: &str = "public, max-age=60";
const ME_POLICY: &str = "no-store";

const APP_CSS: &str = "body { font-family: sans-serif; }\n";

/// A strong ETag for `body`: the lowercase hex SHA-256 of the bytes, in double quotes.
fn etag(body: &[u8]) -> String {
    format!("\"{:x}\"", Sha256::digest(body))
}

/// Does the client's `If-None-Match` header match our current `etag`?
///
/// - The header is a comma-separated list of ETags: `"a", "b"`. Any one of them may match.
/// - `*` matches any current representation.
/// - A weak tag `W/"abc"` matches our `"abc"`: for If-None-Match, only the opaque part counts.
fn if_none_match_matches(header: &str, etag: &str) -> bool {
    header.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == etag
    })
}

type Articles = Arc<RwLock<HashMap<u32, String>>>;

async fn asset() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css"),
            (header::CACHE_CONTROL, ASSET_POLICY),
        ],
        APP_CSS,
    )
        .into_response()
}

async fn article(
    State(articles): State<Articles>,
    Path(id): Path<u32>,
    headers: HeaderMap,
) -> Response {
    let Some(body) = articles.read().unwrap().get(&id).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let tag = etag(body.as_bytes());
    let policy = [
        (header::ETAG, HeaderValue::from_str(&tag).unwrap()),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(ARTICLE_POLICY),
        ),
    ];

    let client_is_current = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| if_none_match_matches(value, &tag));
    if client_is_current {
        return (StatusCode::NOT_MODIFIED, policy).into_response();
    }
    (policy, body).into_response()
}

async fn me(headers: HeaderMap) -> Response {
    let user = headers
        .get("x-user")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("guest");
    let body = format!("Account of {user}: balance 42.00 EUR");
    (
        [
            (header::CONTENT_TYPE, "text/plain"),
            (header::CACHE_CONTROL, ME_POLICY),
        ],
        body,
    )
        .into_response()
}

fn app(articles: Articles) -> Router {
    Router::new()
        .route("/assets/app.3f9a1c.css", get(asset))
        .route("/articles/{id}", get(article))
        .route("/me", get(me))
        .with_state(articles)
}

fn main() {
    let articles = Articles::default();
    articles
        .write()
        .unwrap()
        .insert(1, "Caching 101".to_string());
    let _ = app(articles);
    println!("Run the tests to try the caching headers.");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    fn seeded() -> Articles {
        let articles = Articles::default();
        articles
            .write()
            .unwrap()
            .insert(1, "Caching keeps backends fast.".to_string());
        articles
    }

    async fn get_with(
        app: Router,
        uri: &str,
        headers: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = app
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
        headers.get(name).map(|value| value.to_str().unwrap())
    }

    #[test]
    fn etag_is_the_quoted_sha256_of_the_body() {
        assert_eq!(
            etag(b"hello"),
            "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\""
        );
    }

    #[test]
    fn same_length_bodies_get_different_etags() {
        // An editor fixes one letter: same length, different content.
        assert_ne!(etag(b"Teh quick fox"), etag(b"The quick fox"));
    }

    #[test]
    fn if_none_match_rules() {
        let tag = "\"abc\"";
        assert!(if_none_match_matches("\"abc\"", tag));
        assert!(if_none_match_matches("\"old\", \"abc\"", tag));
        assert!(if_none_match_matches("\"old\",\"abc\"", tag));
        assert!(if_none_match_matches("*", tag));
        assert!(if_none_match_matches("W/\"abc\"", tag));
        assert!(!if_none_match_matches("\"abd\"", tag));
        assert!(!if_none_match_matches("\"old\", \"older\"", tag));
        assert!(!if_none_match_matches("abc", tag), "ETags are quoted");
        assert!(!if_none_match_matches("", tag));
    }

    #[tokio::test]
    async fn assets_are_cached_for_a_year() {
        let (status, headers, body) = get_with(app(seeded()), "/assets/app.3f9a1c.css", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            header(&headers, "cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(body, APP_CSS);
    }

    #[tokio::test]
    async fn article_has_an_etag_and_a_short_public_max_age() {
        let (status, headers, body) = get_with(app(seeded()), "/articles/1", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "Caching keeps backends fast.");
        assert_eq!(
            header(&headers, "etag"),
            Some(etag(b"Caching keeps backends fast.").as_str())
        );
        assert_eq!(
            header(&headers, "cache-control"),
            Some("public, max-age=60")
        );
    }

    #[tokio::test]
    async fn matching_if_none_match_gets_304_without_a_body() {
        let articles = seeded();
        let (_, headers, _) = get_with(app(articles.clone()), "/articles/1", &[]).await;
        let tag = header(&headers, "etag")
            .expect("no ETag on the 200")
            .to_string();

        let (status, headers, body) =
            get_with(app(articles), "/articles/1", &[("if-none-match", &tag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
        assert_eq!(body, "", "a 304 has no body: the client reuses its copy");
        assert_eq!(header(&headers, "etag"), Some(tag.as_str()));
        assert_eq!(
            header(&headers, "cache-control"),
            Some("public, max-age=60")
        );
    }

    #[tokio::test]
    async fn a_list_or_a_weak_tag_also_gets_304() {
        let tag = etag(b"Caching keeps backends fast.");
        let list = format!("\"something-old\", {tag}");
        let (status, _, _) =
            get_with(app(seeded()), "/articles/1", &[("if-none-match", &list)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);

        let weak = format!("W/{tag}");
        let (status, _, _) =
            get_with(app(seeded()), "/articles/1", &[("if-none-match", &weak)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED);
    }

    #[tokio::test]
    async fn an_edit_changes_the_etag_and_the_old_copy_gets_the_new_body() {
        let articles = seeded();
        let (_, headers, _) = get_with(app(articles.clone()), "/articles/1", &[]).await;
        let old_tag = header(&headers, "etag")
            .expect("no ETag on the 200")
            .to_string();

        // The editor fixes a typo of the same length.
        articles
            .write()
            .unwrap()
            .insert(1, "Caching keeps backends FAST.".to_string());

        let (status, headers, body) =
            get_with(app(articles), "/articles/1", &[("if-none-match", &old_tag)]).await;
        assert_eq!(status, StatusCode::OK, "the client's copy is outdated");
        assert_eq!(body, "Caching keeps backends FAST.");
        assert_ne!(header(&headers, "etag"), Some(old_tag.as_str()));
    }

    #[tokio::test]
    async fn missing_article_is_404() {
        let (status, _, _) = get_with(app(seeded()), "/articles/2", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn personal_data_is_never_stored() {
        let (status, headers, body) = get_with(app(seeded()), "/me", &[("x-user", "ada")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "Account of ada: balance 42.00 EUR");
        assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    }
}

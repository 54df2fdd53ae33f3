// etag1: ETag and 304 Not Modified
//
// Once a cached copy is stale (its `max-age` is over), a cache or browser does not have to
// download the page again: it can *revalidate* it. An `ETag` is a fingerprint of the body;
// the client asks again with `If-None-Match: "<the etag it has>"`, and if the body has not
// changed the server answers `304 Not Modified` with no body, and the client reuses its copy.
// A fingerprint that misses a change (the body's length, say) keeps clients on an outdated
// copy forever: a strong ETag is a hash of the bytes.
//
// Make `etag` the quoted SHA-256 of the body, and make `article` answer 304 when the request's
// `If-None-Match` is the current tag (etag2 handles lists and weak tags).

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

#[path = "support/http.rs"]
mod http;

/// A strong ETag for `body`: the lowercase hex SHA-256 of the bytes, in double quotes.
fn etag(body: &[u8]) -> String {
    format!("\"{:x}\"", Sha256::digest(body))
}

/// An article: 200 with the body, or 304 with no body when the client's copy is current.
fn article(body: &str, request: &HeaderMap) -> Response {
    let tag = etag(body.as_bytes());
    let policy = "public, max-age=60, must-revalidate".to_string();
    let headers = [(header::ETAG, tag.clone()), (header::CACHE_CONTROL, policy)];
    let if_none_match = request.get(header::IF_NONE_MATCH);
    if if_none_match.is_some_and(|value| value.as_bytes() == tag.as_bytes()) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (headers, body.to_string()).into_response()
}

fn main() {
    println!("{:?}", article("Caching 101", &HeaderMap::new()).headers());
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{headers, parts};

    const BODY: &str = "Caching keeps backends fast.";

    #[test]
    fn the_etag_is_the_quoted_sha256_of_the_body() {
        let want = "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"";
        assert_eq!(etag(b"hello"), want, "the hex SHA-256 of \"hello\", quoted");
        let why = "an editor fixes one letter: same length, different content";
        assert_ne!(etag(b"Teh quick fox"), etag(b"The quick fox"), "{why}");
    }

    #[tokio::test]
    async fn a_current_copy_gets_304_without_a_body() {
        let tag = etag(BODY.as_bytes());
        let request = headers(&[("if-none-match", &tag)]);
        let (status, headers, body) = parts(article(BODY, &request)).await;
        let why = "the client has the current version";
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{why}: {body}");
        assert_eq!(body, "", "a 304 has no body: the client reuses its copy");
        let repeated = headers.contains_key("etag") && headers.contains_key("cache-control");
        assert!(
            repeated,
            "a 304 repeats ETag and Cache-Control, to refresh the copy"
        );
    }

    #[tokio::test]
    async fn an_outdated_copy_gets_the_new_body() {
        let request = headers(&[("if-none-match", &etag(b"Caching keeps backends FAST."))]);
        let (status, _, body) = parts(article(BODY, &request)).await;
        let why = "the client's copy is of an older version";
        assert_eq!(status, StatusCode::OK, "{why}");
        assert_eq!(body, BODY, "{why}: it gets the new body");
    }
}

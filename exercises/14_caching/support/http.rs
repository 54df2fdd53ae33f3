//! Test helpers for the caching stage's HTTP exercises: a response taken apart, and a
//! request sent to an axum app in memory (a `Router` is a tower `Service`; `oneshot` calls it
//! once, no port needed). You don't need to edit it.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::response::Response;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The status, the headers and the body (as text) of `response`.
pub async fn parts(response: Response) -> (StatusCode, HeaderMap, String) {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// Sends `GET uri` with `headers` to `app`, in memory.
pub async fn get(
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
    parts(response).await
}

/// A header's value as text, if the response has it.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .map(|value| value.to_str().unwrap_or("<not text>"))
}

/// A header map from `(name, value)` pairs.
pub fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let pairs = pairs.iter().map(|(name, value)| {
        let name: axum::http::HeaderName = name.parse().unwrap();
        (name, value.parse().unwrap())
    });
    pairs.collect()
}

/// The directives of a `Cache-Control` value, lowercased, in a set: order and spacing do not
/// count.
pub fn directives(policy: &str) -> std::collections::BTreeSet<String> {
    let parts = policy.split(',').map(|d| d.trim().to_ascii_lowercase());
    parts.filter(|d| !d.is_empty()).collect()
}

/// Asserts that `policy` has exactly the directives of `want`, in any order.
#[track_caller]
pub fn assert_directives(policy: &str, want: &str, why: &str) {
    assert_eq!(directives(policy), directives(want), "{policy:?}: {why}");
}

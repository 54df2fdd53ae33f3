// cdn2: one stored copy per variant (Vary)
//
// A shared cache keys its copies by the URL, path and query (`/search?q=cats` is not
// `?q=dogs`). But a response may also depend on request headers: a page in the visitor's
// language depends on `Accept-Language`. The origin says so with `Vary: Accept-Language`, and
// then a cache keeps one copy per value of that header, and reuses a copy only for a request
// whose values of the `Vary` headers are the same (RFC 9111 4.1). A cache that ignores `Vary`
// serves the first visitor's language to everyone. (`Vary: *` means the response depends on
// more than the headers show: a cache cannot reuse it at all.)
//
// Make `variant` list the request's values of the headers that `Vary` names.
// `SharedCache` (support/cdn.rs) stores each copy with its variant and compares them.

use axum::http::HeaderMap;

#[path = "support/cdn.rs"]
mod cdn;

/// The request's values of the headers named in `vary` (the response's `Vary` header: a
/// comma-separated list of header names, case-insensitive), in the order named, as pairs of
/// the lowercased name and the value; "" for a header the request lacks. None: no `Vary`.
fn variant(vary: Option<&str>, request: &HeaderMap) -> Vec<(String, String)> {
    // TODO: one pair per name in `vary`. As it is, the first language asked for is served to
    // everyone.
    let _ = (vary, request);
    Vec::new()
}

fn main() {
    let request = cdn::headers(&[("accept-language", "fr")]);
    println!("{:?}", variant(Some("Accept-Language"), &request));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::cdn::{SharedCache, origin};
    use axum::http::StatusCode;

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }

    #[test]
    fn the_variant_holds_the_values_of_the_vary_headers() {
        let mut request = HeaderMap::new();
        request.insert("accept-language", "fr".parse().unwrap());
        request.insert("accept-encoding", "gzip".parse().unwrap());
        assert_eq!(variant(None, &request), vec![], "no Vary, one copy for all");
        let got = variant(Some("Accept-Encoding, X-Missing"), &request);
        let want = vec![pair("accept-encoding", "gzip"), pair("x-missing", "")];
        assert_eq!(
            got, want,
            "names lowercased, in order; a missing header is \"\""
        );
    }

    #[tokio::test]
    async fn vary_keeps_one_copy_per_language() {
        let storable = |status, _: &HeaderMap, _: &HeaderMap| status == StatusCode::OK;
        let mut cdn = SharedCache::new(origin().0, storable, variant);
        for _ in 0..2 {
            let (_, french) = cdn.get("/greeting", &[("accept-language", "fr-FR")]).await;
            assert_eq!(french, "Bonjour", "a French visitor gets the French copy");
            let (_, english) = cdn.get("/greeting", &[("accept-language", "en-GB")]).await;
            assert_eq!(english, "Hello", "an English visitor gets the English copy");
        }
    }
}

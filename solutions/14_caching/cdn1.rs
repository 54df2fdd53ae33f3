// cdn1: what a shared cache may store, and under which key
//
// A CDN or a reverse proxy (Cloudflare, Fastly, Varnish, nginx) keeps one copy of a response
// and serves it to *everyone* who asks for the same thing. Two questions decide whether that is
// safe:
// - May this response be shared at all? Only if the origin said so (`public`, or a `max-age`),
//   and never if it says `private` or `no-store`, or sets a cookie: a shared copy of a
//   `Set-Cookie` hands one visitor's session to every visitor after them.
// - What counts as "the same thing"? The path *and* the query: `/search?q=cats` is not
//   `/search?q=dogs`. And the request headers the response lists in `Vary`: a page sent with
//   `Vary: Accept-Language` must be kept once per language.
// Get either one wrong and the cache shows one user's page to another. It has happened to big
// sites, more than once.
//
// `SharedCache` below is a tiny CDN in front of an axum app (it ignores how long entries stay
// fresh: that is ttl1's job). It relies on three functions. Fix them: `primary_key`,
// `variant` and `is_storable`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderName, Method, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The key of everything stored for this URL: the path and the query.
fn primary_key(uri: &Uri) -> String {
    uri.path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/")
        .to_string()
}

/// The request's values of the headers named in `vary` (a comma-separated list of header
/// names, as in a `Vary` header), in the order named; "" for a header the request lacks.
/// A stored response is reused only for requests with the same variant.
fn variant(vary: Option<&str>, request: &HeaderMap) -> Vec<(String, String)> {
    let Some(vary) = vary else {
        return Vec::new();
    };
    vary.split(',')
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .map(|name| {
            let value = request
                .get(name.as_str())
                .and_then(|value| value.to_str().ok())
                .unwrap_or("")
                .to_string();
            (name, value)
        })
        .collect()
}

/// May a shared cache keep this response and give it to others?
/// - only a 200 OK;
/// - never with a `Set-Cookie` header, nor with `Vary: *`;
/// - `Cache-Control` must allow it (`public`, `max-age=...` or `s-maxage=...`) and must not
///   forbid it (`private`, `no-store`). Directives are case-insensitive.
fn is_storable(status: StatusCode, headers: &HeaderMap) -> bool {
    if status != StatusCode::OK || headers.contains_key(header::SET_COOKIE) {
        return false;
    }
    let vary_star = headers.get_all(header::VARY).iter().any(|value| {
        value
            .to_str()
            .map_or(true, |v| v.split(',').any(|n| n.trim() == "*"))
    });
    if vary_star {
        return false;
    }
    let directives: Vec<String> = headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|directive| directive.trim().to_ascii_lowercase())
        .collect();
    let forbidden = directives.iter().any(|d| d == "private" || d == "no-store");
    let allowed = directives
        .iter()
        .any(|d| d == "public" || d.starts_with("max-age=") || d.starts_with("s-maxage="));
    allowed && !forbidden
}

struct Stored {
    vary: Option<String>,
    variant: Vec<(String, String)>,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// A shared cache in front of `origin`, for GET requests.
pub struct SharedCache {
    origin: Router,
    entries: HashMap<String, Vec<Stored>>,
}

impl SharedCache {
    pub fn new(origin: Router) -> Self {
        SharedCache {
            origin,
            entries: HashMap::new(),
        }
    }

    pub async fn get(&mut self, request: Request<Body>) -> (StatusCode, HeaderMap, Bytes) {
        assert_eq!(request.method(), Method::GET, "this cache only handles GET");
        let key = primary_key(request.uri());
        let request_headers = request.headers().clone();
        let hit = self.entries.get(&key).and_then(|variants| {
            variants
                .iter()
                .find(|s| variant(s.vary.as_deref(), &request_headers) == s.variant)
        });
        if let Some(stored) = hit {
            return (stored.status, stored.headers.clone(), stored.body.clone());
        }

        let response = self.origin.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        if is_storable(status, &headers) {
            let vary = headers
                .get(header::VARY)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string);
            let variant = variant(vary.as_deref(), &request_headers);
            self.entries.entry(key).or_default().push(Stored {
                vary,
                variant,
                status,
                headers: headers.clone(),
                body: body.clone(),
            });
        }
        (status, headers, body)
    }
}

const PUBLIC: [(HeaderName, &str); 1] = [(header::CACHE_CONTROL, "public, max-age=60")];

/// The origin: an app whose handlers set their caching headers. It counts the requests it gets.
fn origin(hits: Arc<AtomicUsize>) -> Router {
    let counted = move |response: Response| {
        hits.fetch_add(1, Ordering::SeqCst);
        response
    };
    Router::new()
        .route(
            "/news",
            get({
                let counted = counted.clone();
                move || async move { counted((PUBLIC, "Today's news").into_response()) }
            }),
        )
        .route(
            "/search",
            get({
                let counted = counted.clone();
                move |Query(query): Query<HashMap<String, String>>| async move {
                    let q = query.get("q").cloned().unwrap_or_default();
                    counted((PUBLIC, format!("Results for {q}")).into_response())
                }
            }),
        )
        .route(
            "/greeting",
            get({
                let counted = counted.clone();
                move |headers: HeaderMap| async move {
                    let language = headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("en");
                    let text = if language.starts_with("fr") {
                        "Bonjour"
                    } else {
                        "Hello"
                    };
                    let headers = [
                        (header::CACHE_CONTROL, "public, max-age=60"),
                        (header::VARY, "Accept-Language"),
                    ];
                    counted((headers, text).into_response())
                }
            }),
        )
        .route(
            "/account",
            get({
                let counted = counted.clone();
                move |headers: HeaderMap| async move {
                    let user = headers
                        .get(header::COOKIE)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|c| c.strip_prefix("session="))
                        .unwrap_or("nobody")
                        .to_string();
                    let headers = [(header::CACHE_CONTROL, "private, max-age=60")];
                    counted((headers, format!("Account of {user}")).into_response())
                }
            }),
        )
        .route(
            "/welcome",
            get({
                let counted = counted.clone();
                let visitors = Arc::new(AtomicUsize::new(0));
                move || async move {
                    // A careless origin: it marks the page public *and* sets a session cookie.
                    let n = visitors.fetch_add(1, Ordering::SeqCst) + 1;
                    let cookie = format!("session=visitor{n}; HttpOnly");
                    let headers = [
                        (header::CACHE_CONTROL, "public, max-age=60".to_string()),
                        (header::SET_COOKIE, cookie),
                    ];
                    counted((headers, "Welcome!").into_response())
                }
            }),
        )
        .route(
            "/clock",
            get(move || async move {
                counted((StatusCode::OK, "no caching headers at all").into_response())
            }),
        )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let hits = Arc::new(AtomicUsize::new(0));
    let mut cdn = SharedCache::new(origin(hits.clone()));
    for _ in 0..3 {
        let (status, _, body) = cdn
            .get(Request::get("/news").body(Body::empty()).unwrap())
            .await;
        println!("{status} {body:?}");
    }
    println!("the origin saw {} request(s)", hits.load(Ordering::SeqCst));
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    struct Setup {
        cdn: SharedCache,
        origin_hits: Arc<AtomicUsize>,
    }

    impl Setup {
        fn new() -> Self {
            let origin_hits = Arc::new(AtomicUsize::new(0));
            Setup {
                cdn: SharedCache::new(origin(origin_hits.clone())),
                origin_hits,
            }
        }

        async fn get(&mut self, uri: &str, headers: &[(&str, &str)]) -> (HeaderMap, String) {
            let mut request = Request::get(uri);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let (status, headers, body) = self.cdn.get(request.body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::OK);
            (headers, String::from_utf8(body.to_vec()).unwrap())
        }

        fn origin_hits(&self) -> usize {
            self.origin_hits.load(Ordering::SeqCst)
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_primary_key_is_the_path_and_the_query() {
        let cats: Uri = "/search?q=cats".parse().unwrap();
        let dogs: Uri = "/search?q=dogs".parse().unwrap();
        assert_eq!(primary_key(&cats), "/search?q=cats");
        assert_ne!(primary_key(&cats), primary_key(&dogs));
        assert_eq!(primary_key(&"/news".parse().unwrap()), "/news");
    }

    #[test]
    fn the_variant_holds_the_values_of_the_vary_headers() {
        let request = headers(&[("accept-language", "fr"), ("accept-encoding", "gzip")]);
        assert_eq!(variant(None, &request), vec![]);
        assert_eq!(
            variant(Some("Accept-Language"), &request),
            vec![("accept-language".to_string(), "fr".to_string())]
        );
        assert_eq!(
            variant(Some("Accept-Encoding, X-Missing"), &request),
            vec![
                ("accept-encoding".to_string(), "gzip".to_string()),
                ("x-missing".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn what_may_be_stored() {
        let ok = StatusCode::OK;
        assert!(is_storable(
            ok,
            &headers(&[("cache-control", "public, max-age=60")])
        ));
        assert!(is_storable(
            ok,
            &headers(&[("cache-control", "max-age=60")])
        ));
        assert!(is_storable(
            ok,
            &headers(&[("cache-control", "s-maxage=300")])
        ));
        assert!(is_storable(ok, &headers(&[("cache-control", "Public")])));

        assert!(
            !is_storable(ok, &headers(&[])),
            "no Cache-Control: don't guess"
        );
        assert!(!is_storable(
            ok,
            &headers(&[("cache-control", "private, max-age=60")])
        ));
        assert!(!is_storable(
            ok,
            &headers(&[("cache-control", "public, no-store")])
        ));
        assert!(!is_storable(ok, &headers(&[("cache-control", "NO-STORE")])));
        assert!(!is_storable(
            ok,
            &headers(&[("cache-control", "public"), ("set-cookie", "session=abc")])
        ));
        assert!(!is_storable(
            ok,
            &headers(&[("cache-control", "public"), ("vary", "*")])
        ));
        assert!(!is_storable(
            StatusCode::INTERNAL_SERVER_ERROR,
            &headers(&[("cache-control", "public")])
        ));
    }

    #[tokio::test]
    async fn public_pages_are_served_from_the_cache() {
        let mut setup = Setup::new();
        for _ in 0..5 {
            let (_, body) = setup.get("/news", &[]).await;
            assert_eq!(body, "Today's news");
        }
        assert_eq!(setup.origin_hits(), 1);
    }

    #[tokio::test]
    async fn every_query_gets_its_own_copy() {
        let mut setup = Setup::new();
        assert_eq!(setup.get("/search?q=cats", &[]).await.1, "Results for cats");
        assert_eq!(setup.get("/search?q=dogs", &[]).await.1, "Results for dogs");
        assert_eq!(setup.get("/search?q=cats", &[]).await.1, "Results for cats");
        assert_eq!(setup.origin_hits(), 2);
    }

    #[tokio::test]
    async fn vary_keeps_one_copy_per_language() {
        let mut setup = Setup::new();
        let fr = [("accept-language", "fr-FR")];
        let en = [("accept-language", "en-GB")];
        assert_eq!(setup.get("/greeting", &fr).await.1, "Bonjour");
        assert_eq!(setup.get("/greeting", &en).await.1, "Hello");
        assert_eq!(setup.get("/greeting", &fr).await.1, "Bonjour");
        assert_eq!(setup.get("/greeting", &en).await.1, "Hello");
        assert_eq!(setup.origin_hits(), 2);
    }

    #[tokio::test]
    async fn private_pages_are_never_shared() {
        let mut setup = Setup::new();
        let (_, ada) = setup.get("/account", &[("cookie", "session=ada")]).await;
        let (_, grace) = setup.get("/account", &[("cookie", "session=grace")]).await;
        assert_eq!(ada, "Account of ada");
        assert_eq!(grace, "Account of grace", "Grace was shown Ada's account");
        assert_eq!(setup.origin_hits(), 2);
    }

    #[tokio::test]
    async fn a_response_that_sets_a_cookie_is_never_shared() {
        let mut setup = Setup::new();
        let (first, _) = setup.get("/welcome", &[]).await;
        let (second, _) = setup.get("/welcome", &[]).await;
        assert_eq!(
            first.get("set-cookie").unwrap(),
            "session=visitor1; HttpOnly"
        );
        assert_eq!(
            second.get("set-cookie").unwrap(),
            "session=visitor2; HttpOnly",
            "the second visitor got the first one's session"
        );
    }

    #[tokio::test]
    async fn pages_without_caching_headers_are_not_stored() {
        let mut setup = Setup::new();
        setup.get("/clock", &[]).await;
        setup.get("/clock", &[]).await;
        assert_eq!(setup.origin_hits(), 2);
    }
}

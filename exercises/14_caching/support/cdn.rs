//! A tiny shared cache (a CDN) in front of an axum origin, for cdn1 and cdn2, and the origin
//! its tests use. The cache takes its decisions from the exercise: whether a response may be
//! stored (`storable`) and which request headers select a stored copy (`variant`). It keys
//! copies by the path and the query, and ignores expiry (that is ttl1's job). You don't need
//! to edit it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// May a shared cache store this response (its status and headers), sent for a request with
/// these headers, and give it to others?
pub type Storable = fn(StatusCode, &HeaderMap, &HeaderMap) -> bool;
/// The request's values of the headers a response names in `Vary` (None: no `Vary`).
pub type Variant = fn(Option<&str>, &HeaderMap) -> Vec<(String, String)>;

struct Stored {
    vary: Option<String>,
    variant: Vec<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
}

pub struct SharedCache {
    origin: Router,
    storable: Storable,
    variant: Variant,
    entries: HashMap<String, Vec<Stored>>,
}

impl SharedCache {
    pub fn new(origin: Router, storable: Storable, variant: Variant) -> Self {
        SharedCache {
            origin,
            storable,
            variant,
            entries: HashMap::new(),
        }
    }

    /// GETs `uri` with `headers` through the cache; returns the response's headers and body.
    pub async fn get(&mut self, uri: &str, headers: &[(&str, &str)]) -> (HeaderMap, String) {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::empty()).unwrap();
        // The primary key: the path *and* the query (`/search?q=cats` is not `?q=dogs`).
        let key = request.uri().to_string();
        let request_headers = request.headers().clone();
        let variant = self.variant;
        let hit = self.entries.get(&key).and_then(|copies| {
            let same = |s: &&Stored| variant(s.vary.as_deref(), &request_headers) == s.variant;
            copies.iter().find(same)
        });
        if let Some(stored) = hit {
            let body = String::from_utf8_lossy(&stored.body).into_owned();
            return (stored.headers.clone(), body);
        }
        let response = self.origin.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        if (self.storable)(status, &request_headers, &headers) {
            let vary = headers.get(header::VARY).and_then(|v| v.to_str().ok());
            let vary = vary.map(str::to_string);
            let variant = variant(vary.as_deref(), &request_headers);
            let stored = Stored {
                vary,
                variant,
                headers: headers.clone(),
                body: body.clone(),
            };
            self.entries.entry(key).or_default().push(stored);
        }
        (headers, String::from_utf8_lossy(&body).into_owned())
    }
}

/// The request header's value as text, or "".
fn value(headers: &HeaderMap, name: header::HeaderName) -> String {
    let value = headers.get(name).and_then(|v| v.to_str().ok());
    value.unwrap_or("").to_string()
}

const PUBLIC: [(header::HeaderName, &str); 1] = [(header::CACHE_CONTROL, "public, max-age=60")];

/// A header map from `(name, value)` pairs.
pub fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let pairs = pairs
        .iter()
        .map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap()));
    pairs.collect()
}

/// The origin: an app whose handlers set their caching headers, and a counter of the requests
/// it got.
pub fn origin() -> (Router, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let visitors = Arc::new(AtomicUsize::new(0));
    let app = Router::new()
        .route(
            "/news",
            get(move || async move { (PUBLIC, "Today's news") }),
        )
        .route(
            "/search",
            get(move |Query(q): Query<HashMap<String, String>>| async move {
                (PUBLIC, format!("Results for {}", q["q"]))
            }),
        )
        .route(
            "/greeting",
            get(move |headers: HeaderMap| async move {
                let french = value(&headers, header::ACCEPT_LANGUAGE).starts_with("fr");
                let vary = [(header::VARY, "Accept-Language")];
                (PUBLIC, vary, if french { "Bonjour" } else { "Hello" })
            }),
        )
        .route(
            "/account",
            get(move |headers: HeaderMap| async move {
                let cookie = value(&headers, header::COOKIE);
                let policy = [(header::CACHE_CONTROL, "private, max-age=60")];
                (
                    policy,
                    format!("Account of {}", cookie.replace("session=", "")),
                )
            }),
        )
        .route(
            "/welcome",
            get(move || async move {
                // A careless origin: it marks the page public *and* sets a session cookie.
                let n = visitors.fetch_add(1, Ordering::SeqCst) + 1;
                let cookie = [(header::SET_COOKIE, format!("session=visitor{n}"))];
                (PUBLIC, cookie, "Welcome!")
            }),
        )
        .route(
            "/inbox",
            get(move |headers: HeaderMap| async move {
                // Fresh for 60 s, but nothing says a shared cache may keep it.
                let user = value(&headers, header::AUTHORIZATION);
                let policy = [(header::CACHE_CONTROL, "max-age=60")];
                (policy, format!("Inbox of {}", user.replace("Bearer ", "")))
            }),
        )
        .route(
            "/logo",
            get(move || async move {
                // The same for every user, and the origin says so with `public`.
                (PUBLIC, "<svg>logo</svg>")
            }),
        )
        .route("/clock", get(|| async { "no caching headers at all" }))
        .layer(axum::middleware::from_fn({
            let hits = hits.clone();
            move |request: Request<Body>, next: axum::middleware::Next| {
                hits.fetch_add(1, Ordering::SeqCst);
                async move { next.run(request).await.into_response() }
            }
        }));
    (app, hits)
}

/// The `Cache-Control` directives of `headers` (every such header), trimmed and lowercased:
/// `["public", "max-age=60"]`.
pub fn directives(headers: &HeaderMap) -> Vec<String> {
    let values = headers.get_all(header::CACHE_CONTROL).iter();
    let values = values.filter_map(|value| value.to_str().ok());
    let parts = values.flat_map(|value| value.split(','));
    parts.map(|d| d.trim().to_ascii_lowercase()).collect()
}

/// Is the directive `name` among `directives`, alone or with an argument (`max-age=60`)?
pub fn has(directives: &[String], name: &str) -> bool {
    directives.iter().any(|d| {
        d == name
            || d.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('='))
    })
}

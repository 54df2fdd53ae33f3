// cors_preflight1: answering a CORS preflight
//
// Before anything beyond a plain form post (a DELETE, a JSON body, an Authorization header)
// a browser asks first, with a preflight: `OPTIONS` with `Origin`,
// `Access-Control-Request-Method` and maybe `Access-Control-Request-Headers:
// content-type, x-debug` (a comma-separated list; header names ignore case). The real
// request goes out only if the answer allows that origin, that method and every one of those
// headers. A preflight that grants whatever it is asked lets allowed pages send requests the
// API never meant to accept.
//
// Write `preflight_allowed` (the layer has already checked the origin).

#[path = "support/cors.rs"]
mod cors;
#[path = "support/http.rs"]
mod http;

use axum::http::HeaderMap;
use axum::http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD};

/// Whether the requested method is in `cors::ALLOWED_METHODS`, and every requested header
/// (if any) in `cors::ALLOWED_HEADERS`.
fn preflight_allowed(headers: &HeaderMap) -> bool {
    let method_ok = headers
        .get(ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|method| cors::ALLOWED_METHODS.contains(&method));
    let headers_ok = match headers.get(ACCESS_CONTROL_REQUEST_HEADERS) {
        None => true,
        Some(value) => value.to_str().is_ok_and(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .all(|name| {
                    cors::ALLOWED_HEADERS
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(name))
                })
        }),
    };
    method_ok && headers_ok
}

fn app() -> axum::Router {
    let origin_allowed = |origin: &_| cors::ALLOWED_ORIGINS.iter().any(|o| origin == o);
    cors::app(origin_allowed, preflight_allowed, cors::append_vary_origin)
}

fn main() {
    let _app = app();
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn listed_methods_and_headers_are_granted() {
        let asks = [
            ("DELETE", Some("Content-Type, Authorization")),
            ("POST", None),
            ("POST", Some("content-type, , Authorization,")),
        ];
        for (method, headers) in asks {
            let reply = cors::preflight(app(), method, headers).await;
            let empty = "an empty list element names nothing: skip it (RFC 9110, 5.6.1)";
            let why = format!("{method} with headers {headers:?} is on the lists; {empty}");
            assert_eq!(reply.status, 204, "{why}");
        }
    }

    #[tokio::test]
    async fn unlisted_methods_and_headers_are_refused() {
        let asks = [
            ("PUT", None),
            ("DELETE", Some("x-debug")),
            ("POST", Some("content-type, x-admin")),
        ];
        for (method, headers) in asks {
            let reply = cors::preflight(app(), method, headers).await;
            let why = format!("{method} with headers {headers:?} asks for something unlisted");
            assert_eq!(reply.status, 403, "{why}");
        }
    }
}

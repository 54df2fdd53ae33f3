// cors_preflight1: answering a CORS preflight
//
// For anything beyond a plain form post (a DELETE, a JSON body, an Authorization header) a
// browser asks first, with a preflight: `OPTIONS` plus `Origin`,
// `Access-Control-Request-Method` and, if the request will carry extra headers,
// `Access-Control-Request-Headers: content-type, x-debug` (a comma-separated list; header
// names ignore case). The real request goes out only if the preflight's answer allows that
// origin, that method and every one of those headers. A preflight that grants whatever it is
// asked for lets any allowed page send requests the API never meant to accept.
//
// Write `preflight_allowed` (the layer has already checked the origin).

#[path = "support/cors.rs"]
mod cors;
#[path = "support/http.rs"]
mod http;

use axum::http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, VARY};
use axum::http::{HeaderMap, HeaderValue};

/// Whether the requested method is in `cors::ALLOWED_METHODS` and every requested header
/// (if any) in `cors::ALLOWED_HEADERS`.
fn preflight_allowed(headers: &HeaderMap) -> bool {
    // TODO: check Access-Control-Request-Method, and each name in the list of
    // Access-Control-Request-Headers (`split(',')`, `trim`, `eq_ignore_ascii_case`).
    headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD)
        || headers.contains_key(ACCESS_CONTROL_REQUEST_HEADERS)
}

fn app() -> axum::Router {
    let origin_allowed = |origin: &HeaderValue| cors::ALLOWED_ORIGINS.iter().any(|o| origin == *o);
    let vary_on_origin = |headers: &mut HeaderMap| {
        headers.append(VARY, HeaderValue::from_static("Origin"));
    };
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

    async fn preflight(method: &str, headers: Option<&str>) -> http::Reply {
        let mut request = vec![
            ("origin", "https://app.example"),
            ("access-control-request-method", method),
        ];
        if let Some(headers) = headers {
            request.push(("access-control-request-headers", headers));
        }
        http::send(app(), Method::OPTIONS, "/api/notes/1", &request, "").await
    }

    #[tokio::test]
    async fn listed_methods_and_headers_are_granted() {
        for (method, headers) in [
            ("DELETE", Some("Content-Type, Authorization")),
            ("POST", None),
            ("GET", Some("authorization")),
        ] {
            let reply = preflight(method, headers).await;
            assert_eq!(
                reply.status,
                StatusCode::NO_CONTENT,
                "{method} with headers {headers:?} is all on the lists"
            );
            assert_eq!(
                cors::grant(&reply.headers),
                Some("https://app.example"),
                "a granted preflight names the origin"
            );
        }
    }

    #[tokio::test]
    async fn unlisted_methods_and_headers_are_refused() {
        for (method, headers) in [
            ("PUT", None),
            ("PATCH", Some("content-type")),
            ("DELETE", Some("x-debug")),
            ("POST", Some("content-type, x-admin")),
        ] {
            let reply = preflight(method, headers).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{method} with headers {headers:?} asks for something unlisted"
            );
            assert_eq!(
                cors::grant(&reply.headers),
                None,
                "a refused preflight grants nothing"
            );
        }
    }
}

// cors1: CORS with an allow-list
//
// The same-origin policy lets a page on `https://evil.example` send requests to your API,
// but not read the answers. Cross-Origin Resource Sharing (CORS) is how your API relaxes
// that for origins it trusts, such as its own front end on `https://app.example`:
//
// - For a simple request, the browser sends it with an `Origin` header and lets the page
//   read the response only if it carries `Access-Control-Allow-Origin: <that origin>` (and,
//   when cookies were sent, `Access-Control-Allow-Credentials: true`).
// - For anything more (a DELETE, a JSON body, an Authorization header) it asks first,
//   with a preflight: `OPTIONS` plus `Origin`, `Access-Control-Request-Method` and
//   `Access-Control-Request-Headers`. Only a 2xx answer that allows that origin, method and
//   those headers lets the real request go out.
//
// The classic misconfiguration is to copy whatever `Origin` the request has into
// `Access-Control-Allow-Origin`, together with `Allow-Credentials: true`. Then every website
// can read your users' data through their own browsers. Allow exact origins from a list;
// never `null` (sandboxed frames and local files send it, so attackers can too).
//
// Because the answer now depends on the `Origin` header, every response must say
// `Vary: Origin`, or a cache in between can store the answer made for one origin and serve
// it to another. Add it to every response, preflight or not, allowed or not, and add it
// next to any `Vary` the handler already set instead of replacing it.
//
// Write `origin_allowed` and `preflight_allowed`, and add `Vary: Origin` in `cors`.

use axum::Router;
use axum::extract::Request;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, CONTENT_TYPE, ORIGIN, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};

const ALLOWED_ORIGINS: [&str; 2] = ["https://app.example", "https://admin.example"];
const ALLOWED_METHODS: [&str; 3] = ["GET", "POST", "DELETE"];
const ALLOWED_HEADERS: [&str; 2] = ["content-type", "authorization"];

/// Whether `origin` is one of the allowed origins, exactly.
fn origin_allowed(origin: &HeaderValue) -> bool {
    ALLOWED_ORIGINS.iter().any(|allowed| origin == *allowed)
}

/// Whether a preflight asks for an allowed origin, an allowed method and only allowed
/// headers. `Access-Control-Request-Headers` is a comma-separated list, maybe absent;
/// header names are case-insensitive.
fn preflight_allowed(headers: &HeaderMap) -> bool {
    let origin_ok = headers.get(ORIGIN).is_some_and(origin_allowed);
    let method_ok = headers
        .get(ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|method| ALLOWED_METHODS.contains(&method));
    let headers_ok = match headers.get(ACCESS_CONTROL_REQUEST_HEADERS) {
        None => true,
        Some(value) => value.to_str().is_ok_and(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .all(|name| ALLOWED_HEADERS.iter().any(|a| a.eq_ignore_ascii_case(name)))
        }),
    };
    origin_ok && method_ok && headers_ok
}

async fn cors(request: Request, next: Next) -> Response {
    let origin = request.headers().get(ORIGIN).cloned();
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD);

    let (mut response, allowed) = if is_preflight {
        if preflight_allowed(request.headers()) {
            let mut response = StatusCode::NO_CONTENT.into_response();
            let headers = response.headers_mut();
            let methods = ALLOWED_METHODS.join(", ");
            let allowed_headers = ALLOWED_HEADERS.join(", ");
            headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods.parse().unwrap());
            headers.insert(
                ACCESS_CONTROL_ALLOW_HEADERS,
                allowed_headers.parse().unwrap(),
            );
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
            (response, true)
        } else {
            (StatusCode::FORBIDDEN.into_response(), false)
        }
    } else {
        (next.run(request).await, true)
    };

    let headers = response.headers_mut();
    if let Some(origin) = origin.filter(|origin| allowed && origin_allowed(origin)) {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
    }
    headers.append(VARY, HeaderValue::from_static("Origin"));
    response
}

async fn list_notes() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "application/json"),
            // What a compression layer would add: the body depends on Accept-Encoding.
            (VARY, "Accept-Encoding"),
        ],
        r#"[{"id":1,"text":"my secret note"}]"#,
    )
}

async fn delete_note() -> StatusCode {
    StatusCode::NO_CONTENT
}

fn app() -> Router {
    Router::new()
        .route("/api/notes", get(list_notes))
        .route("/api/notes/{id}", delete(delete_note))
        .layer(middleware::from_fn(cors))
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("read the local address");
    println!("listening on http://{addr}/api/notes");
    axum::serve(listener, app()).await.expect("serve");
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    async fn send(method: Method, uri: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = axum::http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        app()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    async fn preflight(origin: &str, method: &str, headers: Option<&str>) -> Response {
        let mut request = vec![
            ("origin", origin),
            ("access-control-request-method", method),
        ];
        if let Some(headers) = headers {
            request.push(("access-control-request-headers", headers));
        }
        send(Method::OPTIONS, "/api/notes/1", &request).await
    }

    /// Every token of every Vary header, lowercased.
    fn vary(response: &Response) -> Vec<String> {
        response
            .headers()
            .get_all(VARY)
            .iter()
            .flat_map(|value| value.to_str().unwrap().split(','))
            .map(|token| token.trim().to_ascii_lowercase())
            .collect()
    }

    fn assert_varies_on_origin(response: &Response) {
        let vary = vary(response);
        assert!(
            vary.contains(&"origin".to_string()),
            "the response lacks `Vary: Origin` (its Vary: {vary:?})"
        );
    }

    fn assert_no_cors_grant(response: &Response, what: &str) {
        for name in [
            ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            ACCESS_CONTROL_ALLOW_METHODS,
            ACCESS_CONTROL_ALLOW_HEADERS,
        ] {
            assert!(
                !response.headers().contains_key(&name),
                "{what}: the response must not carry {name}: {:?}",
                response.headers()[&name]
            );
        }
    }

    #[tokio::test]
    async fn a_preflight_from_an_allowed_origin_succeeds() {
        for origin in ALLOWED_ORIGINS {
            let response = preflight(origin, "DELETE", Some("Content-Type, Authorization")).await;
            assert_eq!(response.status(), StatusCode::NO_CONTENT);
            let headers = response.headers();
            assert_eq!(headers[ACCESS_CONTROL_ALLOW_ORIGIN], origin);
            assert_eq!(headers[ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
            assert_eq!(headers[ACCESS_CONTROL_ALLOW_METHODS], "GET, POST, DELETE");
            assert_eq!(
                headers[ACCESS_CONTROL_ALLOW_HEADERS],
                "content-type, authorization"
            );
            assert_eq!(headers[ACCESS_CONTROL_MAX_AGE], "600");
            assert_varies_on_origin(&response);
        }
        let response = preflight("https://app.example", "POST", None).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    #[tokio::test]
    async fn a_preflight_from_a_foreign_origin_is_refused() {
        for origin in [
            "https://evil.example",
            "https://app.example.evil.example",
            "https://evilapp.example",
            "http://app.example",
            "https://app.example:8443",
            "null",
        ] {
            let response = preflight(origin, "DELETE", None).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "a preflight from {origin} must be refused"
            );
            assert_no_cors_grant(&response, origin);
            assert_varies_on_origin(&response);
        }
    }

    #[tokio::test]
    async fn a_preflight_for_an_unlisted_method_or_header_is_refused() {
        for (method, headers) in [
            ("PUT", None),
            ("PATCH", Some("content-type")),
            ("DELETE", Some("x-debug")),
            ("POST", Some("content-type, x-admin")),
        ] {
            let response = preflight("https://app.example", method, headers).await;
            let what = format!("{method} with {headers:?}");
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{what}");
            assert_no_cors_grant(&response, &what);
        }
    }

    #[tokio::test]
    async fn an_allowed_origin_can_read_the_response() {
        let response = send(
            Method::GET,
            "/api/notes",
            &[("origin", "https://app.example")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://app.example"
        );
        assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
        let vary = vary(&response);
        assert!(vary.contains(&"origin".to_string()), "Vary: {vary:?}");
        assert!(
            vary.contains(&"accept-encoding".to_string()),
            "the handler's own Vary was lost: {vary:?}"
        );
    }

    #[tokio::test]
    async fn a_foreign_origin_cannot_read_the_response() {
        // evil.example's script runs fetch("/api/notes", { credentials: "include" }).
        for origin in ["https://evil.example", "null"] {
            let response = send(Method::GET, "/api/notes", &[("origin", origin)]).await;
            // The server still answers (CORS is enforced by the browser, which hides the
            // answer from the page): only the grant is missing.
            assert_eq!(response.status(), StatusCode::OK);
            assert_no_cors_grant(&response, origin);
            assert_varies_on_origin(&response);
        }
    }

    #[tokio::test]
    async fn responses_without_origin_still_vary_on_origin() {
        let response = send(Method::GET, "/api/notes", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_no_cors_grant(&response, "no Origin");
        // Without Vary, a cache could serve this response to a cross-origin request.
        assert_varies_on_origin(&response);
        let response = send(Method::DELETE, "/api/notes/1", &[]).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        assert_varies_on_origin(&response);
    }
}

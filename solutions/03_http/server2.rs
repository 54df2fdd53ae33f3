// server2: routing, 404 and 405
//
// Routing picks the code that answers a request by its method and its path. When nothing
// matches, the status code says why, and clients act on the difference:
// - `404 Not Found`: no resource at this path, whatever the method.
// - `405 Method Not Allowed`: the path exists, but not for this method (a `DELETE` on a
//   page that is only read). A 405 carries an `Allow` header listing the methods the path
//   does accept, such as `Allow: GET, POST`, so the client can correct itself.
//
// `route` answers 404 to everything it does not find. Make it answer 405 when it should
// (`Response::text(405, ..).with_header("Allow", ..)`: the builders are in support/http.rs).
// (Try it: `cargo run -p exercises-http --bin server2`, then `curl -i -X DELETE
// http://127.0.0.1:PORT/notes` with the port it prints.)

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use http::{Request, Response};

/// The routes of this server: a method and a path each.
const ROUTES: [(&str, &str); 4] = [
    ("GET", "/"),
    ("GET", "/notes"),
    ("POST", "/notes"),
    ("GET", "/health"),
];

fn route(request: &Request) -> Response {
    let (method, path) = (request.method.as_str(), request.target.as_str());
    if ROUTES.contains(&(method, path)) {
        return Response::text(200, &format!("{method} {path}: here you are"));
    }
    // TODO: when some route has this path (with another method), answer 405 with an
    // `Allow` header that lists that path's methods in the order of `ROUTES`, joined by ", ".
    let allowed: Vec<&str> = ROUTES
        .iter()
        .filter(|(_, route_path)| *route_path == path)
        .map(|(route_method, _)| *route_method)
        .collect();
    if allowed.is_empty() {
        return Response::text(404, "Not Found");
    }
    Response::text(405, "Method Not Allowed").with_header("Allow", &allowed.join(", "))
}

fn main() -> std::io::Result<()> {
    conn::serve_routes(route)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status and the `Allow` header of the answer to `request`, such as "GET /".
    fn answer(request: &str) -> (u16, Option<String>) {
        let (method, path) = request.split_once(' ').unwrap();
        let response = route(&Request::new(method, path));
        (
            response.status,
            response.header("Allow").map(str::to_string),
        )
    }

    #[test]
    fn known_routes_answer_200() {
        for request in ["GET /", "POST /notes"] {
            assert_eq!(answer(request), (200, None), "{request} is a route");
        }
    }

    #[test]
    fn a_path_without_this_method_is_405_with_allow() {
        for (request, allow) in [
            ("POST /", "GET"),
            ("DELETE /notes", "GET, POST"),
            ("get /health", "GET"),
        ] {
            let want = (405, Some(allow.to_string()));
            let why = "the path exists, but not for this method (methods are case-sensitive): \
                       405, with `Allow` listing the path's methods";
            assert_eq!(answer(request), want, "{request}: {why}");
        }
    }

    #[test]
    fn a_path_no_route_has_is_404_whatever_the_method() {
        for request in ["GET /nope", "POST /notes/", "DELETE /Health"] {
            let why = "no route has this path (paths are case-sensitive): 404, no Allow";
            assert_eq!(answer(request), (404, None), "{request}: {why}");
        }
    }
}

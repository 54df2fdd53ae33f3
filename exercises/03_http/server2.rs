// server2: routing, 404 and 405
//
// Routing picks the code that answers a request by its method and its path. When nothing
// matches, the status code says why, and clients act on the difference:
// - `404 Not Found`: no resource at this path, whatever the method.
// - `405 Method Not Allowed`: the path exists, but not for this method (a `DELETE` on a
//   page that is only read). A 405 carries an `Allow` header listing the methods the path
//   does accept, such as `Allow: GET, POST`, so the client can correct itself.
//
// `route` answers 404 to everything it does not find. Make it answer 405 when it should.
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
    Response::text(404, "Not Found")
}

fn main() -> std::io::Result<()> {
    conn::serve_routes(route)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_route(method: &str, path: &str, status: u16, allow: Option<&str>, why: &str) {
        let response = route(&Request::new(method, path));
        let got = (response.status, response.header("Allow"));
        assert_eq!(got, (status, allow), "{method} {path}: {why}");
    }

    #[test]
    fn known_routes_answer() {
        assert_route("GET", "/", 200, None, "a route: 200");
        assert_route("POST", "/notes", 200, None, "a route: 200");
    }

    #[test]
    fn a_path_without_this_method_is_405_with_allow() {
        assert_route(
            "POST",
            "/",
            405,
            Some("GET"),
            "the path exists for GET only",
        );
        assert_route(
            "DELETE",
            "/notes",
            405,
            Some("GET, POST"),
            "Allow lists every method",
        );
        assert_route(
            "get",
            "/health",
            405,
            Some("GET"),
            "methods are case-sensitive",
        );
    }

    #[test]
    fn a_path_no_route_has_is_404_whatever_the_method() {
        assert_route("GET", "/nope", 404, None, "no route has this path");
        assert_route("POST", "/notes/", 404, None, "`/notes/` is not `/notes`");
        assert_route("DELETE", "/Health", 404, None, "paths are case-sensitive");
    }
}

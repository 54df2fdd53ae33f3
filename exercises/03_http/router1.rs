// router1: a router of your own
//
// Time to write a piece of a server from scratch: the router of a small notes API. It
// puts together what this stage taught: methods and paths, 404 against 405 with `Allow`,
// status codes that say what happened (201 Created, 204 No Content), and refusing what
// does not parse. The API:
//
//     GET    /health       200 "ok"
//     GET    /notes        200 "all notes"
//     POST   /notes        201 "created"
//     GET    /notes/{id}   200 "note {id}"   ({id}: digits that fit a u32, like 7)
//     DELETE /notes/{id}   204, no body
//
// Any other method on these paths is 405 "Method Not Allowed", with `Allow` listing that
// path's methods as above (`GET, POST` for `/notes`). Every other path, `/notes/abc`
// included, is 404 "Not Found". The tests spell out the contract; they send no id with
// leading zeros (`007`), so how you answer one is up to you. Build answers with
// `Response::text(status, body)`, `Response::empty(status)` (no body) and
// `.with_header(name, value)`, from support/http.rs.
//
// Write `route`. (Try it: `cargo run -p exercises-http --bin router1`.)

#[path = "support/conn.rs"]
mod conn;
#[path = "support/http.rs"]
mod http;

use http::Response;

fn route(method: &str, path: &str) -> Response {
    // TODO: write the router described above.
    let _ = (method, path);
    Response::text(500, "route is not written yet")
}

fn main() -> std::io::Result<()> {
    conn::serve_routes(|request| route(&request.method, &request.target))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer to `request` ("GET /health") in short: "200 ok", "405 ... [Allow: GET]".
    fn answer(request: &str) -> String {
        let (method, path) = request.split_once(' ').unwrap();
        let response = route(method, path);
        let allow = response.header("Allow").map(|a| format!(" [Allow: {a}]"));
        format!(
            "{} {}{}",
            response.status,
            response.body_text(),
            allow.unwrap_or_default()
        )
    }

    #[test]
    fn answers_each_route() {
        for (request, want) in [
            ("GET /health", "200 ok"),
            ("GET /notes", "200 all notes"),
            ("POST /notes", "201 created"),
            ("GET /notes/7", "200 note 7"),
            ("GET /notes/4294967295", "200 note 4294967295"),
            ("DELETE /notes/12", "204 "),
        ] {
            assert_eq!(answer(request), want, "{request}: see the API above");
        }
    }

    #[test]
    fn a_known_path_with_another_method_is_405() {
        for (request, allow) in [
            ("POST /health", "GET"),
            ("DELETE /notes", "GET, POST"),
            ("PUT /notes/7", "GET, DELETE"),
            ("get /notes", "GET, POST"),
        ] {
            let want = format!("405 Method Not Allowed [Allow: {allow}]");
            assert_eq!(
                answer(request),
                want,
                "{request}: the path exists, the method not"
            );
        }
    }

    #[test]
    fn every_other_path_is_404() {
        for request in [
            "GET /",
            "GET /notes/",
            "GET /notes/abc",
            "DELETE /notes/-1",
            "GET /notes/4294967296",
            "GET /notes/+7",
            "GET /notes/7/edit",
            "POST /healthz",
        ] {
            assert_eq!(answer(request), "404 Not Found", "{request}: no such path");
        }
    }
}

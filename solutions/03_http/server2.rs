// server2: routing
//
// A server with more than one page looks at the method and the path of each request and
// picks the code that answers it: that is routing. When nothing matches, the status code
// says why, and the difference matters to clients:
//
// - `404 Not Found`: no resource at this path, whatever the method.
// - `405 Method Not Allowed`: the path exists, but not for this method (a `POST` to a page
//   that is only read). A 405 must carry an `Allow` header that lists the methods the path
//   does accept, so the client can correct itself.
//
// The routes of this server:
//
// - `GET /` answers `Welcome!`.
// - `GET /echo/{text}` answers `{text}`, whatever follows `/echo/`.
// - `GET /user-agent` answers the request's `User-Agent` header, or 400 when there is none.
//
// Everything else (reading requests, writing responses, the accept loop) already works.
// Finish `route`.
//
// Try it: `cargo run -p exercises-http --bin server2`, then, with the port it prints,
// `curl -i http://127.0.0.1:PORT/echo/hi` or `curl -i -X POST http://127.0.0.1:PORT/`.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

#[derive(Debug)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
}

impl Request {
    /// The value of the first header called `name`, ignoring case.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    /// A plain-text response.
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![(
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            )],
            body: body.to_string(),
        }
    }

    fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    fn to_bytes(&self) -> Vec<u8> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Unknown",
        };
        let mut head = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        [head.as_bytes(), self.body.as_bytes()].concat()
    }
}

/// Picks the response for a request.
fn route(request: &Request) -> Response {
    let path = request.path.as_str();
    let exists = path == "/" || path == "/user-agent" || path.starts_with("/echo/");
    if !exists {
        return Response::text(404, "Not Found");
    }
    if request.method != "GET" {
        return Response::text(405, "Method Not Allowed").with_header("Allow", "GET");
    }
    if let Some(text) = path.strip_prefix("/echo/") {
        return Response::text(200, text);
    }
    match (path, request.header("User-Agent")) {
        ("/user-agent", Some(agent)) => Response::text(200, agent),
        ("/user-agent", None) => Response::text(400, "No User-Agent"),
        _ => Response::text(200, "Welcome!"),
    }
}

/// Reads the request line and the headers. `None` means the request is malformed.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<Request>> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.trim_end_matches("\r\n").split(' ');
    let (Some(method), Some(path), Some(_version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let mut request = Request {
        method: method.to_string(),
        path: path.to_string(),
        headers: Vec::new(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches("\r\n");
        if line.is_empty() {
            return Ok(Some(request));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Ok(None);
        };
        request
            .headers
            .push((name.to_string(), value.trim().to_string()));
    }
}

fn handle_connection(mut stream: TcpStream) -> io::Result<()> {
    let request = read_request(&mut BufReader::new(&stream))?;
    let response = match request {
        Some(request) => route(&request),
        None => Response::text(400, "Bad Request"),
    };
    stream.write_all(&response.to_bytes())
}

/// Accepts `connections` connections, one after another, and answers each.
fn serve(listener: TcpListener, connections: usize) -> io::Result<()> {
    for stream in listener.incoming().take(connections) {
        if let Err(error) = handle_connection(stream?) {
            eprintln!("connection failed: {error}");
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, usize::MAX)
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::SocketAddr;
    use std::thread;
    use std::time::Duration;

    /// Starts `serve` on a free port in a thread of its own.
    fn start(connections: usize) -> (SocketAddr, thread::JoinHandle<io::Result<()>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        (addr, thread::spawn(move || serve(listener, connections)))
    }

    /// Sends `request` and reads the response until the server closes the connection.
    fn send(addr: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("no complete response within 5 seconds");
        response
    }

    fn get(addr: SocketAddr, path: &str) -> String {
        send(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test/1.0\r\n\r\n"),
        )
    }

    fn status_line(response: &str) -> &str {
        response.split("\r\n").next().unwrap()
    }

    #[test]
    fn the_root_says_welcome() {
        let (addr, server) = start(1);
        assert_eq!(
            get(addr, "/"),
            "HTTP/1.1 200 OK\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Length: 8\r\n\
             Connection: close\r\n\
             \r\n\
             Welcome!"
        );
        server.join().unwrap().unwrap();
    }

    #[test]
    fn echoes_the_rest_of_the_path() {
        let (addr, server) = start(2);
        assert_eq!(
            get(addr, "/echo/abc"),
            "HTTP/1.1 200 OK\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Length: 3\r\n\
             Connection: close\r\n\
             \r\n\
             abc"
        );
        let response = get(addr, "/echo/a/b/c");
        assert_eq!(status_line(&response), "HTTP/1.1 200 OK");
        assert!(response.ends_with("\r\n\r\na/b/c"), "got {response:?}");
        server.join().unwrap().unwrap();
    }

    #[test]
    fn answers_with_the_user_agent() {
        let (addr, server) = start(1);
        let response = send(
            addr,
            "GET /user-agent HTTP/1.1\r\nHost: localhost\r\nuser-agent: curl/8.5.0\r\n\r\n",
        );
        assert_eq!(
            response,
            "HTTP/1.1 200 OK\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Length: 10\r\n\
             Connection: close\r\n\
             \r\n\
             curl/8.5.0"
        );
        server.join().unwrap().unwrap();
    }

    #[test]
    fn no_user_agent_is_a_bad_request() {
        let (addr, server) = start(1);
        let response = send(addr, "GET /user-agent HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert_eq!(status_line(&response), "HTTP/1.1 400 Bad Request");
        server.join().unwrap().unwrap();
    }

    #[test]
    fn unknown_paths_are_not_found() {
        let paths = [
            "/nope",
            "/echo",
            "/echoes/abc",
            "/user-agent/x",
            "/ECHO/abc",
        ];
        let (addr, server) = start(paths.len());
        for path in paths {
            let response = get(addr, path);
            assert_eq!(
                status_line(&response),
                "HTTP/1.1 404 Not Found",
                "GET {path}"
            );
        }
        server.join().unwrap().unwrap();
    }

    #[test]
    fn a_wrong_method_is_405_with_allow() {
        let requests = [
            "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "DELETE /echo/abc HTTP/1.1\r\n\r\n",
            "PUT /user-agent HTTP/1.1\r\nUser-Agent: x\r\nContent-Length: 0\r\n\r\n",
        ];
        let (addr, server) = start(requests.len());
        for request in requests {
            let response = send(addr, request);
            assert_eq!(
                status_line(&response),
                "HTTP/1.1 405 Method Not Allowed",
                "request {request:?}"
            );
            assert!(
                response.contains("\r\nAllow: GET\r\n"),
                "a 405 must say which methods are allowed, got {response:?}"
            );
        }
        server.join().unwrap().unwrap();
    }

    #[test]
    fn unknown_paths_are_404_whatever_the_method() {
        let (addr, server) = start(1);
        let response = send(addr, "POST /nope HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert_eq!(status_line(&response), "HTTP/1.1 404 Not Found");
        server.join().unwrap().unwrap();
    }

    #[test]
    fn a_malformed_request_is_a_bad_request() {
        let (addr, server) = start(2);
        let response = send(addr, "GET /\r\n\r\n");
        assert_eq!(status_line(&response), "HTTP/1.1 400 Bad Request");
        let response = send(addr, "GET / HTTP/1.1\r\nno colon here\r\n\r\n");
        assert_eq!(status_line(&response), "HTTP/1.1 400 Bad Request");
        server.join().unwrap().unwrap();
    }
}

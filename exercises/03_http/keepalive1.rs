// keepalive1: close or keep the connection?
//
// Opening a TCP connection costs a round trip (and TLS costs more), so HTTP/1.1 keeps the
// connection open after a response, for the client's next request. Either side ends it
// with the header `Connection: close`. The header holds a comma-separated list of options,
// case-insensitive: `Connection: TE, Close` asks to close too. HTTP/1.0 predates all this:
// its connections close after each response (this server ignores 1.0's `keep-alive`).
//
// Make `wants_close` say whether the connection must close after answering `request`
// (its version is `request.version`, such as "HTTP/1.0").

#[path = "support/http.rs"]
mod http;

use http::Request;

/// Whether the connection must close after the response to `request`.
fn wants_close(request: &Request) -> bool {
    // TODO: HTTP/1.0 always closes. HTTP/1.1 closes when one of the `Connection` options
    // is `close` (in any case; split at ',' and trim), and keeps the connection otherwise.
    request.header("Connection") == Some("close")
}

fn main() {
    let request = Request::new("GET", "/").with_header("Connection", "TE, close");
    println!("{}", wants_close(&request));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(version: &str, connection: Option<&str>) -> bool {
        let mut request = Request::new("GET", "/").with_version(version);
        if let Some(value) = connection {
            request = request.with_header("Connection", value);
        }
        wants_close(&request)
    }

    #[test]
    fn http11_closes_only_when_asked() {
        for (connection, want) in [
            (None, false),
            (Some("keep-alive"), false),
            (Some("close"), true),
            (Some("Close"), true),
            (Some("TE, close"), true),
            (Some("Upgrade,CLOSE"), true),
            (Some("closed"), false),
        ] {
            let got = close("HTTP/1.1", connection);
            let why = "HTTP/1.1 closes when one `Connection` option is `close`, in any case";
            assert_eq!(got, want, "Connection: {connection:?}: {why}");
        }
    }

    #[test]
    fn http10_always_closes() {
        for connection in [None, Some("keep-alive")] {
            let got = close("HTTP/1.0", connection);
            assert!(
                got,
                "HTTP/1.0, Connection: {connection:?}: 1.0 closes after each response"
            );
        }
    }
}

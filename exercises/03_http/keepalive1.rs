// keepalive1: close or keep the connection?
//
// Opening a TCP connection costs a round trip (and TLS costs more), so HTTP/1.1 keeps the
// connection open after a response, for the client's next request. Either side ends it
// with the header `Connection: close`. The header holds a comma-separated list of options,
// case-insensitive: `Connection: TE, Close` asks to close too. HTTP/1.0 predates all this:
// its connections close after each response (this server ignores 1.0's `keep-alive`).
//
// Make `wants_close` say whether the connection must close after answering `request`.

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
    println!(
        "{}",
        wants_close(&Request::new("GET", "/").with_header("Connection", "TE, close"))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_close(version: &str, connection: Option<&str>, want: bool, why: &str) {
        let mut request = Request::new("GET", "/").with_version(version);
        if let Some(value) = connection {
            request = request.with_header("Connection", value);
        }
        assert_eq!(
            wants_close(&request),
            want,
            "{version}, Connection: {connection:?}: {why}"
        );
    }

    #[test]
    fn http11_keeps_the_connection_by_default() {
        assert_close("HTTP/1.1", None, false, "HTTP/1.1 keeps it open");
        assert_close(
            "HTTP/1.1",
            Some("keep-alive"),
            false,
            "keep-alive is not close",
        );
        assert_close("HTTP/1.1", Some("close"), true, "the client asks to close");
    }

    #[test]
    fn connection_is_a_list_of_options_in_any_case() {
        assert_close("HTTP/1.1", Some("Close"), true, "options ignore case");
        assert_close(
            "HTTP/1.1",
            Some("TE, close"),
            true,
            "close is one of the options",
        );
        assert_close(
            "HTTP/1.1",
            Some("Upgrade,CLOSE"),
            true,
            "no space after the comma",
        );
        assert_close("HTTP/1.1", Some("closed"), false, "`closed` is not `close`");
    }

    #[test]
    fn http10_always_closes() {
        assert_close(
            "HTTP/1.0",
            None,
            true,
            "HTTP/1.0 closes after each response",
        );
        assert_close(
            "HTTP/1.0",
            Some("keep-alive"),
            true,
            "this server closes 1.0 anyway",
        );
    }
}

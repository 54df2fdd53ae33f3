// http_stub1: a stub upstream to test timeouts and retries
//
// Backends call other services, and those services fail: they answer 500, or they accept the
// connection and then never answer at all. A client must time out and retry the failures worth
// retrying, and no others. Testing that against the real service is hopeless (you cannot make
// it fail on cue), so tests start a stub: a tiny server on a loopback port that replies what
// the test scripted, counts the requests, and can hang on purpose.
//
// A stub's hang must block until the test is over, not sleep: a sleeping stub is busy and
// cannot answer the retry, and a long sleep makes the whole test suite slow. So a hanging stub
// keeps the connection open without answering, goes on serving other connections, and closes
// the hung ones when the stub is dropped.
//
// Two parts, both in the tests module:
// 1. Finish the stub: its `Reply::Hang` sleeps. Make it keep the connection instead.
// 2. `Client` is correct; write the tests marked TODO. The runner then plants bugs in the
//    client (through the `mutant(...)` calls: no retry at all, retrying a 404, not retrying a
//    timeout) and each must make at least one of your tests fail. To plant one yourself:
//        BACKLINGS_MUTANT=no_retry cargo test -p exercises-testing --bin http_stub1

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// The runner plants a bug by setting `BACKLINGS_MUTANT`. Leave this alone.
fn mutant(name: &str) -> bool {
    std::env::var("BACKLINGS_MUTANT").is_ok_and(|m| m == name)
}

#[derive(Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The upstream answered with this status instead of 200.
    Status(u16),
    /// The upstream did not answer in time.
    Timeout,
    /// Could not connect, or the connection broke.
    Io(io::ErrorKind),
    /// The answer was not HTTP.
    BadResponse,
}

impl FetchError {
    /// Server errors, timeouts and broken connections may go away on a retry; a 4xx will not.
    fn is_retryable(&self) -> bool {
        match self {
            FetchError::Status(code) => {
                *code >= 500 || (*code >= 400 && mutant("retry_client_errors"))
            }
            FetchError::Timeout => !mutant("timeout_not_retried"),
            FetchError::Io(_) => true,
            FetchError::BadResponse => false,
        }
    }
}

fn io_error(error: io::Error) -> FetchError {
    match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => FetchError::Timeout,
        kind => FetchError::Io(kind),
    }
}

/// A client for an upstream service, with a timeout for each read and a number of attempts.
pub struct Client {
    addr: SocketAddr,
    timeout: Duration,
    attempts: u32,
}

impl Client {
    pub fn new(addr: SocketAddr, timeout: Duration, attempts: u32) -> Self {
        Client {
            addr,
            timeout,
            attempts,
        }
    }

    /// GETs `path` and returns the body of a 200. Retries what is retryable, up to `attempts`
    /// tries in all. (A production client also waits, with jitter, between tries: see the
    /// scalability stage.)
    pub fn get(&self, path: &str) -> Result<String, FetchError> {
        let attempts = if mutant("no_retry") { 1 } else { self.attempts };
        let mut attempt = 1;
        loop {
            match self.get_once(path) {
                Err(error) if attempt < attempts && error.is_retryable() => attempt += 1,
                result => return result,
            }
        }
    }

    fn get_once(&self, path: &str) -> Result<String, FetchError> {
        let mut stream = TcpStream::connect_timeout(&self.addr, self.timeout).map_err(io_error)?;
        stream
            .set_read_timeout(Some(self.timeout))
            .map_err(io_error)?;
        stream
            .set_write_timeout(Some(self.timeout))
            .map_err(io_error)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .map_err(io_error)?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).map_err(io_error)?;
        parse_response(&response)
    }
}

fn parse_response(bytes: &[u8]) -> Result<String, FetchError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FetchError::BadResponse)?;
    let (head, body) = text.split_once("\r\n\r\n").ok_or(FetchError::BadResponse)?;
    let status_line = head.lines().next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let (Some(version), Some(code)) = (parts.next(), parts.next()) else {
        return Err(FetchError::BadResponse);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(FetchError::BadResponse);
    }
    match code.parse::<u16>() {
        Ok(200) => Ok(body.to_string()),
        Ok(code) => Err(FetchError::Status(code)),
        Err(_) => Err(FetchError::BadResponse),
    }
}

fn main() {
    let client = Client::new(
        "127.0.0.1:9".parse().unwrap(),
        Duration::from_millis(200),
        3,
    );
    println!("{:?}", client.get("/quote"));
}

// The stub is test code, so it lives with the tests. Your work: the `Reply::Hang` arm, and the
// tests marked TODO. The runner checks that the tests pass, and that every bug it plants in the
// client makes at least one of them fail.
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::thread;

    /// What the stub does with one request.
    enum Reply {
        /// Answer with this status code and body.
        Status(u16, &'static str),
        /// Never answer: keep the connection open, without a word, until the stub is dropped.
        Hang,
    }

    /// A fake upstream on a loopback port. It answers requests with the replies of its script,
    /// in order (500 once the script has run out), and counts them.
    struct Stub {
        addr: SocketAddr,
        requests: Arc<AtomicUsize>,
        stop: Arc<AtomicBool>,
        thread: Option<thread::JoinHandle<()>>,
    }

    impl Stub {
        fn start(script: Vec<Reply>) -> Stub {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            let requests = Arc::new(AtomicUsize::new(0));
            let stop = Arc::new(AtomicBool::new(false));
            let thread = thread::spawn({
                let (requests, stop) = (requests.clone(), stop.clone());
                move || {
                    let mut script = script.into_iter();
                    // Connections the stub leaves hanging. They close when this is dropped,
                    // at the end of the thread.
                    let mut hung: Vec<TcpStream> = Vec::new();
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(mut stream) = stream else { continue };
                        if !read_request_head(&stream) {
                            continue;
                        }
                        requests.fetch_add(1, Ordering::SeqCst);
                        let reply = script
                            .next()
                            .unwrap_or(Reply::Status(500, "script is over"));
                        match reply {
                            Reply::Status(code, body) => respond(&mut stream, code, body),
                            Reply::Hang => hung.push(stream),
                        }
                    }
                }
            });
            Stub {
                addr,
                requests,
                stop,
                thread: Some(thread),
            }
        }

        /// How many requests the stub has received.
        fn requests(&self) -> usize {
            self.requests.load(Ordering::SeqCst)
        }
    }

    impl Drop for Stub {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::SeqCst);
            // Wake the accept loop with one last connection, and wait until it has finished
            // (which closes the hung connections).
            let _ = TcpStream::connect(self.addr);
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }

    /// Reads a request up to its blank line. False if the connection had nothing to say.
    fn read_request_head(stream: &TcpStream) -> bool {
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut lines = 0;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return false,
                Ok(_) if line == "\r\n" => return lines > 0,
                Ok(_) => lines += 1,
            }
        }
    }

    fn respond(stream: &mut TcpStream, code: u16, body: &str) {
        let _ = write!(
            stream,
            "HTTP/1.1 {code} Stub\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }

    /// A client with a short timeout, so that a hang costs the test a tenth of a second.
    fn client_for(stub: &Stub) -> Client {
        Client::new(stub.addr, Duration::from_millis(100), 3)
    }

    // An example to start from.
    #[test]
    fn a_200_returns_the_body() {
        let stub = Stub::start(vec![Reply::Status(200, "Talk is cheap.")]);
        assert_eq!(
            client_for(&stub).get("/quote"),
            Ok("Talk is cheap.".to_string())
        );
        assert_eq!(stub.requests(), 1);
    }

    #[test]
    fn a_500_is_retried() {
        let stub = Stub::start(vec![
            Reply::Status(500, "oops"),
            Reply::Status(200, "second time lucky"),
        ]);
        assert_eq!(
            client_for(&stub).get("/quote"),
            Ok("second time lucky".to_string())
        );
        assert_eq!(stub.requests(), 2);
    }

    #[test]
    fn the_client_gives_up_after_three_attempts() {
        let stub = Stub::start(vec![
            Reply::Status(503, "busy"),
            Reply::Status(503, "busy"),
            Reply::Status(503, "busy"),
            Reply::Status(200, "too late"),
        ]);
        assert_eq!(
            client_for(&stub).get("/quote"),
            Err(FetchError::Status(503))
        );
        assert_eq!(stub.requests(), 3);
    }

    #[test]
    fn a_404_is_not_retried() {
        let stub = Stub::start(vec![
            Reply::Status(404, "no such quote"),
            Reply::Status(200, "should not be asked"),
        ]);
        assert_eq!(
            client_for(&stub).get("/quote"),
            Err(FetchError::Status(404))
        );
        assert_eq!(stub.requests(), 1);
    }

    #[test]
    fn a_hung_upstream_times_out_and_is_retried() {
        let stub = Stub::start(vec![Reply::Hang, Reply::Status(200, "finally")]);
        assert_eq!(client_for(&stub).get("/quote"), Ok("finally".to_string()));
        assert_eq!(stub.requests(), 2);
    }
}

// expiry1: keys that expire
//
// A cache entry, a session, a rate-limit window: much of what backends keep in Redis should
// disappear by itself after a while. `SET key value PX 5000` stores a value that lives 5000
// milliseconds; once that time has passed, `GET key` answers nil (`$-1`) as if the key had
// never been set. A plain `SET` (no PX) keeps the key forever, and replaces any earlier
// deadline. The store reads the time from an injected `Clock`, so tests move time at will.
//
// GET and SET work already, but SET ignores PX. Store each key's deadline and honour it.

#[path = "support/clock.rs"]
mod clock;
#[path = "support/resp.rs"]
mod resp;
#[path = "support/server.rs"]
mod server;

use clock::Clock;
use resp::{Command, Reply};
use std::collections::HashMap;

struct Entry {
    value: Vec<u8>,
    /// The time (from `clock.now_ms()`) from which the key no longer exists.
    expires_at: Option<u64>,
}

struct Store {
    clock: Box<dyn Clock>,
    data: HashMap<Vec<u8>, Entry>,
}

impl Store {
    fn execute(&mut self, command: Command) -> Reply {
        let now = self.clock.now_ms();
        match (resp::name(&command).as_str(), command.len()) {
            ("GET", 2) => {
                // TODO: a key whose deadline has come (`now >= expires_at`) is gone.
                match self.data.get(&command[1]) {
                    Some(entry) if entry.expires_at.is_none_or(|deadline| now < deadline) => {
                        Reply::Bulk(entry.value.clone())
                    }
                    _ => Reply::Nil,
                }
            }
            ("SET", 3) => self.set(&command, None),
            ("SET", 5) if command[3].eq_ignore_ascii_case(b"PX") => {
                match String::from_utf8_lossy(&command[4]).parse::<u64>() {
                    Ok(0) => Reply::Error("ERR invalid expire time in 'set' command".into()),
                    // TODO: the key expires `ms` milliseconds from now.
                    Ok(ms) => self.set(&command, Some(now + ms)),
                    Err(_) => Reply::Error("ERR value is not an integer or out of range".into()),
                }
            }
            ("GET" | "SET", _) => Reply::wrong_arity(&command),
            _ => Reply::Error(format!("ERR unknown command '{}'", resp::name(&command))),
        }
    }

    fn set(&mut self, command: &Command, expires_at: Option<u64>) -> Reply {
        let value = command[2].clone();
        self.data
            .insert(command[1].clone(), Entry { value, expires_at });
        Reply::ok()
    }
}

fn start(clock: impl Clock + 'static) -> server::Server {
    let mut store = Store {
        clock: Box::new(clock),
        data: HashMap::new(),
    };
    server::Server::commands(move |command| store.execute(command))
}

fn main() {
    // `cargo run -p exercises-nosql --bin expiry1`, then try it with `redis-cli -p PORT`.
    start(clock::SystemClock).run_until_enter();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FakeClock;

    #[test]
    fn set_then_get() {
        let server = start(FakeClock::at(1_000));
        let answer = server.ask(&[
            &["SET", "greeting", "hello"],
            &["GET", "greeting"],
            &["GET", "nope"],
        ]);
        assert_eq!(
            answer, "+OK\r\n$5\r\nhello\r\n$-1\r\n",
            "SET answers +OK, GET the value as a bulk string, and nil ($-1) for a missing key"
        );
    }

    #[test]
    fn a_key_set_with_px_lives_until_its_deadline() {
        let clock = FakeClock::at(1_000);
        let server = start(clock.clone());
        let answer = server.ask(&[&["SET", "session", "ada", "PX", "5000"]]);
        assert_eq!(answer, "+OK\r\n", "SET with PX answers +OK");
        clock.advance(4_999);
        let answer = server.ask(&[&["GET", "session"]]);
        assert_eq!(
            answer, "$3\r\nada\r\n",
            "4999 ms after SET ... PX 5000, the key is still there"
        );
        clock.advance(1);
        let answer = server.ask(&[&["GET", "session"]]);
        assert_eq!(
            answer, "$-1\r\n",
            "5000 ms after SET ... PX 5000, the key has expired: GET answers nil"
        );
    }

    #[test]
    fn a_plain_set_removes_the_deadline() {
        let clock = FakeClock::at(0);
        let server = start(clock.clone());
        let answer = server.ask(&[
            &["SET", "k", "short", "px", "100"],
            &["SET", "k", "forever"],
        ]);
        assert_eq!(
            answer, "+OK\r\n+OK\r\n",
            "both SETs answer +OK (option names ignore case)"
        );
        clock.advance(1_000_000);
        let answer = server.ask(&[&["GET", "k"]]);
        assert_eq!(
            answer, "$7\r\nforever\r\n",
            "a SET without PX keeps the key forever"
        );
    }

    #[test]
    fn an_expired_key_can_be_set_again() {
        let clock = FakeClock::at(0);
        let server = start(clock.clone());
        server.ask(&[&["SET", "lock", "a", "PX", "10"]]);
        clock.advance(10);
        let answer = server.ask(&[
            &["GET", "lock"],
            &["SET", "lock", "b", "PX", "10"],
            &["GET", "lock"],
        ]);
        assert_eq!(
            answer, "$-1\r\n+OK\r\n$1\r\nb\r\n",
            "the expired key reads as nil, and a new SET ... PX starts a new lifetime from now"
        );
        let answer = server.ask(&[
            &["SET", "lock", "c", "PX", "soon"],
            &["SET", "lock", "c", "PX", "0"],
        ]);
        assert_eq!(
            answer,
            "-ERR value is not an integer or out of range\r\n-ERR invalid expire time in 'set' command\r\n",
            "PX takes a positive number of milliseconds"
        );
    }
}

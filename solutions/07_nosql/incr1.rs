// incr1: counters on the server
//
// Page views, rate-limit windows, order numbers: INCR adds 1 to the integer stored at a key
// and answers the new value (`:42\r\n`). Doing it on the server, in one command, is what
// makes it safe: two clients that each GET, add 1 and SET can both read 41 and both write
// 42, losing a count. Redis keeps the number as a string ("41"); a missing key counts as 0.
// A value that is not a 64-bit integer, or would overflow, gets the error reply
// `-ERR value is not an integer or out of range` and stays as it was.
//
// GET and SET work. Write `incr`.

#[path = "support/resp.rs"]
mod resp;
#[path = "support/server.rs"]
mod server;

use resp::{Command, Reply};
use std::collections::HashMap;

#[derive(Default)]
struct Store {
    data: HashMap<Vec<u8>, Vec<u8>>,
}

fn not_an_integer() -> Reply {
    Reply::Error("ERR value is not an integer or out of range".to_owned())
}

impl Store {
    fn incr(&mut self, key: &[u8]) -> Reply {
        // TODO: read the value as an i64 (missing: 0), add 1, store it back as text, and
        // answer it; `not_an_integer()` for a value that is not a number, or on overflow.
        let current = match self.data.get(key) {
            None => Some(0),
            Some(value) => std::str::from_utf8(value)
                .ok()
                .and_then(|s| s.parse::<i64>().ok()),
        };
        let Some(next) = current.and_then(|n| n.checked_add(1)) else {
            return not_an_integer();
        };
        let text = next.to_string();
        self.data.insert(key.to_vec(), text.into_bytes());
        Reply::Integer(next)
    }

    fn execute(&mut self, command: Command) -> Reply {
        match (resp::name(&command).as_str(), command.len()) {
            ("GET", 2) => self
                .data
                .get(&command[1])
                .map_or(Reply::Nil, |v| Reply::Bulk(v.clone())),
            ("SET", 3) => {
                self.data.insert(command[1].clone(), command[2].clone());
                Reply::ok()
            }
            ("INCR", 2) => self.incr(&command[1]),
            ("GET" | "SET" | "INCR", _) => Reply::wrong_arity(&command),
            _ => Reply::Error(format!("ERR unknown command '{}'", resp::name(&command))),
        }
    }
}

fn start() -> server::Server {
    let mut store = Store::default();
    server::Server::commands(move |command| store.execute(command))
}

fn main() {
    // `cargo run -p exercises-nosql --bin incr1`, then try it with `redis-cli -p PORT`.
    let server = start();
    println!("listening on {} (press Enter to stop)", server.addr);
    let _ = std::io::stdin().read_line(&mut String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_key_counts_from_zero() {
        let answer = start().ask(&[&["INCR", "views"], &["INCR", "views"], &["GET", "views"]]);
        assert_eq!(
            answer, ":1\r\n:2\r\n$1\r\n2\r\n",
            "INCR on a missing key answers :1, then :2, and the key then holds the text \"2\""
        );
    }

    #[test]
    fn a_stored_number_is_incremented() {
        let answer = start().ask(&[
            &["SET", "n", "41"],
            &["INCR", "n"],
            &["SET", "m", "-1"],
            &["INCR", "m"],
        ]);
        assert_eq!(
            answer, "+OK\r\n:42\r\n+OK\r\n:0\r\n",
            "INCR reads the stored text as a signed integer: \"41\" becomes 42, \"-1\" becomes 0"
        );
    }

    #[test]
    fn a_value_that_is_not_an_integer_is_refused() {
        let answer = start().ask(&[&["SET", "name", "ada"], &["INCR", "name"], &["GET", "name"]]);
        assert_eq!(
            answer, "+OK\r\n-ERR value is not an integer or out of range\r\n$3\r\nada\r\n",
            "INCR on \"ada\" answers the error, and leaves the value as it was"
        );
        let answer = start().ask(&[
            &["SET", "x", "1.5"],
            &["INCR", "x"],
            &["SET", "y", " 7"],
            &["INCR", "y"],
        ]);
        assert_eq!(
            answer,
            "+OK\r\n-ERR value is not an integer or out of range\r\n+OK\r\n-ERR value is not an integer or out of range\r\n",
            "\"1.5\" and \" 7\" are not integers either"
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let max = i64::MAX.to_string();
        let answer = start().ask(&[&["SET", "big", &max], &["INCR", "big"], &["GET", "big"]]);
        assert_eq!(
            answer,
            format!("+OK\r\n-ERR value is not an integer or out of range\r\n$19\r\n{max}\r\n"),
            "past i64::MAX, INCR refuses (a counter that wraps to a negative number is a bug) \
             and leaves the value alone"
        );
    }
}

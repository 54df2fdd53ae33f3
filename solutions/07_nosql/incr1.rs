// incr1: counters on the server
//
// Page views, rate-limit windows, order numbers: INCR adds 1 to the integer stored at a key
// and answers the new value (`:42\r\n`). Doing it on the server, in one command, is what
// makes it safe: two clients that each GET, add 1 and SET can both read 41 and both write
// 42, losing a count. Redis keeps the number as a string ("41"); a missing key counts as 0.
// A value that is not a 64-bit integer, or would overflow (wrapping would be a bug), stays
// as it was, and INCR answers `-ERR value is not an integer or out of range`.
//
// GET and SET work. Write `incr`.

#[path = "support/resp.rs"]
mod resp;
#[path = "support/server.rs"]
mod server;

use resp::{Data, Reply};

/// INCR: adds 1 to the integer stored at `key`, and answers the new value.
fn incr(data: &mut Data, key: &[u8]) -> Reply {
    // TODO: read the value as an i64 (missing: 0), add 1, store it back as text, and
    // answer it; `Reply::not_an_integer()` for a value that is not a number, or on overflow.
    let current = match data.get(key) {
        None => Some(0),
        Some(value) => std::str::from_utf8(value)
            .ok()
            .and_then(|s| s.parse::<i64>().ok()),
    };
    let Some(next) = current.and_then(|n| n.checked_add(1)) else {
        return Reply::not_an_integer();
    };
    let text = next.to_string();
    data.insert(key.to_vec(), text.into_bytes());
    Reply::Integer(next)
}

fn start() -> server::Server {
    server::Server::with_incr(incr)
}

fn main() {
    // `cargo run -p exercises-nosql --bin incr1`, then try it with `redis-cli -p PORT`.
    start().run_until_enter();
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_AN_INTEGER: &str = "-ERR value is not an integer or out of range\r\n";

    #[test]
    fn a_missing_key_counts_from_zero() {
        let answer = start().script("INCR views; INCR views; GET views");
        assert_eq!(
            answer, ":1\r\n:2\r\n$1\r\n2\r\n",
            "a missing key counts as 0"
        );
    }

    #[test]
    fn a_stored_number_is_incremented() {
        let answer = start().script("SET n 41; INCR n; SET m -1; INCR m");
        let want = "+OK\r\n:42\r\n+OK\r\n:0\r\n";
        assert_eq!(answer, want, "\"41\" becomes 42, \"-1\" becomes 0");
    }

    #[test]
    fn a_value_that_is_not_an_integer_is_refused() {
        let answer = start().script("SET name ada; INCR name; GET name");
        let want = format!("+OK\r\n{NOT_AN_INTEGER}$3\r\nada\r\n");
        assert_eq!(
            answer, want,
            "INCR on \"ada\" fails, and leaves it as it was"
        );
        let answer = start().script("SET x 1.5; INCR x; SET y 0x10; INCR y");
        let want = format!("+OK\r\n{NOT_AN_INTEGER}+OK\r\n{NOT_AN_INTEGER}");
        assert_eq!(answer, want, "\"1.5\" and \"0x10\" are not integers either");
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let answer = start().script(&format!("SET big {}; INCR big; GET big", i64::MAX));
        let want = format!("+OK\r\n{NOT_AN_INTEGER}$19\r\n{}\r\n", i64::MAX);
        assert_eq!(
            answer, want,
            "past i64::MAX, INCR refuses and changes nothing"
        );
    }
}

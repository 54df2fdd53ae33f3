// resp_parse1: reading a command off the wire
//
// Redis clients send every command as a RESP array of bulk strings. `ECHO hi` travels as
// `*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n`: the array's length, then each argument as its length
// in bytes and the bytes themselves. The length, not the "\r\n" after it, says where an
// argument ends: values may hold any bytes, "\r\n" included. And TCP delivers a byte
// stream, not messages: a read may end halfway through a command, and the parser must then
// say "not yet" (`Ok(None)`) so the server waits for more.
//
// `parse_command` reads the array header for you. Fix how it reads each argument.

#[path = "support/resp.rs"]
mod resp;
#[path = "support/server.rs"]
mod server;

use resp::{Command, Parsed, read_header};

/// The command at the start of `buf` and its length, or `Ok(None)` while part is missing.
fn parse_command(buf: &[u8]) -> Parsed {
    let Some((count, mut pos)) = read_header(buf, 0, b'*')? else {
        return Ok(None);
    };
    let mut command: Command = Vec::new();
    for _ in 0..count {
        let Some((len, start)) = read_header(buf, pos, b'$')? else {
            return Ok(None);
        };
        // TODO: the argument is the `len` bytes from `start`, then "\r\n"; `Ok(None)` until then.
        let Some(end) = resp::find_crlf(buf, start) else {
            return Ok(None);
        };
        let _ = len;
        command.push(buf[start..end].to_vec());
        pos = end + 2;
    }
    Ok(Some((command, pos)))
}

fn main() {
    // `cargo run -p exercises-nosql --bin resp_parse1`, then `redis-cli -p PORT echo hi`.
    start().run_until_enter();
}

fn start() -> server::Server {
    server::Server::with_parser(parse_command, resp::ping_echo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_may_contain_crlf() {
        let answer = start().ask(&[&["ECHO", "two\r\nlines"], &["PING"]]);
        let want = "$10\r\ntwo\r\nlines\r\n+PONG\r\n";
        assert_eq!(answer, want, "the \"\\r\\n\" inside a value is not its end");
    }

    #[test]
    fn a_command_split_across_writes_waits_for_the_rest() {
        let bytes = resp::encode_command(&["ECHO", "hello world"]);
        for cut in 1..bytes.len() {
            let part = String::from_utf8_lossy(&bytes[..cut]);
            let parsed = resp::as_text(parse_command(&bytes[..cut]));
            assert_eq!(parsed, Ok(None), "{part:?} is a command's start: wait");
        }
        let answer = start().send_raw(&[&bytes[..20], &bytes[20..]]);
        let want = "$11\r\nhello world\r\n";
        assert_eq!(answer, want, "two reads, one command: answer it whole");
    }

    #[test]
    fn the_parser_says_how_many_bytes_it_used() {
        let bytes = b"*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n*1\r\n$4\r\nPING\r\n";
        let parsed = resp::as_text(parse_command(bytes));
        let want = Ok(Some((vec!["ECHO".to_owned(), "a\r\nb".to_owned()], 24)));
        assert_eq!(parsed, want, "the first command ends where PING starts");
    }
}

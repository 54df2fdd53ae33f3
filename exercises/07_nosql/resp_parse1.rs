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

/// Parses one command from the start of `buf`: `Ok(Some((command, used)))` once all of it
/// has arrived, `Ok(None)` while part of it is missing.
fn parse_command(buf: &[u8]) -> Parsed {
    let Some((count, mut pos)) = read_header(buf, 0, b'*')? else {
        return Ok(None);
    };
    let mut command: Command = Vec::new();
    for _ in 0..count {
        let Some((len, start)) = read_header(buf, pos, b'$')? else {
            return Ok(None);
        };
        // TODO: the argument is the `len` bytes from `start`, then "\r\n". Return `Ok(None)`
        // if they have not all arrived yet.
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
    let server = server::Server::with_parser(parse_command, resp::ping_echo);
    println!("listening on {} (press Enter to stop)", server.addr);
    let _ = std::io::stdin().read_line(&mut String::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use server::Server;

    fn server() -> Server {
        Server::with_parser(parse_command, resp::ping_echo)
    }

    #[test]
    fn a_simple_command_is_answered() {
        let answer = server().ask(&[&["ECHO", "hi"]]);
        assert_eq!(answer, "$2\r\nhi\r\n", "ECHO hi answers the bulk string hi");
    }

    #[test]
    fn an_argument_may_contain_crlf() {
        let answer = server().ask(&[&["ECHO", "two\r\nlines"], &["PING"]]);
        assert_eq!(
            answer, "$10\r\ntwo\r\nlines\r\n+PONG\r\n",
            "a bulk string is the next `len` bytes, whatever they are: the \"\\r\\n\" inside the \
             value is part of it, not its end"
        );
    }

    #[test]
    fn a_command_split_across_writes_waits_for_the_rest() {
        let bytes = resp::encode_command(&["ECHO", "hello world"]);
        for cut in 1..bytes.len() {
            let part = &bytes[..cut];
            assert_eq!(
                resp::as_text(parse_command(part)),
                Ok(None),
                "{:?} is only the start of a command: the parser must wait for the rest",
                String::from_utf8_lossy(part)
            );
        }
        let answer = server().send_raw(&[&bytes[..20], &bytes[20..]]);
        assert_eq!(
            answer, "$11\r\nhello world\r\n",
            "a command that arrives in two reads is answered once it is whole"
        );
    }

    #[test]
    fn the_parser_says_how_many_bytes_it_used() {
        let mut bytes = resp::encode_command(&["ECHO", "a\r\nb"]);
        let first = bytes.len();
        bytes.extend_from_slice(b"*1\r\n$4\r\nPING\r\n");
        let parsed = resp::as_text(parse_command(&bytes));
        assert_eq!(
            parsed,
            Ok(Some((vec!["ECHO".to_owned(), "a\r\nb".to_owned()], first))),
            "the first command is ECHO \"a\\r\\nb\" and ends where the next one starts"
        );
    }
}

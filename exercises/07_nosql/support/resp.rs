//! RESP2, the Redis wire protocol: the pieces the exercises share (support code: you do not
//! need to edit it).
//!
//! A client sends each command as an array of bulk strings:
//! `*2\r\n$3\r\nGET\r\n$5\r\nhello\r\n` is `GET hello`. The server answers with one reply per
//! command: `+OK\r\n` (simple string), `-ERR message\r\n` (error), `:42\r\n` (integer),
//! `$5\r\nworld\r\n` (bulk string) or `$-1\r\n` (nil: no such key).
#![allow(dead_code)]

/// A command as the client sent it: its name, then its arguments, as raw bytes.
pub type Command = Vec<Vec<u8>>;

/// The result of parsing the start of a buffer: `Ok(Some((command, used)))` when a whole
/// command is there (`used` bytes long), `Ok(None)` when more bytes must arrive first, and
/// `Err(message)` when the bytes are not RESP at all.
pub type Parsed = Result<Option<(Command, usize)>, String>;

#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Simple(String),
    Error(String),
    Integer(i64),
    Bulk(Vec<u8>),
    Nil,
}

impl Reply {
    pub fn ok() -> Reply {
        Reply::Simple("OK".to_owned())
    }

    /// The error Redis gives for a command with too few or too many arguments.
    pub fn wrong_arity(command: &Command) -> Reply {
        Reply::Error(format!(
            "ERR wrong number of arguments for '{}' command",
            name(command).to_lowercase()
        ))
    }

    /// The error INCR gives for a value that is not a 64-bit integer, or would overflow.
    pub fn not_an_integer() -> Reply {
        Reply::Error("ERR value is not an integer or out of range".to_owned())
    }

    /// The error Redis gives for a command it does not know.
    pub fn unknown(command: &Command) -> Reply {
        Reply::Error(format!("ERR unknown command '{}'", name(command)))
    }

    /// The reply's bytes on the wire.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            Reply::Simple(text) => out.extend_from_slice(format!("+{text}\r\n").as_bytes()),
            Reply::Error(text) => out.extend_from_slice(format!("-{text}\r\n").as_bytes()),
            Reply::Integer(n) => out.extend_from_slice(format!(":{n}\r\n").as_bytes()),
            Reply::Bulk(bytes) => {
                out.extend_from_slice(format!("${}\r\n", bytes.len()).as_bytes());
                out.extend_from_slice(bytes);
                out.extend_from_slice(b"\r\n");
            }
            Reply::Nil => out.extend_from_slice(b"$-1\r\n"),
        }
    }
}

/// The command's name in upper case (clients may send `get`, `GET` or `Get`).
pub fn name(command: &Command) -> String {
    command
        .first()
        .map(|n| String::from_utf8_lossy(n).to_uppercase())
        .unwrap_or_default()
}

/// Where the next "\r\n" starts, looking from `from`.
pub fn find_crlf(buf: &[u8], from: usize) -> Option<usize> {
    buf.get(from..)?
        .windows(2)
        .position(|w| w == b"\r\n")
        .map(|i| from + i)
}

/// Reads a header line such as `*2\r\n` or `$5\r\n` at `pos`: the number after `kind`, and
/// where the bytes after the line start. `Ok(None)` if the line has not fully arrived.
pub fn read_header(buf: &[u8], pos: usize, kind: u8) -> Result<Option<(usize, usize)>, String> {
    let Some(&first) = buf.get(pos) else {
        return Ok(None);
    };
    if first != kind {
        return Err(format!(
            "expected '{}', got '{}'",
            kind as char,
            (first as char).escape_debug()
        ));
    }
    let Some(end) = find_crlf(buf, pos + 1) else {
        return Ok(None);
    };
    let digits = String::from_utf8_lossy(&buf[pos + 1..end]);
    match digits.parse::<usize>() {
        Ok(n) if n <= 512 * 1024 * 1024 => Ok(Some((n, end + 2))),
        _ => Err(format!("invalid length '{digits}'")),
    }
}

/// Parses one command (an array of bulk strings) from the start of `buf`.
pub fn parse_command(buf: &[u8]) -> Parsed {
    let Some((count, mut pos)) = read_header(buf, 0, b'*')? else {
        return Ok(None);
    };
    let mut command = Vec::with_capacity(count.min(64));
    for _ in 0..count {
        let Some((len, start)) = read_header(buf, pos, b'$')? else {
            return Ok(None);
        };
        let end = start + len;
        if buf.len() < end + 2 {
            return Ok(None);
        }
        if &buf[end..end + 2] != b"\r\n" {
            return Err("expected CRLF after a bulk string".to_owned());
        }
        command.push(buf[start..end].to_vec());
        pos = end + 2;
    }
    Ok(Some((command, pos)))
}

/// A command's bytes as a client sends them: `encode_command(&["GET", "k"])`.
pub fn encode_command(parts: &[&str]) -> Vec<u8> {
    let mut out = format!("*{}\r\n", parts.len()).into_bytes();
    for part in parts {
        out.extend_from_slice(format!("${}\r\n{part}\r\n", part.len()).as_bytes());
    }
    out
}

/// PING and ECHO only: enough to watch a parser at work.
pub fn ping_echo(command: Command) -> Reply {
    match (name(&command).as_str(), command.len()) {
        ("PING", 1) => Reply::Simple("PONG".to_owned()),
        ("ECHO", 2) => Reply::Bulk(command[1].clone()),
        _ => Reply::Error(format!("ERR unknown command '{}'", name(&command))),
    }
}

/// A parse result with the arguments as text, for test messages.
pub fn as_text(parsed: Parsed) -> Result<Option<(Vec<String>, usize)>, String> {
    parsed.map(|found| {
        found.map(|(command, used)| {
            let args = command
                .iter()
                .map(|arg| String::from_utf8_lossy(arg).into_owned())
                .collect();
            (args, used)
        })
    })
}

/// A plain key-value map, as the server keeps its data.
pub type Data = std::collections::HashMap<Vec<u8>, Vec<u8>>;

/// GET on a plain key-value map: the value as a bulk string, or nil.
pub fn get(data: &std::collections::HashMap<Vec<u8>, Vec<u8>>, key: &[u8]) -> Reply {
    data.get(key).map_or(Reply::Nil, |v| Reply::Bulk(v.clone()))
}

/// SET on a plain key-value map: stores the value and answers +OK.
pub fn set(
    data: &mut std::collections::HashMap<Vec<u8>, Vec<u8>>,
    key: &[u8],
    value: &[u8],
) -> Reply {
    data.insert(key.to_vec(), value.to_vec());
    Reply::ok()
}

/// A tiny store that answers PING, GET and SET.
#[derive(Default)]
pub struct Store {
    data: std::collections::HashMap<Vec<u8>, Vec<u8>>,
}

impl Store {
    pub fn execute(&mut self, command: Command) -> Reply {
        match (name(&command).as_str(), command.len()) {
            ("PING", 1) => Reply::Simple("PONG".to_owned()),
            ("GET", 2) => get(&self.data, &command[1]),
            ("SET", 3) => set(&mut self.data, &command[1], &command[2]),
            _ => Reply::unknown(&command),
        }
    }
}

//! A TCP server that speaks RESP on 127.0.0.1, and a client for the tests (support code: you
//! do not need to edit it).
//!
//! The server accepts connections (one thread each), reads what the client sends into a
//! buffer, and after each read hands the buffer to a handler, which takes the commands it can
//! answer out of it and appends their replies to `out`; whatever it writes to `out` is sent
//! back. When the client closes its side, the server closes the connection.
#![allow(dead_code)]

use super::resp::{self, Command, Parsed, Reply};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Takes complete commands out of `input` and appends their replies to `out`.
pub type Handler = dyn FnMut(&mut Vec<u8>, &mut Vec<u8>) -> Result<(), String> + Send;

/// How long the test client waits for the server: only a guard against a hang.
pub const READ_TIMEOUT: Duration = Duration::from_secs(1);

pub struct Server {
    pub addr: SocketAddr,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1 that runs `handler` after each read. All
    /// connections share the handler (and so the data it holds).
    pub fn start(
        handler: impl FnMut(&mut Vec<u8>, &mut Vec<u8>) -> Result<(), String> + Send + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let handler: Arc<Mutex<Box<Handler>>> = Arc::new(Mutex::new(Box::new(handler)));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || connection(stream, &handler));
            }
        });
        Server { addr }
    }

    /// A server that parses commands with `parse` and answers each with `execute`, in order.
    pub fn with_parser(
        parse: fn(&[u8]) -> Parsed,
        mut execute: impl FnMut(Command) -> Reply + Send + 'static,
    ) -> Server {
        Server::start(move |input, out| {
            while let Some((command, used)) = parse(input)? {
                input.drain(..used);
                execute(command).encode_into(out);
            }
            Ok(())
        })
    }

    /// A server that answers GET and SET, and INCR with `incr`, on one shared map.
    pub fn with_incr(incr: fn(&mut resp::Data, &[u8]) -> Reply) -> Server {
        let mut data = resp::Data::new();
        Server::commands(
            move |command| match (resp::name(&command).as_str(), command.len()) {
                ("GET", 2) => resp::get(&data, &command[1]),
                ("SET", 3) => resp::set(&mut data, &command[1], &command[2]),
                ("INCR", 2) => incr(&mut data, &command[1]),
                ("GET" | "SET" | "INCR", _) => Reply::wrong_arity(&command),
                _ => Reply::unknown(&command),
            },
        )
    }

    /// A server that answers each command with `execute`.
    pub fn commands(execute: impl FnMut(Command) -> Reply + Send + 'static) -> Server {
        Server::with_parser(resp::parse_command, execute)
    }

    /// Prints the address and serves until Enter is pressed (for `cargo run`).
    pub fn run_until_enter(self) {
        println!("listening on {} (press Enter to stop)", self.addr);
        let _ = std::io::stdin().read_line(&mut String::new());
    }

    /// Sends `commands` in one write, as a pipelining client does, then closes the sending
    /// side and returns everything the server answered, as text.
    pub fn ask(&self, commands: &[&[&str]]) -> String {
        let bytes: Vec<u8> = commands
            .iter()
            .flat_map(|c| resp::encode_command(c))
            .collect();
        self.send_raw(&[&bytes])
    }

    /// `ask` with the commands written as text: "SET n 41; INCR n" is two commands, separated
    /// by `;`, their arguments by spaces.
    pub fn script(&self, script: &str) -> String {
        let commands: Vec<Vec<&str>> = script
            .split(';')
            .map(|c| c.split_whitespace().collect())
            .collect();
        let commands: Vec<&[&str]> = commands.iter().map(|c| &c[..]).collect();
        self.ask(&commands)
    }

    /// Sends each of `writes` as a separate write, then closes the sending side and returns
    /// everything the server answered, as text.
    pub fn send_raw(&self, writes: &[&[u8]]) -> String {
        let mut stream = TcpStream::connect(self.addr).expect("connect to the server");
        stream
            .set_read_timeout(Some(READ_TIMEOUT))
            .expect("set_read_timeout");
        for bytes in writes {
            stream.write_all(bytes).expect("send to the server");
            stream.flush().expect("flush");
        }
        stream
            .shutdown(Shutdown::Write)
            .expect("close the sending side");
        let mut answer = Vec::new();
        match stream.read_to_end(&mut answer) {
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                answer.extend_from_slice(
                    format!("<no more bytes within {READ_TIMEOUT:?}>").as_bytes(),
                );
            }
            Err(e) => answer.extend_from_slice(format!("<connection error: {e}>").as_bytes()),
        }
        String::from_utf8_lossy(&answer).into_owned()
    }
}

fn connection(mut stream: TcpStream, handler: &Mutex<Box<Handler>>) {
    let mut input = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        input.extend_from_slice(&chunk[..n]);
        let mut out = Vec::new();
        let result = {
            let mut handler = handler.lock().unwrap_or_else(|e| e.into_inner());
            handler(&mut input, &mut out)
        };
        if let Err(message) = &result {
            out.extend_from_slice(format!("-ERR Protocol error: {message}\r\n").as_bytes());
        }
        if stream.write_all(&out).is_err() || result.is_err() {
            return;
        }
    }
}

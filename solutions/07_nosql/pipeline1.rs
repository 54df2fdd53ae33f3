// pipeline1: pipelining
//
// A round trip to the server costs far more than running a command. So clients *pipeline*:
// they send many commands in one write without waiting, and read the replies afterwards,
// which come in the same order. Nothing in the protocol marks a pipeline: the server simply
// finds several commands in what one read brought, and must answer all of them. A read may
// also end in the middle of a command; that tail waits in the buffer until the rest arrives.
//
// The server calls `process` after each read, with everything received and not yet used in
// `input`. It answers one command per read. Make it answer all the complete ones, in order.
// (`Store`, in `support/resp.rs`, runs PING, GET and SET.)

#[path = "support/resp.rs"]
mod resp;
#[path = "support/server.rs"]
mod server;

use resp::Store;

/// Answers the complete commands at the start of `input` (removing them from it) by
/// appending their replies to `out`. An `Err` closes the connection.
fn process(store: &mut Store, input: &mut Vec<u8>, out: &mut Vec<u8>) -> Result<(), String> {
    // TODO: answer every complete command in `input`, not just the first.
    while let Some((command, used)) = resp::parse_command(input)? {
        input.drain(..used);
        store.execute(command).encode_into(out);
    }
    Ok(())
}

fn start() -> server::Server {
    let mut store = Store::default();
    server::Server::start(move |input, out| process(&mut store, input, out))
}

fn main() {
    // `cargo run -p exercises-nosql --bin pipeline1`, then
    // `printf 'PING\r\nPING\r\n' | redis-cli -p PORT --pipe` or any Redis client.
    start().run_until_enter();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipelined_commands_are_all_answered_in_order() {
        let answer = start().ask(&[&["PING"]]);
        assert_eq!(answer, "+PONG\r\n", "PING answers +PONG");
        let answer = start().ask(&[&["SET", "a", "1"], &["GET", "a"], &["PING"]]);
        let want = "+OK\r\n$1\r\n1\r\n+PONG\r\n";
        assert_eq!(
            answer, want,
            "three commands in one write get three replies, in order"
        );
    }

    #[test]
    fn a_long_pipeline() {
        let keys: Vec<String> = (0..200).map(|i| format!("key{i}")).collect();
        let sets: Vec<[&str; 3]> = keys.iter().map(|k| ["SET", k, k]).collect();
        let mut commands: Vec<&[&str]> = sets.iter().map(|c| &c[..]).collect();
        commands.push(&["GET", "key199"]);
        let answer = start().ask(&commands);
        let oks = answer.matches("+OK").count();
        assert_eq!(oks, 200, "200 pipelined SETs get 200 +OK replies");
        let want = format!("{}$6\r\nkey199\r\n", "+OK\r\n".repeat(200));
        assert_eq!(answer, want, "then GET key199 answers the value just set");
    }

    #[test]
    fn a_command_cut_by_the_end_of_a_read_waits_for_its_end() {
        let mut first = resp::encode_command(&["SET", "k", "v"]);
        let get = resp::encode_command(&["GET", "k"]);
        first.extend_from_slice(&get[..5]);
        let answer = start().send_raw(&[&first, &get[5..]]);
        // The start of GET that came with SET stays in `input` until its end arrives.
        assert_eq!(answer, "+OK\r\n$1\r\nv\r\n", "SET, then the GET cut in two");
    }
}

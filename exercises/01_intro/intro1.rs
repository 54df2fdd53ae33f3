// intro1: your first exercise
//
// Welcome to backlings! Every exercise is a small Rust program that is broken on purpose.
// You fix it in your editor and save the file: the runner notices and checks it again right
// away. When it passes, press `n` to move on. Stuck? Press `h` for a hint, and again for a
// bigger one.
//
// What you need to know first: Rust itself, from the Rust Book through chapter 9 (error
// handling: `Result` and `?`), or the rustlings exercises. backlings teaches the backend
// side and the Rust it needs on top of that, such as threads and async in the concurrency
// stage.
//
// This is a "run" exercise: it passes when the program compiles, runs to the end, and prints
// exactly the text the runner expects. Most later exercises are "test" exercises instead,
// checked by the tests at the bottom of their file.
//
// A server usually prints a banner when it starts: its name, its version, and the address
// where it listens. This one starts from a default port and lets its configuration choose
// another. It does not compile yet. Read the compiler's error: it names the file and the
// line, says what is wrong, and often suggests the fix.
//
// Make it compile. The place to change is marked with `// TODO`.

const NAME: &str = "backlings-server";
const VERSION: &str = "0.1.0";

fn main() {
    let host = "127.0.0.1";
    // The port to use when the configuration does not say.
    // TODO: `port` changes below, but a Rust variable cannot change unless you say so.
    let port = 8080;

    // The configuration asks for port 3000. (In a later exercise it comes from a real config.)
    let port_from_config: Option<u16> = Some(3000);
    if let Some(configured) = port_from_config {
        port = configured;
    }

    println!("{NAME} {VERSION}");
    println!("listening on http://{host}:{port}");
}

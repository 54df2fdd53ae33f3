//! The `backlings` command: parses nothing itself, hands the arguments to the library.

fn main() {
    let code = backlings::run(std::env::args_os());
    std::process::exit(code);
}

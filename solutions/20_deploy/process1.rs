// process1: the program, seen from outside
//
// A supervisor (Kubernetes, systemd, Docker) starts the binary with environment variables
// and then sees only its exit status, its output and its port. A program that cannot work
// must exit non-zero (sysexits.h's code for a bad configuration is 78): exit 0 means
// "finished fine", so nothing restarts it, no alarm goes off, and a deploy looks green while
// nothing serves. And with `PORT=0` the system picks a free port: announce the address bound.
//
// The tests start this program as a separate process and read its JSON log lines.

#[path = "support/config.rs"]
mod config;
#[cfg(test)]
#[path = "support/http.rs"]
mod http;
#[path = "support/log.rs"]
mod log;
#[path = "support/process.rs"]
mod process;

use axum::{Router, routing::get};
use serde_json::json;
use std::collections::HashMap;
use tokio::net::TcpListener;

pub fn app() -> Router {
    Router::new().route("/", get(|| async { "hello\n" }))
}

async fn run(vars: HashMap<String, String>) -> i32 {
    let config = match config::Config::from_vars(&vars) {
        Ok(config) => config,
        Err(e) => {
            log::error("bad configuration", json!({ "error": e.to_string() }));
            return 78; // EX_CONFIG
        }
    };
    let Ok(listener) = TcpListener::bind(("127.0.0.1", config.port)).await else {
        log::error("cannot listen", json!({ "port": config.port }));
        return 1;
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr.to_string(),
        Err(e) => {
            log::error("cannot listen", json!({ "error": e.to_string() }));
            return 1;
        }
    };
    log::info("listening", json!({ "addr": addr }));
    match axum::serve(listener, app()).await {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

fn main() {
    process::main(run)
}

// The tests below check your work. You don't need to change them.
#[cfg(test)]
mod tests {
    use super::*;
    use process::{PATIENCE, Program};

    process::server_entry!(run);

    #[test]
    fn a_bad_configuration_exits_with_a_failure_status() {
        let bad_port = [("PORT", "80a0"), ("DATABASE_URL", "sqlite:app.db")];
        for (vars, bad) in [(&bad_port[..], "PORT"), (&[("PORT", "0")], "DATABASE_URL")] {
            let mut program = Program::start(vars);
            let status = program.status(PATIENCE);
            let failed = status.starts_with("exited with code ") && status != "exited with code 0";
            let why = format!("with a bad {bad}, the program must exit non-zero (78); it {status}");
            assert!(failed, "{why}\n{}", program.report());
            let said = program.rest_of_stdout(PATIENCE).join("\n");
            let why = format!("the error it logs names {bad}");
            assert!(said.contains(bad), "{why}; it logged:\n{said}");
        }
    }

    #[test]
    fn with_port_0_it_announces_the_port_it_really_got() {
        let mut program = Program::start(&[("PORT", "0"), ("DATABASE_URL", "sqlite:app.db")]);
        let addr = program.addr();
        let why = "PORT=0 asks the system for any free port; the `listening` line must say which \
                   one it got (`listener.local_addr()`), or nobody can connect";
        assert_ne!(addr.port(), 0, "{why}");
        let response = http::get_from(&mut program, addr, "/");
        let why = "the announced address serves the app";
        assert_eq!(response.body, "hello\n", "{why}");
    }
}

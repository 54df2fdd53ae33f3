// process1: the program, seen from outside
//
// An operator never calls your functions. A supervisor (Kubernetes, systemd, Docker) starts
// the binary with some environment variables and then only sees three things: its exit
// status, its stdout/stderr, and its port. So:
//
// - A program that cannot work must exit with a non-zero status. Exit 0 means "finished
//   fine": the supervisor will not restart it or raise an alarm, and a deploy looks green
//   while nothing is serving. sysexits.h has a code for a bad configuration: 78.
// - With `PORT=0` the system picks a free port (tests and local runs do this). Announce the
//   address you actually bound, read from the listener, not the port you asked for.
//
// The tests start this program as a separate process, with environment variables of their
// choosing, and read its JSON log lines (see the README for how).

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
use config::Config;
use serde_json::json;
use std::collections::HashMap;
use tokio::net::TcpListener;

pub fn app() -> Router {
    Router::new().route("/", get(|| async { "hello\n" }))
}

async fn run(vars: HashMap<String, String>) -> i32 {
    let config = match Config::from_vars(&vars) {
        Ok(config) => config,
        Err(e) => {
            log::error("bad configuration", json!({ "error": e.to_string() }));
            return 78; // EX_CONFIG
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", config.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            log::error(
                "cannot listen",
                json!({ "port": config.port, "error": e.to_string() }),
            );
            return 1;
        }
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
        Err(e) => {
            log::error("server failed", json!({ "error": e.to_string() }));
            1
        }
    }
}

fn main() {
    process::main(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http;
    use process::{PATIENCE, Program};

    /// Becomes the program when a test starts this binary with BACKLINGS_SERVE=1.
    #[test]
    fn server_entry() {
        process::entry(run);
    }

    #[test]
    fn a_bad_configuration_exits_with_a_failure_status() {
        for (port, bad) in [("80a0", "PORT"), ("0", "DATABASE_URL")] {
            let vars = [("PORT", port)];
            let vars = if bad == "PORT" {
                vec![vars[0], ("DATABASE_URL", "sqlite:app.db")]
            } else {
                vars.to_vec()
            };
            let mut program = Program::start(&vars);
            let Some(status) = program.wait(PATIENCE) else {
                panic!(
                    "with a bad {bad}, the program should exit at once\n{}",
                    program.report()
                );
            };
            assert!(
                status.code().is_some_and(|code| code != 0),
                "with a bad {bad}, the program {}: a failed start must exit non-zero (78 is EX_CONFIG) so the supervisor restarts it and raises an alarm\n{}",
                process::describe(status),
                program.report()
            );
            let said = program.rest_of_stdout(PATIENCE).join("\n");
            assert!(
                said.contains(bad),
                "the error it logs names the variable {bad}; it logged:\n{said}"
            );
        }
    }

    #[test]
    fn with_port_0_it_announces_the_port_it_really_got() {
        let mut program = Program::start(&[("PORT", "0"), ("DATABASE_URL", "sqlite:app.db")]);
        let addr = program.addr();
        assert_ne!(
            addr.port(),
            0,
            "PORT=0 asks the system for any free port; the `listening` line must say which one it got (`listener.local_addr()`), or nobody can connect"
        );
        let response = http::get(addr, "/")
            .unwrap_or_else(|e| panic!("GET / on {addr} failed: {e}\n{}", program.report()));
        assert_eq!(
            (response.status, response.body.as_str()),
            (200, "hello\n"),
            "the announced address serves the app"
        );
    }
}
